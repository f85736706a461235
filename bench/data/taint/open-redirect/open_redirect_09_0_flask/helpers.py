from flask import redirect


def bounce(where):
    return redirect(where)
