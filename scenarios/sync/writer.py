"""The application during the move: about 200 writes/s until STOP exists (inserts, updates,
deletes, an email changed, stock moved), each its own transaction, as a web app's requests."""
import os, random, sqlite3, sys, time

db, stop = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, timeout=5, isolation_level=None)
rnd = random.Random(7)
n = 2000
while not os.path.exists(stop):
    n += 1
    c.execute("INSERT INTO orders VALUES (?, ?, ?, datetime('now'))", (n, rnd.randint(1, 500), n * 0.5))
    r = rnd.random()
    if r < 0.3:
        c.execute("UPDATE stock SET qty = qty - 1 WHERE sku = ?", ("SKU-%d" % rnd.randint(1, 100),))
    elif r < 0.4:
        c.execute("DELETE FROM orders WHERE id = ?", (rnd.randint(1, n),))
    elif r < 0.45:
        i = rnd.randint(1, 500)
        c.execute("UPDATE customers SET email = ? WHERE id = ?", ("c%d-%d@example.com" % (i, n), i))
    time.sleep(0.005)
print("writer: %d orders written" % (n - 2000))
