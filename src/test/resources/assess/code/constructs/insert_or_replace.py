# Stands for: the settings and cache tables of small Python apps, written with
# INSERT OR REPLACE because SQLite had no upsert before 3.24.
def put(db, key, value):
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (%s, %s)", (key, value))  # expect: insert-or-replace
    db.execute(
        """
        INSERT OR IGNORE INTO seen (key) VALUES (%s) -- expect: insert-or-ignore
        """,
        (key,),
    )
    # INSERT OR REPLACE would also do; a comment, not found
    log.info("INSERT OR REPLACE failed, retrying")  # a log message, not SQL
