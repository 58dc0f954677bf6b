# Stands for: Python apps computing ages and durations in days with julianday().
def overdue(db):
    return db.execute(
        "SELECT id FROM loans WHERE julianday('now') - julianday(due) > 14"  # expect: julianday
    ).fetchall()
    # julianday() would be simpler here: a comment
