package dev.sqlite2pg.translate;

import static dev.sqlite2pg.translate.SqlTranslatorExpressionTest.FOLD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlTranslatorViewTest {

  private final SqlTranslator translator = new SqlTranslator();

  private String ok(SqlTranslator t, String view) {
    Translation result = t.translateView(view, FOLD, FOLD);
    assertThat(result.failure()).as(view).isEmpty();
    return result.sql().orElseThrow();
  }

  private String ok(String view) {
    return ok(translator, view);
  }

  private String refused(String view) {
    Translation result = translator.translateView(view, FOLD, FOLD);
    assertThat(result.sql()).as(view).isEmpty();
    return result.failure().orElseThrow();
  }

  @Test
  void pgloaderMatviewOverABooleanColumn() {
    // pgloader_matviews.sqlite
    String view =
        "CREATE VIEW active_products AS\n"
            + "    SELECT id, name, price FROM products WHERE active = 1";
    assertThat(ok(new SqlTranslator(Set.of("active"), false), view))
        .isEqualTo(
            "CREATE VIEW \"active_products\" AS SELECT \"id\", \"name\", \"price\" "
                + "FROM \"products\" WHERE \"active\" = true");
    assertThat(ok(view)).endsWith("WHERE \"active\" = 1");
  }

  @Test
  void datasetteConcatenationAndAliases() {
    // datasette_fixtures.db
    assertThat(
            ok(
                "CREATE VIEW paginated_view AS\n    SELECT\n        content,\n"
                    + "        '- ' || content || ' -' AS content_extra\n    FROM no_primary_key"))
        .isEqualTo(
            "CREATE VIEW \"paginated_view\" AS SELECT \"content\", '- ' || \"content\" "
                + "|| ' -' AS \"content_extra\" FROM \"no_primary_key\"");
  }

  @Test
  void sakilaTableAliasesAndCase() {
    // sakila.sqlite, customer_list (abridged: the joins as in the original)
    String view =
        "CREATE VIEW customer_list\nAS\nSELECT cu.customer_id AS ID,\n"
            + "       cu.first_name||' '||cu.last_name AS name,\n"
            + "       case when cu.active=1 then 'active' else '' end AS notes\n"
            + "FROM customer AS cu JOIN address AS a ON cu.address_id = a.address_id "
            + "JOIN city ON a.city_id = city.city_id";
    assertThat(ok(view))
        .isEqualTo(
            "CREATE VIEW \"customer_list\" AS SELECT \"cu\".\"customer_id\" "
                + "AS \"id\", \"cu\".\"first_name\" || ' ' || \"cu\".\"last_name\" AS \"name\", CASE WHEN "
                + "\"cu\".\"active\" = 1 THEN 'active' ELSE '' END AS \"notes\" FROM \"customer\" AS \"cu\" "
                + "JOIN \"address\" AS \"a\" ON \"cu\".\"address_id\" = \"a\".\"address_id\" JOIN \"city\" "
                + "ON \"a\".\"city_id\" = \"city\".\"city_id\"");
  }

  @Test
  void northwindBracketsStarsAndBareAliases() {
    // northwind.sqlite, ProductDetails_V
    String view =
        "CREATE VIEW [ProductDetails_V] as\nselect \np.*, \n"
            + "c.CategoryName, c.Description as [CategoryDescription],\n"
            + "s.CompanyName as [SupplierName], s.Region as [SupplierRegion]\n"
            + "from [Products] p\njoin [Categories] c on p.CategoryId = c.CategoryId\n"
            + "join [Suppliers] s on s.SupplierId = p.SupplierId";
    assertThat(ok(view))
        .isEqualTo(
            "CREATE VIEW \"productdetails_v\" AS SELECT \"p\".*, "
                + "\"c\".\"categoryname\", \"c\".\"description\" AS \"categorydescription\", "
                + "\"s\".\"companyname\" AS \"suppliername\", \"s\".\"region\" AS \"supplierregion\" "
                + "FROM \"products\" AS \"p\" JOIN \"categories\" AS \"c\" ON \"p\".\"categoryid\" = "
                + "\"c\".\"categoryid\" JOIN \"suppliers\" AS \"s\" ON \"s\".\"supplierid\" = "
                + "\"p\".\"supplierid\"");
  }

  @Test
  void northwindDatetimeConstantsFold() {
    // northwind.sqlite, Quarterly Orders
    String view =
        "CREATE VIEW [Quarterly Orders] AS\nSELECT DISTINCT Customers.CustomerID, \n"
            + "                Customers.CompanyName\nFROM Customers \n"
            + "     JOIN Orders ON Customers.CustomerID = Orders.CustomerID\n"
            + "WHERE Orders.OrderDate BETWEEN DATETIME('1997-01-01') And DATETIME('1997-12-31')";
    assertThat(ok(view))
        .endsWith(
            "WHERE \"orders\".\"orderdate\" BETWEEN '1997-01-01 00:00:00' "
                + "AND '1997-12-31 00:00:00'");
  }

  @Test
  void northwindStringArithmeticIsRefused() {
    // northwind.sqlite, Invoices: (Employees.FirstName + ' ' + Employees.LastName) AS Salesperson
    assertThat(
            refused(
                "CREATE VIEW [Invoices] AS SELECT (Employees.FirstName + ' ' + "
                    + "Employees.LastName) AS Salesperson FROM Employees"))
        .contains("string literal");
  }

  @Test
  void pocketBaseSubqueriesGetAliases() {
    // pocketbase_data.db, numeric_id_view
    String view =
        "CREATE VIEW `numeric_id_view` AS SELECT * FROM (SELECT CAST(`id` as TEXT) `id`,"
            + "`email` FROM (select (ROW_NUMBER() OVER()) as id, email from clients))";
    assertThat(ok(view))
        .isEqualTo(
            "CREATE VIEW \"numeric_id_view\" AS SELECT * FROM (SELECT "
                + "CAST(\"id\" AS text) \"id\", \"email\" FROM (SELECT (row_number() OVER ()) AS \"id\", "
                + "\"email\" FROM \"clients\") AS \"subquery1\") AS \"subquery2\"");
  }

  @Test
  void groupConcatBecomesStringAgg() {
    assertThat(
            ok(
                "CREATE VIEW v AS SELECT f.title, group_concat(a.name, ', ') AS actors "
                    + "FROM film f JOIN actor a ON a.film_id = f.id GROUP BY f.title"))
        .contains("string_agg((\"a\".\"name\")::text, ', ') AS \"actors\"");
  }

  @Test
  void sqliteColumnNamesCanBeImposed() {
    // datasette_fixtures.db, simple_view: SQLite names the second column "upper_content"
    Translation t =
        translator.translateView(
            "CREATE VIEW simple_view AS\n"
                + "    SELECT content, upper(content) FROM simple_primary_key",
            List.of("content", "upper(content)"),
            FOLD,
            FOLD);
    assertThat(t.sql())
        .contains(
            "CREATE VIEW \"simple_view\" (\"content\", \"upper(content)\") AS "
                + "SELECT \"content\", upper(\"content\") FROM \"simple_primary_key\"");
  }

  @Test
  void duckdbUnixepochViewIsRefused() {
    // duckdb_unsupported_view.db
    assertThat(refused("CREATE VIEW ts AS SELECT unixepoch(time) FROM whoops"))
        .contains("unixepoch()");
  }

  @Test
  void otherQueryShapes() {
    assertThat(ok("CREATE VIEW v AS SELECT a, b FROM t1 LEFT OUTER JOIN t2 USING (id)"))
        .isEqualTo(
            "CREATE VIEW \"v\" AS SELECT \"a\", \"b\" FROM \"t1\" LEFT OUTER JOIN \"t2\" "
                + "USING (\"id\")");
    assertThat(ok("CREATE VIEW v AS SELECT a FROM (SELECT a FROM t) sub WHERE sub.a > 0"))
        .endsWith("FROM (SELECT \"a\" FROM \"t\") AS \"sub\" WHERE \"sub\".\"a\" > 0");
    assertThat(
            ok(
                "CREATE VIEW v AS SELECT sum(a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN "
                    + "UNBOUNDED PRECEDING AND CURRENT ROW) FROM main.t"))
        .endsWith(
            "OVER (PARTITION BY \"b\" ORDER BY \"c\" ROWS BETWEEN UNBOUNDED PRECEDING AND "
                + "CURRENT ROW) FROM \"t\"");
    assertThat(refused("CREATE VIEW v AS SELECT value FROM json_each('[1]')"))
        .contains("json_each");
    assertThat(refused("CREATE VIEW v AS WITH x AS (SELECT 1) SELECT * FROM x")).contains("WITH");
    assertThat(refused("CREATE VIEW v AS SELECT x FROM t WHERE d > datetime('now', '-1 day')"))
        .contains("modifiers");
  }

  @Test
  void subqueryInWhereKeepsItsOwnFromClause() {
    // northwind.sqlite, Products Above Average Price
    assertThat(
            ok(
                "CREATE VIEW [Products Above Average Price] AS\nSELECT Products.ProductName, \n"
                    + "       Products.UnitPrice\nFROM Products\n"
                    + "WHERE Products.UnitPrice>(SELECT AVG(UnitPrice) From Products)"))
        .endsWith(
            "WHERE \"products\".\"unitprice\" > (SELECT avg(\"unitprice\") FROM \"products\")");
  }

  @Test
  void northwindTextColumnComparedWithANumberComparesText() {
    // northwind.sqlite, Alphabetical list of products: [Discontinued]TEXT NOT NULL DEFAULT '0'
    SqlTranslator knowsText = new SqlTranslator(Set.of(), Set.of("Discontinued"), false);
    String view =
        "CREATE VIEW [Alphabetical list of products] \nAS\nSELECT Products.*, \n"
            + "       Categories.CategoryName\nFROM Categories \n"
            + "   INNER JOIN Products ON Categories.CategoryID = Products.CategoryID\n"
            + "WHERE (((Products.Discontinued)=0))";
    assertThat(ok(knowsText, view)).endsWith("WHERE (((\"products\".\"discontinued\") = '0'))");
    // northwind.sqlite, Products by Category
    assertThat(
            ok(
                knowsText,
                "CREATE VIEW v AS SELECT 1 FROM Products " + "WHERE Products.Discontinued <> 1"))
        .endsWith("WHERE \"products\".\"discontinued\" <> '1'");
    // An operand larger than the column is left alone.
    assertThat(
            ok(
                knowsText,
                "CREATE VIEW v AS SELECT 1 FROM Products " + "WHERE Discontinued + 1 = 1"))
        .endsWith("+ 1 = 1");
  }
}
