# Stands for: FastAPI's SQL tutorial (docs_src/sql_databases), SQLAlchemy on a SQLite file with
# connect_args={"check_same_thread": False}; and peewee's SqliteDatabase.
from sqlalchemy import create_engine

SQLALCHEMY_DATABASE_URL = "sqlite:///./sql_app.db"  # expect: connection-url, sqlite-file-path
# SQLALCHEMY_DATABASE_URL = "sqlite:///./old.db"  (commented out)
engine = create_engine(
    SQLALCHEMY_DATABASE_URL, connect_args={"check_same_thread": False}  # expect: python-check-same-thread
)
memory = create_engine("sqlite://")  # expect: connection-url
db = SqliteDatabase("people.sqlite3")  # expect: peewee-database, sqlite-file-path
HELP = "the default is a SQLite file"
