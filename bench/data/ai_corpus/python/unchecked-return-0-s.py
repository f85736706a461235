# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="drop privileges after binding the port"
import ctypes

libc = ctypes.CDLL("libc.so.6", use_errno=True)


def drop_privileges(uid, gid):
    if libc.setgid(gid) != 0 or libc.setuid(uid) != 0:
        raise OSError(ctypes.get_errno(), "could not drop privileges")
