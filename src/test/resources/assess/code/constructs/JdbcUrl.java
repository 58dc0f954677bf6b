// Stands for: a Java application on org.xerial's sqlite-jdbc (DriverManager with a jdbc:sqlite:
// URL), and Hibernate's community SQLiteDialect.
import java.sql.Connection;
import java.sql.DriverManager;
import org.sqlite.SQLiteConfig; // expect: java-driver

class JdbcUrl {
  /* The old code used "jdbc:sqlite:app.db" here; a block comment, not found. */
  Connection open() throws Exception {
    String dialect = "org.hibernate.community.dialect.SQLiteDialect"; // expect: java-driver
    // JDBC's ? placeholders work with pgjdbc too: not a finding in Java.
    var ps = DriverManager.getConnection("jdbc:sqlite:data/app.db") // expect: connection-url, sqlite-file-path
        .prepareStatement("SELECT name FROM items WHERE id = ?");
    return null;
  }
}
