# Stands for: apps that store booleans as 0/1 in SQLite (Django's SQLite backend does) and
# compare with = 1 in raw SQL.
def active_users(db):
    return db.execute("SELECT * FROM users WHERE is_active = 1").fetchall()  # expect: boolean-compare
    # WHERE is_active = 1 (comment)


def flags():
    return {"is_active = 1": "a dict key"}
