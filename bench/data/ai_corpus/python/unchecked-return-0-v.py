# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="drop privileges after binding the port"
import ctypes

libc = ctypes.CDLL("libc.so.6")


def drop_privileges(uid, gid):
    libc.setgid(gid)
    libc.setuid(uid)
