def run_snippet(src):
    namespace = {}
    exec(src, namespace)
    return namespace
