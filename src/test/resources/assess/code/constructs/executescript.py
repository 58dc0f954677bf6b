# Stands for: Flask's tutorial init_db(), which runs schema.sql with executescript.
def init_db(db):  # expect: init-db-function
    """Clear existing data and create new tables with executescript()."""
    with open("schema.sql") as f:
        db.executescript(f.read())  # expect: executescript
