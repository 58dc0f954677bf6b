// Stands for: JDBC code that reads the new key with SELECT last_insert_rowid() after an INSERT.
class Ids {
  long last(java.sql.Connection c) throws Exception {
    try (var rs = c.createStatement().executeQuery("SELECT last_insert_rowid()")) { // expect: last-insert-rowid
      rs.next();
      return rs.getLong(1);
    }
  }
}
