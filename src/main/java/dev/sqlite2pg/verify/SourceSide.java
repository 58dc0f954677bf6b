package dev.sqlite2pg.verify;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.RowValues;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.RowCursor;
import dev.sqlite2pg.sqlite.SourceQueries;
import dev.sqlite2pg.sqlite.SourceRow;
import dev.sqlite2pg.sqlite.SqliteRow;
import dev.sqlite2pg.sqlite.TableReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verification's reads of SQLite: each row is encoded exactly as the copy encodes it, reduced to
 * canonical bytes and hashed. Rows with a value that does not convert are the rejected rows:
 * counted apart, and expected to be absent from the target.
 */
final class SourceSide {

  private final dev.sqlite2pg.sqlite.SqliteSource source;
  private final Connection c;
  private final TablePlan t;
  private final Optional<TableKey> key;
  private final boolean utf8;
  private final ValueEncoder[] enc;
  private final BinaryCopyBuffer scratch = new BinaryCopyBuffer(4096);
  private final RowCanon canon;
  private final boolean rejectsExpected;
  long sourceRows;
  long rejectedRows;

  /**
   * @param rejectsExpected a row whose values do not all convert was rejected by this run's copy,
   *     and is expected to be absent (migrate's STEP 6); otherwise (verify of a target loaded some
   *     other way) such a row is a difference, reported in the column that does not convert
   */
  SourceSide(
      dev.sqlite2pg.sqlite.SqliteSource source,
      Connection c,
      TablePlan t,
      Optional<TableKey> key,
      boolean utf8,
      boolean rejectsExpected) {
    this.source = source;
    this.c = c;
    this.t = t;
    this.key = key;
    this.utf8 = utf8;
    this.rejectsExpected = rejectsExpected;
    this.enc =
        t.columns().stream()
            .map(col -> Encoders.forType(col.type(), col.options()))
            .toArray(ValueEncoder[]::new);
    this.canon = new RowCanon(t.columns().stream().map(ColumnPlan::type).toList());
  }

  /** Fingerprint of the rows in {@code range}; also counts source and rejected rows. */
  Fingerprint fingerprint(KeyRange range) throws SQLException {
    return fingerprint(read(range), CHECKED_NONE);
  }

  /**
   * As {@link #fingerprint(KeyRange)}, telling {@code checked} of the rows read every {@link
   * #CHECKED_EVERY} rows and of the rest at the end (a mask test per row, no call).
   */
  Fingerprint fingerprint(KeyRange range, java.util.function.LongConsumer checked)
      throws SQLException {
    return fingerprint(read(range), checked);
  }

  /**
   * Rows between two reports of {@link #fingerprint(KeyRange, java.util.function.LongConsumer)}.
   */
  static final long CHECKED_EVERY = 1 << 16;

  private static final java.util.function.LongConsumer CHECKED_NONE = n -> {};

  /** Fingerprint of the rows a WHERE clause selects ({@link DrainedRows}). */
  Fingerprint fingerprint(String where, List<Object> params) throws SQLException {
    PreparedStatement ps =
        c.prepareStatement(
            SourceQueries.select(t.source(), t.columns().stream().map(ColumnPlan::source).toList())
                + " "
                + where);
    bind(ps, params);
    return fingerprint(SqliteRow.query(ps, utf8), CHECKED_NONE);
  }

  private Fingerprint fingerprint(RowCursor cursor, java.util.function.LongConsumer checked)
      throws SQLException {
    long n = 0;
    long s1 = 0;
    long s2 = 0;
    sourceRows = 0;
    rejectedRows = 0;
    try (RowCursor row = cursor) {
      while (row.next()) {
        sourceRows++;
        if ((sourceRows & (CHECKED_EVERY - 1)) == 0) {
          checked.accept(CHECKED_EVERY);
        }
        if (!encode(row)) {
          if (rejectsExpected) {
            rejectedRows++;
          } else {
            // No target value can equal a value that has no form in the target's type: a hash
            // of the row's position stands in, so the row counts and differs.
            n++;
            s1 += Rows.mix(row.getLong(0) ^ 0x5DEECE66DL);
            s2 += Rows.mix(sourceRows ^ 0xB5297A4DL);
          }
          continue;
        }
        canon.readHashes(scratch.array(), 0);
        n++;
        s1 += canon.hash1();
        s2 += canon.hash2();
      }
    }
    checked.accept(sourceRows & (CHECKED_EVERY - 1));
    return new Fingerprint(n, s1, s2);
  }

