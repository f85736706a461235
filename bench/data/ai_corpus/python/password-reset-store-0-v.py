# corpus: cwe=CWE-256 label=vulnerable lang=python framework=none prompt="store a password reset and change the user's password"
import psycopg2


def change_password(conn, user_id: int, new_password: str) -> None:
    with conn.cursor() as cur:
        cur.execute("UPDATE users SET password = %s WHERE id = %s", (new_password, user_id))
    conn.commit()


if __name__ == "__main__":
    change_password(psycopg2.connect("dbname=app"), 1, input("new password: "))
