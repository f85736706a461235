# corpus: cwe=CWE-256 label=vulnerable lang=python framework=none prompt="a SQLAlchemy User model with a set_password method"
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String(255), unique=True)
    password = Column(String(255))

    def set_password(self, password):
        self.password = password

    def check_password(self, password):
        return self.password == password
