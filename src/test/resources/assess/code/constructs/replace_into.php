<!DOCTYPE html>
<p>Stands for: PHP applications on PDO's SQLite driver that write REPLACE INTO (the MySQL
spelling SQLite accepts). This HTML isn't code: its apostrophe opens no string.</p>
<?php
$pdo = new PDO('sqlite:' . __DIR__ . '/app.sqlite'); // expect: connection-url, sqlite-file-path
# REPLACE INTO in a hash comment, not found
$pdo->exec("REPLACE INTO counters (name, n) VALUES ('hits', 1)"); // expect: replace-into
$sql = <<<SQL
  INSERT OR REPLACE INTO counters (name, n) VALUES (:name, :n) -- expect: insert-or-replace
  SQL;
$db = new SQLite3('cache.db'); // expect: php-driver, sqlite-file-path
$id = $db->lastInsertRowID(); // expect: last-insert-id-api
echo 'Use REPLACE INTO for upserts';
?>
<p>REPLACE INTO counters ... shown as text</p>
