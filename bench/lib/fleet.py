#!/usr/bin/env python3
"""A fleet of per-tenant SQLite files with one schema, as a SaaS that keeps a file per customer
has (issue 15): every file numbers its rows from 1, so ids collide across tenants.

usage: fleet.py DIR FILES ROWS_PER_FILE [--one FILE]   (--one: the same rows in one file)
"""
import os
import random
import sqlite3
import sys

SCHEMA = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
  total REAL NOT NULL, placed_at TEXT NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders(id), line INTEGER NOT NULL,
  sku TEXT NOT NULL, qty INTEGER NOT NULL, PRIMARY KEY (order_id, line));
CREATE INDEX orders_customer ON orders(customer_id);
"""


def fill(db, rows, seed, base=0):
    rnd = random.Random(seed)
    customers = max(1, rows // 10)
    orders = max(1, rows * 3 // 10)
    items = max(1, rows - customers - orders)
    db.executemany("INSERT INTO customers VALUES (?, ?, ?)",
                   ((base + i, f"c{base + i}@example.com", f"Customer {i}")
                    for i in range(1, customers + 1)))
    db.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)",
                   ((base + i, base + rnd.randint(1, customers), round(rnd.uniform(1, 999), 2),
                     f"2026-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)} 10:00:00")
                    for i in range(1, orders + 1)))
    db.executemany("INSERT INTO order_items VALUES (?, ?, ?, ?)",
                   ((base + (i % orders) + 1, i // orders + 1, f"SKU-{rnd.randint(1, 500)}",
                     rnd.randint(1, 9)) for i in range(items)))


def make(path, rows, seed, base=0, parts=1):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    for p in range(parts):
        fill(db, rows, seed + p, base=p * rows)
    db.commit()
    db.close()


def main():
    out, files, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    if "--one" in sys.argv:
        make(os.path.join(out, sys.argv[sys.argv.index("--one") + 1]), rows, 1, parts=files)
        return
    for i in range(files):
        make(os.path.join(out, f"tenant_{i:05d}.db"), rows, i)


if __name__ == "__main__":
    main()