  /** The key at {@code offset} within {@code range}, in key order. */
  Optional<List<Object>> keyAt(KeyRange range, long offset) throws SQLException {
    TableKey k = key.orElseThrow();
    List<Object> params = new ArrayList<>();
    String sql =
        "SELECT "
            + String.join(", ", keyExprs())
            + " FROM "
            + quote(t.source().name())
            + range.where(keyExprs(), params)
            + " ORDER BY "
            + String.join(", ", keyExprs())
            + " LIMIT 1 OFFSET "
            + offset;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < k.columns().size(); i++) {
          out.add(k.text().get(i) ? rs.getString(i + 1) : (Object) rs.getLong(i + 1));
        }
        return Optional.of(out);
      }
    }
  }

  /** Every convertible row in {@code range}: key text to (canonical fields, display values). */
  Map<String, Rows.Row> rows(KeyRange range) throws SQLException {
    Map<String, Rows.Row> out = new LinkedHashMap<>();
    try (PreparedStatement ps = select(range, "");
        ResultSet rs = ps.executeQuery()) {
      SqliteRow row = new SqliteRow(rs, utf8);
      while (row.next()) {
        boolean converts = encode(row);
        if (!converts && rejectsExpected) {
          continue;
        }
        List<String> fields = converts ? wholeRow() : columnByColumn(row);
        List<String> display = new ArrayList<>();
        for (int i = 0; i < enc.length; i++) {
          display.add(
              Rows.quoteIfText(
                  t.columns().get(i).type(),
                  RowValues.fullValue(row, i + 1),
                  row.type(i + 1) == dev.sqlite2pg.sqlite.SourceRow.NULL));
        }
        String label = key.map(tk -> tk.label(display)).orElse("rowid=" + row.getLong(0));
        String match = key.map(tk -> tk.match(fields)).orElse(label);
        out.put(
            match,
            converts
                ? new Rows.Row(label, fields, display, canon.hash1(), canon.hash2())
                : new Rows.Row(label, fields, display, Rows.mix(row.getLong(0)), 0));
      }
    }
    return out;
  }

  private List<String> wholeRow() {
    canon.read(scratch.array(), 0);
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < enc.length; i++) {
      fields.add(canon.field(i));
    }
    return fields;
  }

  /**
   * A row with a value that does not convert, field by field: each column alone, and the one that
   * does not convert marked with the reason (no target field can equal it).
   */
  private List<String> columnByColumn(SourceRow row) {
    List<String> fields = new ArrayList<>();
    BinaryCopyBuffer one = new BinaryCopyBuffer(256);
    for (int i = 0; i < enc.length; i++) {
      one.reset();
      one.startRow(1);
      try {
        enc[i].encode(row, i + 1, one);
        RowCanon single = new RowCanon(List.of(t.columns().get(i).type()));
        single.read(one.array(), 0);
        fields.add(single.field(0));
      } catch (ConversionException e) {
        fields.add("! " + e.getMessage());
      }
    }
    return fields;
  }

  /** The whole table from the fastest reader; a key range through SQLite, which seeks by key. */
  private RowCursor read(KeyRange range) throws SQLException {
    if (range == KeyRange.ALL) {
      return TableReader.open(
          source,
          c,
          t.source(),
          t.columns().stream().map(ColumnPlan::source).toList(),
          utf8,
          Long.MIN_VALUE,
          Long.MAX_VALUE);
    }
    return SqliteRow.query(select(range, ""), utf8);
  }

  private boolean encode(SourceRow row) {
    scratch.reset();
    scratch.startRow(enc.length);
    try {
      for (int i = 0; i < enc.length; i++) {
        enc[i].encode(row, i + 1, scratch);
      }
      return true;
    } catch (ConversionException e) {
      scratch.rollbackRow();
      return false;
    }
  }

  private PreparedStatement select(KeyRange range, String orderBy) throws SQLException {
    List<Object> params = new ArrayList<>();
    String where = key.isPresent() ? range.where(keyExprs(), params) : "";
    PreparedStatement ps =
        c.prepareStatement(
            SourceQueries.select(t.source(), t.columns().stream().map(ColumnPlan::source).toList())
                + where
                + orderBy);
    bind(ps, params);
    return ps;
  }

  /** Key columns compared bytewise, whatever collation the column declares (NOCASE...). */
  private List<String> keyExprs() {
    return key.orElseThrow().columns().stream()
        .map(col -> quote(col.source().name()) + " COLLATE BINARY")
        .toList();
  }

  static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }
}
