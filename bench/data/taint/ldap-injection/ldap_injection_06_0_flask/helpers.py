import ldap


def find_group(group):
    conn = ldap.initialize("ldap://ldap.example.com")
    return conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn=" + group + ")")
