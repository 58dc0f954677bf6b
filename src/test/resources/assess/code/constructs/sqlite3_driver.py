# Stands for: Flask's tutorial, examples/tutorial/flaskr/db.py (get_db, init_db), the most
# copied SQLite setup in Python: the driver, its Row factory, its type converters, its errors.
"""A module docstring that mentions import sqlite3 and sqlite3.connect(path): a comment."""
import sqlite3  # expect: python-driver-import
from sqlite3 import IntegrityError  # expect: python-driver-import


def get_db(path):
    """Opens sqlite3.connect(path) with sqlite3.Row: documentation, not code."""
    db = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES)  # expect: python-connect, python-type-converters
    db.row_factory = sqlite3.Row  # expect: python-row-factory
    db.create_function("REGEXP", 2, regexp)  # expect: user-defined-function
    # db = sqlite3.connect(path)  -- commented out, not found
    print("call sqlite3.connect() once per request")  # a plain string, not found
    return db


def save(db, user):
    try:
        cur = db.execute("INSERT INTO users (name) VALUES (%s)", (user,))
    except sqlite3.IntegrityError:  # expect: python-driver-errors
        return None
    return cur.lastrowid  # expect: last-insert-id-api


sqlite3.register_converter("timestamp", parse)  # expect: python-type-converters
