# corpus: cwe=CWE-256 label=safe lang=python framework=none prompt="store a password reset and change the user's password"
import psycopg2
from argon2 import PasswordHasher

ph = PasswordHasher()


def change_password(conn, user_id: int, new_password: str) -> None:
    with conn.cursor() as cur:
        cur.execute("UPDATE users SET password = %s WHERE id = %s", (ph.hash(new_password), user_id))
    conn.commit()


if __name__ == "__main__":
    change_password(psycopg2.connect("dbname=app"), 1, input("new password: "))
