package dev.sqlite2pg.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.catalog.Check;
import dev.sqlite2pg.catalog.Column;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateTableParserTest {

  @Test
  void djangoCheckAndDeferrableForeignKeys() {
    // django_djangoproject_com.sqlite3
    ParsedTable t =
        CreateTableParser.parse(
            "CREATE TABLE IF NOT EXISTS \"django_admin_log\" "
                + "(\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"object_id\" text NULL, "
                + "\"object_repr\" varchar(200) NOT NULL, \"action_flag\" smallint unsigned NOT NULL "
                + "CHECK (\"action_flag\" >= 0), \"change_message\" text NOT NULL, \"content_type_id\" "
                + "integer NULL REFERENCES \"django_content_type\" (\"id\") DEFERRABLE INITIALLY DEFERRED, "
                + "\"user_id\" integer NOT NULL REFERENCES \"auth_user\" (\"id\") DEFERRABLE INITIALLY "
                + "DEFERRED, \"action_time\" datetime NOT NULL);");
    assertThat(t.name()).isEqualTo("django_admin_log");
    assertThat(t.columns()).hasSize(8);
    assertThat(t.column("ID").orElseThrow().autoincrement()).isTrue();
    ParsedColumn flag = t.column("action_flag").orElseThrow();
    assertThat(flag.declaredType()).isEqualTo("smallint unsigned");
    assertThat(flag.checks()).containsExactly(new Check(Optional.empty(), "\"action_flag\" >= 0"));
    assertThat(t.foreignKeys())
        .extracting(ParsedForeignKey::fromColumns)
        .containsExactly(List.of("content_type_id"), List.of("user_id"));
    assertThat(t.foreignKeys()).allMatch(fk -> fk.deferrable() && fk.initiallyDeferred());
    assertThat(t.foreignKeys().get(1).toTable()).isEqualTo("auth_user");
    assertThat(t.foreignKeyByPragmaId(0).orElseThrow().fromColumns()).containsExactly("user_id");
  }

  @Test
  void datasetteForeignKeysSeparatedByWhitespaceOnly() {
    // datasette_fixtures.db, table foreign_key_references: no comma between the last two.
    ParsedTable t =
        CreateTableParser.parse(
            "CREATE TABLE foreign_key_references (\n"
                + "  pk varchar(30) primary key,\n"
                + "  foreign_key_with_label varchar(30),\n"
                + "  foreign_key_with_blank_label varchar(30),\n"
                + "  foreign_key_with_no_label varchar(30),\n"
                + "  foreign_key_compound_pk1 varchar(30),\n"
                + "  foreign_key_compound_pk2 varchar(30),\n"
                + "  FOREIGN KEY (foreign_key_with_label) REFERENCES simple_primary_key(id),\n"
                + "  FOREIGN KEY (foreign_key_with_blank_label) REFERENCES simple_primary_key(id),\n"
                + "  FOREIGN KEY (foreign_key_with_no_label) REFERENCES primary_key_multiple_columns(id)\n"
                + "  FOREIGN KEY (foreign_key_compound_pk1, foreign_key_compound_pk2) "
                + "REFERENCES compound_primary_key(pk1, pk2)\n"
                + ")");
    assertThat(t.columns()).hasSize(6);
    assertThat(t.foreignKeys()).hasSize(4);
    assertThat(t.foreignKeys().get(3).fromColumns())
        .containsExactly("foreign_key_compound_pk1", "foreign_key_compound_pk2");
    assertThat(t.foreignKeys().get(3).toColumns()).containsExactly("pk1", "pk2");
    assertThat(t.foreignKeys().get(2).toTable()).isEqualTo("primary_key_multiple_columns");
  }

  @Test
  void pgloaderTypeZoo() {
    // pgloader_sqlite.db
    assertThat(
            CreateTableParser.parse("CREATE TABLE double(x \"double precision\", y real)")
                .column("x")
                .orElseThrow()
                .declaredType())
        .isEqualTo("double precision");
    ParsedTable unsigned =
        CreateTableParser.parse(
            "CREATE TABLE unsigned(id integer not null, "
                + "action_flag smallint unsigned not null, s short integer)");
    assertThat(unsigned.columns())
        .extracting(ParsedColumn::declaredType)
        .containsExactly("integer", "smallint unsigned", "short integer");
    ParsedColumn id =
        CreateTableParser.parse(
                "CREATE TABLE autoinc(id integer auto_increment primary key, ticket text)")
            .column("id")
            .orElseThrow();
    // SQLite reads auto_increment as part of the type; it is not AUTOINCREMENT.
    assertThat(id.declaredType()).isEqualTo("integer auto_increment");
    assertThat(id.primaryKey()).isTrue();
    assertThat(id.autoincrement()).isFalse();
    ParsedTable t548 =
        CreateTableParser.parse("CREATE TABLE t548(foo numeric(20, 6), bar numeric(12,4))");
    assertThat(t548.columns())
        .extracting(ParsedColumn::declaredType)
        .containsExactly("numeric(20, 6)", "numeric(12,4)");
  }

  @Test
  void pgloaderDefaults() {
    // pgloader_sqlite.db
    assertThat(
            defaultOf(
                "CREATE TABLE typenames(id integer primary key autoincrement, "
                    + "is_public integer default '\"0\"', name text nocase)",
                "is_public"))
        .isEqualTo("'\"0\"'");
    assertThat(
            defaultOf(
                "CREATE TABLE appointments (time TIMESTAMP DEFAULT "
                    + "(strftime('%Y-%m-%d %H:%M:%f', 'now')))",
                "time"))
        .isEqualTo("(strftime('%Y-%m-%d %H:%M:%f', 'now'))");
    assertThat(
            defaultOf(
                "CREATE TABLE currentdate (id integer primary key, "
                    + "my_value datetime default current_date)",
                "my_value"))
        .isEqualTo("current_date");
    assertThat(
            defaultOf(
                "CREATE TABLE def(id integer primary key autoincrement, "
                    + "f1 text default \"\", f2 text)",
                "f1"))
        .isEqualTo("\"\"");
    assertThat(defaultOf("CREATE TABLE t(x int default -1)", "x")).isEqualTo("-1");
    // a word that follows the type is still type, as in SQLite: "text nocase"
    assertThat(
            CreateTableParser.parse("CREATE TABLE typenames(name text nocase)")
                .column("name")
                .orElseThrow()
                .collation())
        .isEmpty();
  }

  @Test
  void pocketBaseBackticksAndExpressionDefaults() {
    // pocketbase_auxiliary.db
    ParsedTable t =
        CreateTableParser.parse(
            "CREATE TABLE `_logs` (\n"
                + "\t\t\t\t`id`      TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,\n"
                + "\t\t\t\t`level`   INTEGER DEFAULT 0 NOT NULL,\n"
                + "\t\t\t\t`message` TEXT DEFAULT \"\" NOT NULL,\n"
                + "\t\t\t\t`data`    JSON DEFAULT \"{}\" NOT NULL,\n"
                + "\t\t\t\t`created` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL,\n"
                + "\t\t\t\t`updated` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL\n"
                + "\t\t\t)");
    assertThat(t.name()).isEqualTo("_logs");
    assertThat(t.column("id").orElseThrow().defaultSql())
        .contains("('r'||lower(hex(randomblob(7))))");
    assertThat(t.column("data").orElseThrow().defaultSql()).contains("\"{}\"");
    assertThat(t.column("data").orElseThrow().declaredType()).isEqualTo("JSON");
  }

  @Test
  void northwindBracketsAndTableChecks() {
    // northwind.sqlite
    ParsedTable t =
        CreateTableParser.parse(
            "CREATE TABLE [Order Details](\n"
                + "   [OrderID]INTEGER NOT NULL,\n"
                + "   [ProductID]INTEGER NOT NULL,\n"
                + "   [UnitPrice]NUMERIC NOT NULL DEFAULT 0,\n"
                + "   [Quantity]INTEGER NOT NULL DEFAULT 1,\n"
                + "   [Discount]REAL NOT NULL DEFAULT 0,\n"
                + "    PRIMARY KEY (\"OrderID\",\"ProductID\"),\n"
                + "    CHECK ([Discount]>=(0) AND [Discount]<=(1)),\n"
                + "    CHECK ([Quantity]>(0)),\n"
                + "    CHECK ([UnitPrice]>=(0)),\n"
                + "\tFOREIGN KEY ([OrderID]) REFERENCES [Orders] ([OrderID]) \n"
                + "\t\tON DELETE NO ACTION ON UPDATE NO ACTION,\n"
                + "\tFOREIGN KEY ([ProductID]) REFERENCES [Products] ([ProductID]) \n"
                + "\t\tON DELETE NO ACTION ON UPDATE NO ACTION\n"
                + ")");
    assertThat(t.name()).isEqualTo("Order Details");
    assertThat(t.columns())
        .extracting(ParsedColumn::name)
        .containsExactly("OrderID", "ProductID", "UnitPrice", "Quantity", "Discount");
    assertThat(t.column("orderid").orElseThrow().primaryKey()).isTrue();
    assertThat(t.checks())
        .extracting(Check::expressionSql)
        .containsExactly(
            "[Discount]>=(0) AND [Discount]<=(1)", "[Quantity]>(0)", "[UnitPrice]>=(0)");
    assertThat(t.foreignKeys())
        .extracting(ParsedForeignKey::toTable)
        .containsExactly("Orders", "Products");
  }

  @Test
  void namedChecksCollationGeneratedColumnsAndOptions() {
    ParsedTable t =
        CreateTableParser.parse(
            "CREATE TABLE t (a TEXT COLLATE nocase, "
                + "b INT GENERATED ALWAYS AS (a || 'x') STORED, c AS (length(a)), "
                + "d INT CONSTRAINT d_pos CHECK (d > 0), "
                + "CONSTRAINT price_greater_than_zero CHECK (d > 0), PRIMARY KEY (d AUTOINCREMENT)"
                + ") WITHOUT ROWID, STRICT");
    assertThat(t.column("A").orElseThrow().collation()).contains("NOCASE");
    ParsedColumn b = t.column("b").orElseThrow();
    assertThat(b.generated()).isEqualTo(Column.Generated.STORED);
    assertThat(b.generatedSql()).contains("a || 'x'");
    assertThat(b.declaredType()).isEqualTo("INT");
    ParsedColumn c = t.column("c").orElseThrow();
    assertThat(c.generated()).isEqualTo(Column.Generated.VIRTUAL);
    assertThat(c.declaredType()).isEmpty();
    assertThat(t.column("d").orElseThrow().checks())
        .containsExactly(new Check(Optional.of("d_pos"), "d > 0"));
    assertThat(t.column("d").orElseThrow().autoincrement()).isTrue();
    assertThat(t.checks())
        .containsExactly(new Check(Optional.of("price_greater_than_zero"), "d > 0"));
    assertThat(t.withoutRowid()).isTrue();
    assertThat(t.strict()).isTrue();
  }

  @Test
  void deferrableVariants() {
    ParsedTable t =
        CreateTableParser.parse(
            "CREATE TABLE c(a REFERENCES p DEFERRABLE INITIALLY "
                + "IMMEDIATE, b REFERENCES p NOT DEFERRABLE, c, FOREIGN KEY (c) REFERENCES p(id) "
                + "ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE)");
    assertThat(t.foreignKeys())
        .extracting(ParsedForeignKey::deferrable)
        .containsExactly(true, false, true);
    assertThat(t.foreignKeys())
        .extracting(ParsedForeignKey::initiallyDeferred)
        .containsExactly(false, false, false);
    assertThat(t.foreignKeys().get(2).onDelete()).isEqualTo("SET NULL");
    assertThat(t.foreignKeys().get(2).onUpdate()).isEqualTo("CASCADE");
    assertThat(t.foreignKeys().get(0).toColumns()).isEmpty();
  }

  /** Real SQLite numbers foreign keys from the last declared one; ParsedTable agrees. */
  @Test
  void pragmaForeignKeyIdsMatchRealSqlite() throws Exception {
    String ddl =
        "CREATE TABLE c(x REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED, y REFERENCES p,"
            + " z, w, FOREIGN KEY (z) REFERENCES p(id), FOREIGN KEY(z,w) REFERENCES p(a,b) "
            + "FOREIGN KEY (w) REFERENCES p(id) ON DELETE CASCADE)";
    ParsedTable parsed = CreateTableParser.parse(ddl);
    List<String> fromSqlite = new ArrayList<>();
    List<String> fromParser = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE p(id INTEGER PRIMARY KEY, a, b, UNIQUE(a,b))");
      s.execute(ddl);
      try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(c)")) {
        while (rs.next()) {
          if (rs.getInt("seq") == 0) {
            ParsedForeignKey fk = parsed.foreignKeyByPragmaId(rs.getInt("id")).orElseThrow();
            fromSqlite.add(
                rs.getInt("id") + ":" + rs.getString("from") + ":" + rs.getString("on_delete"));
            fromParser.add(
                fk.pragmaId(parsed.foreignKeys().size())
                    + ":"
                    + fk.fromColumns().get(0)
                    + ":"
                    + fk.onDelete());
          }
        }
      }
    }
    assertThat(fromParser).hasSize(5).isEqualTo(fromSqlite);
  }

  private static String defaultOf(String sql, String column) {
    return CreateTableParser.parse(sql).column(column).orElseThrow().defaultSql().orElseThrow();
  }
}
