# Stands for: Flask's tutorial, flaskr/blog.py ("SELECT ... WHERE p.id = ?" built from two strings),
# the sqlite3 module's qmark style, which psycopg does not accept.
def get_post(db, id_):
    return db.execute(
        "SELECT p.id, title, body FROM post p"
        " WHERE p.id = ?",  # expect: qmark-placeholder
        (id_,),
    ).fetchone()


def ok(db, id_):
    db.execute("SELECT '?' AS literal_mark FROM post WHERE id = %s", (id_,))
    print("Are you sure?")  # not SQL
