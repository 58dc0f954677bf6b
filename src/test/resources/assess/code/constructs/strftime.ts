// Stands for: the corpus's pocketbase_auxiliary.db (strftime in its defaults) and Node apps
// grouping by month with strftime('%Y-%m', ...).
const byMonth: string = `
  SELECT strftime('%Y-%m', created) AS month, count(*) -- expect: strftime
  FROM orders GROUP BY 1`;
const label = "strftime('%Y') formats the year"; // not SQL
// strftime in a comment
