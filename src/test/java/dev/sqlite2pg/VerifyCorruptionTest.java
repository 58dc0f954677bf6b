package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.RowDifference.Kind;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test damages a correctly migrated target in one way; verify must fail and name the table,
 * the key and the column.
 */
@NeedsServer
class VerifyCorruptionTest {

  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void buildSource() {
    db = Fixtures.build("verify_targets", dir);
  }

  private static String migrated() {
    String url = TestPostgres.newDatabase("verify");
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).build().migrate();
    assertThat(r.exitCode()).as("a faithful migration verifies equal").isZero();
    return url;
  }

  private static VerifyResult verifyAfter(String url, String sql, Object... params)
      throws Exception {
    try (Connection c = TestPostgres.connect(url);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      int touched = ps.executeUpdate();
      if (!sql.startsWith("ALTER")) {
        assertThat(touched).as("the corruption touched rows").isPositive();
      }
    }
    return Migrator.configure().source(db).target(new JdbcTarget(url)).build().verify();
  }

  private static RowDifference onlyDifference(VerifyResult r, String table) {
    assertThat(r.equal()).isFalse();
    assertThat(r.exitCode()).isEqualTo(6);
    TableCheck c =
        r.tables().stream().filter(t -> t.sourceTable().equals(table)).findFirst().orElseThrow();
    assertThat(c.equal()).isFalse();
    assertThat(r.tables())
        .filteredOn(t -> !t.sourceTable().equals(table))
        .allSatisfy(t -> assertThat(t.equal()).isTrue());
    assertThat(c.differences()).hasSize(1);
    return c.differences().get(0);
  }

  private static void assertChanged(VerifyResult r, String key, String column) {
    RowDifference d = onlyDifference(r, "items");
    assertThat(d.kind()).isEqualTo(Kind.CHANGED);
    assertThat(d.key()).isEqualTo(key);
    assertThat(d.columns()).containsExactly(column);
  }

  @Test
  void anUntouchedTargetIsEqual() {
    String url = migrated();
    VerifyResult r = Migrator.configure().source(db).target(new JdbcTarget(url)).build().verify();
    assertThat(r.equal()).isTrue();
    assertThat(r.exitCode()).isZero();
    assertThat(r.tables()).extracting(TableCheck::targetRows).containsExactly(2000L, 3L);
  }

  @Test
  void aDeletedRowIsMissing() throws Exception {
    RowDifference d =
        onlyDifference(verifyAfter(migrated(), "DELETE FROM items WHERE id = 1234"), "items");
    assertThat(d.kind()).isEqualTo(Kind.MISSING);
    assertThat(d.key()).isEqualTo("id=1234");
  }

  @Test
  void anAddedRowIsExtra() throws Exception {
    RowDifference d =
        onlyDifference(
            verifyAfter(
                migrated(),
                "INSERT INTO items VALUES" + " (5000, 1, 1.5, 'x', NULL, '2024-01-01', true)"),
            "items");
    assertThat(d.kind()).isEqualTo(Kind.EXTRA);
    assertThat(d.key()).isEqualTo("id=5000");
  }

  @Test
  void aChangedIntegerIsFound() throws Exception {
    assertChanged(
        verifyAfter(migrated(), "UPDATE items SET qty = qty + 1 WHERE id = 77"), "id=77", "qty");
  }

  @Test
  void aFloatChangedInItsLastBitIsFound() throws Exception {
    String url = migrated();
    double price;
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT price FROM items WHERE id = 999")) {
      rs.next();
      price = rs.getDouble(1);
    }
    assertChanged(
        verifyAfter(url, "UPDATE items SET price = ? WHERE id = 999", Math.nextUp(price)),
        "id=999",
        "price");
  }

  @Test
  void aNullReplacedByAnEmptyStringIsFound() throws Exception {
    assertChanged(
        verifyAfter(migrated(), "UPDATE items SET note = '' WHERE id = 3"), "id=3", "note");
  }

  @Test
  void anEmptyStringReplacedByNullIsFound() throws Exception {
    assertChanged(
        verifyAfter(migrated(), "UPDATE items SET note = NULL WHERE id = 4"), "id=4", "note");
  }

  @Test
  void aTrailingSpaceRemovedIsFound() throws Exception {
    assertChanged(
        verifyAfter(migrated(), "UPDATE items SET note = rtrim(note) WHERE id = 5"),
        "id=5",
        "note");
  }

  @Test
  void oneFlippedByteInABlobIsFound() throws Exception {
    assertChanged(
        verifyAfter(
            migrated(),
            "UPDATE items SET photo = set_byte(photo, 7,"
                + " get_byte(photo, 7) # 1) WHERE id = 1500"),
        "id=1500",
        "photo");
  }

  @Test
  void aTimestampMovedByOneMicrosecondIsFound() throws Exception {
    assertChanged(
        verifyAfter(
            migrated(),
            "UPDATE items SET placed_at = placed_at" + " + interval '1 microsecond' WHERE id = 42"),
        "id=42",
        "placed_at");
  }

  @Test
  void aFlippedBooleanIsFound() throws Exception {
    assertChanged(
        verifyAfter(migrated(), "UPDATE items SET paid = NOT paid WHERE id = 1999"),
        "id=1999",
        "paid");
  }

  @Test
  void twoRowsSwappingValuesInATableWithoutKeyAreFound() throws Exception {
    VerifyResult r =
        verifyAfter(
            migrated(),
            "UPDATE audit_log SET action = CASE action"
                + " WHEN 'login' THEN 'logout' ELSE 'login' END WHERE action IN ('login', 'logout')");
    TableCheck c = r.tables().get(1);
    assertThat(c.sourceTable()).isEqualTo("audit_log");
    assertThat(c.equal()).isFalse();
    assertThat(c.targetRows()).isEqualTo(c.expectedRows());
    assertThat(c.missing()).isEqualTo(2);
    assertThat(c.extra()).isEqualTo(2);
    assertThat(c.differences())
        .filteredOn(d -> d.kind() == Kind.MISSING)
        .extracting(RowDifference::key)
        .containsExactlyInAnyOrder("rowid=1", "rowid=2");
    assertThat(r.tables().get(0).equal()).isTrue();
  }

  @Test
  void aColumnNarrowedByHandIsReportedAsChangedValues() throws Exception {
    // As pgloader loads REAL: a 4-byte real cannot hold 3.3000000000000003 so that it reads
    // the same. Those rows differ in that column; they are not "missing" and "extra".
    VerifyResult r = verifyAfter(migrated(), "ALTER TABLE items ALTER COLUMN price TYPE real");
    TableCheck c = r.tables().get(0);
    assertThat(c.equal()).isFalse();
    assertThat(c.missing()).isZero();
    assertThat(c.extra()).isZero();
    assertThat(c.changed()).isPositive();
    assertThat(c.targetRows()).isEqualTo(2000);
    assertThat(c.differences())
        .allSatisfy(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.CHANGED);
              assertThat(d.columns()).containsExactly("price");
            });
  }
}
