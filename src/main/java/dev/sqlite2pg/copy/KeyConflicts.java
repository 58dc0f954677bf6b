package dev.sqlite2pg.copy;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetFit;
import dev.sqlite2pg.sqlite.SqliteRow;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code --if-exists=fail}, the default: before anything is written, the keys of every source table
 * whose target table already holds rows are sent to a temporary table (only the keys, in a
 * transaction that is rolled back) and counted against the target, so that the refusal names the
 * tables and the first keys both sides have: a re-run after a failure, told apart from a target
 * that merely has the tables.
 */
public final class KeyConflicts {

  private static final int SHOWN = 3;
  private static final int TABLES_SHOWN = 3;
  private static final int FLUSH_BYTES = 1 << 20;

  private final SqliteSource source;
  private final TargetConnector target;
  private final String schema;
  private final boolean utf8;

  public KeyConflicts(SqliteSource source, TargetConnector target, String schema, boolean utf8) {
    this.source = source;
    this.target = target;
    this.schema = schema;
    this.utf8 = utf8;
  }

  /**
   * One table's source keys that its target table already holds.
   *
   * @param identical every row the target table holds is a source row, value for value (rows an
   *     application's migrations wrote on both sides, such as a seeded "system" user): not a
   *     conflict, with --data-only; those rows are left as they are
   */
  public record Conflict(
      String table,
      String sourceTable,
      long sourceKeys,
      long present,
      List<String> first,
      boolean identical) {
    String describe() {
      return table
          + ": "
          + present
          + " of "
          + sourceKeys
          + " source key"
          + (sourceKeys == 1 ? "" : "s")
          + " already in the target ("
          + String.join(", ", first)
          + (present > first.size() ? ", ..." : "")
          + ")";
    }
  }

  /**
   * The conflicts found, how many tables holding rows were not looked at after them, and the source
   * tables whose target rows are all identical source rows.
   */
  public record Found(List<Conflict> conflicts, int unchecked, Set<String> identical) {}

  /**
   * Refuses in one line when a table holds rows with keys the source also has.
   *
   * @param dataOnly the tables are the application's: emptying them is the alternative, not --drop;
   *     and a table whose rows are all identical source rows is not refused
   * @return with {@code dataOnly}, the source tables whose target rows are all identical source
   *     rows: their copy leaves those rows as they are
   */
  public Set<String> refuse(List<TablePlan> tables, TargetTables before, boolean dataOnly) {
    Found found = find(tables, before, dataOnly);
    if (found.conflicts().isEmpty()) {
      return found.identical();
    }
    List<String> parts =
        new ArrayList<>(found.conflicts().stream().map(Conflict::describe).toList());
    if (found.unchecked() > 0) {
      parts.add(
          found.unchecked()
              + " more table"
              + (found.unchecked() == 1 ? " holds" : "s hold")
              + " rows");
    }
    throw new MigrationException(
        Code.TARGET,
        String.join("; ", parts)
            + ": pass"
            + " --if-exists=skip-existing to load only the missing rows, or "
            + (dataOnly
                ? "empty the tables (TRUNCATE) to load them whole"
                : "--drop to replace the tables"));
  }

  /**
   * The tables, of those holding rows and having a key, whose rows share keys with the source, in
   * plan order. Reading every key of a large table costs time, so the search stops at the {@value
   * #TABLES_SHOWN} tables a message names.
   */
  public Found find(List<TablePlan> tables, TargetTables before, boolean dataOnly) {
    List<Conflict> out = new ArrayList<>();
    Set<String> identical = new LinkedHashSet<>();
    int unchecked = 0;
    try (Connection src = source.connect();
        Connection dst = target.open()) {
      ExistingTables existing = ExistingTables.read(dst, schema);
      for (TablePlan t : tables) {
        if (!before.filled(t.target())) {
          continue;
        }
        if (out.size() == TABLES_SHOWN) {
          unchecked++;
          continue;
        }
        Optional<LoadKey> key =
            LoadKey.of(t).flatMap(k -> asInTarget(existing, t, k.columns())).map(LoadKey::new);
        if (key.isPresent()) {
          Optional<List<ColumnPlan>> row =
              dataOnly ? asInTarget(existing, t, t.copiedColumns()) : Optional.empty();
          Conflict c = count(src, dst, t, key.get(), row);
          if (c.identical()) {
            identical.add(t.source().name());
          } else if (c.present() > 0) {
            out.add(c);
          }
        }
      }
      return new Found(List.copyOf(out), unchecked, Set.copyOf(identical));
    } catch (SQLException e) {
      throw new MigrationException(
          Code.TARGET,
          "Comparing the source's keys with the rows the"
              + " target holds failed: "
              + TargetErrors.explain(e, target),
          e);
    }
  }

