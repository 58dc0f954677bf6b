-- Post-data of the baselines once every table is loaded and keyed: foreign keys (validated,
-- as sqlite2pg does when the rows satisfy them) and identity sequences past max(id).
ALTER TABLE orders ADD FOREIGN KEY (account_id) REFERENCES accounts (id);
ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (id);
SELECT setval(pg_get_serial_sequence('accounts', 'id'), max(id)) FROM accounts;
SELECT setval(pg_get_serial_sequence('orders', 'id'), max(id)) FROM orders;
SELECT setval(pg_get_serial_sequence('events', 'id'), max(id)) FROM events;
