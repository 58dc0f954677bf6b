// Stands for: the corpus's pocketbase_auxiliary.db (json_extract in its views) and Node apps
// reading JSON columns with json_extract.
const q = db.prepare(
  "SELECT json_extract(data, '$.name') FROM events WHERE id = ?" // expect: json-extract, qmark-placeholder
);
const doc = 'json_extract reads a path'; // not SQL