  /**
   * The columns with the target's own names and types: values are encoded for those types, as the
   * copy would. Empty when a column is missing or of a type sqlite2pg cannot write: for the key,
   * that table is then not compared, and STEP 3 refuses it as a table that exists (or holds rows,
   * with --data-only) instead.
   */
  private static Optional<List<ColumnPlan>> asInTarget(
      ExistingTables existing, TablePlan t, List<ColumnPlan> columns) {
    List<ColumnPlan> out = new ArrayList<>();
    for (ColumnPlan c : columns) {
      Optional<ExistingTables.Col> col = existing.column(t.target(), c.target(), c.source().name());
      if (col.isEmpty()) {
        return Optional.empty();
      }
      // As the copy writes it: a domain as its base type, an enum with its catalog labels.
      Optional<dev.sqlite2pg.convert.PgType> type = TargetFit.writable(col.get());
      if (type.isEmpty()) {
        return Optional.empty();
      }
      out.add(
          new ColumnPlan(
              c.source(),
              col.get().name(),
              type.get(),
              c.options(),
              c.identity(),
              c.generatedSql(),
              c.rule(),
              c.reason()));
    }
    return Optional.of(List.copyOf(out));
  }

  /**
   * @param row every copied column, when the rows are compared whole (--data-only): the target's
   *     rows are then told identical or not
   */
  private Conflict count(
      Connection src, Connection dst, TablePlan t, LoadKey key, Optional<List<ColumnPlan>> row)
      throws SQLException {
    dst.setAutoCommit(false);
    try {
      List<ColumnPlan> staged = row.orElse(key.columns());
      List<String> names = staged.stream().map(ColumnPlan::target).toList();
      StagingTable staging = new StagingTable(schema, t.target(), names, key.targets());
      staging.create(dst);
      send(src, dst, t, staged, staging);
      long present = staging.present(dst);
      List<String> first =
          staging.presentKeys(dst, SHOWN).stream()
              .map(v -> key.label(v, ColumnPlan::target))
              .toList();
      boolean identical =
          row.isPresent()
              && present > 0
              && staging.tableRows(dst) == present
              && staging.differing(dst) == 0;
      return new Conflict(
          t.target(), t.source().name(), staging.count(dst), present, first, identical);
    } finally {
      dst.rollback();
    }
  }

  /**
   * Every source row's {@code columns} that convert to the target's types; the others are the
   * copy's rejects.
   */
  private void send(
      Connection src, Connection dst, TablePlan t, List<ColumnPlan> columns, StagingTable staging)
      throws SQLException {
    ValueEncoder[] enc =
        columns.stream()
            .map(c -> Encoders.forType(c.type(), c.options()))
            .toArray(ValueEncoder[]::new);
    String select =
        "SELECT "
            + String.join(", ", columns.stream().map(c -> quote(c.source().name())).toList())
            + " FROM "
            + quote(t.source().name());
    CopyIn in = dst.unwrap(PGConnection.class).getCopyAPI().copyIn(staging.copySql());
    try (PreparedStatement ps = src.prepareStatement(select);
        ResultSet rs = ps.executeQuery()) {
      SqliteRow row = new SqliteRow(rs, utf8);
      BinaryCopyBuffer buf = new BinaryCopyBuffer();
      buf.writeHeader();
      while (row.next()) {
        buf.startRow(enc.length);
        try {
          for (int i = 0; i < enc.length; i++) {
            enc[i].encode(row, i, buf);
          }
        } catch (ConversionException e) {
          buf.rollbackRow();
        }
        if (buf.size() >= FLUSH_BYTES) {
          buf.flushTo(in);
        }
      }
      buf.writeTrailer();
      buf.flushTo(in);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }
}
