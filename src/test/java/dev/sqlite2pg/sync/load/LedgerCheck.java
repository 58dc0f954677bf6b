package dev.sqlite2pg.sync.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the ledger's last acknowledged state of every key with both databases, once sync has
 * caught up and the writers have stopped.
 *
 * <p>What it proves: no acknowledged write is missing or overwritten by an older one, in SQLite
 * (each key's row hashes to what the writer read back before its COMMIT, storage classes and -0.0
 * included) and in PostgreSQL (each key is there exactly when the ledger says it is). What it does
 * not prove by itself: PostgreSQL's values; those are compared with SQLite's by {@code
 * Migrator.verify()} and {@code IndependentCompare}, so with this check they equal the ledger's.
 * Not in the ledger: the heartbeat, the audit rows an application trigger writes, the keyless
 * events, the seeded rows no writer touched, and writes whose COMMIT failed (they are not
 * acknowledged); the full comparisons cover those tables.
 */
public final class LedgerCheck {

  /** How many keys were checked, how many the ledger says exist, and every difference. */
  public record Result(int keys, int present, List<String> problems) {}

  private LedgerCheck() {}

  public static Result check(List<Path> ledgers, Path sqlite, String pgUrl) throws SQLException {
    Map<String, Ledger.Entry> expected = Ledger.expected(ledgers);
    List<String> problems = new ArrayList<>();
    int present = 0;
    Map<String, Set<String>> pgKeys = pgKeys(pgUrl);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
      for (Ledger.Entry e : expected.values()) {
        present += e.present() ? 1 : 0;
        String now = Touched.hash(c, e.table(), keyValues(e));
        if (!now.equals(e.hash())) {
          problems.add("sqlite " + e + " but holds " + now);
        }
        boolean inPg = pgKeys.get(e.table()).contains(e.key());
        if (inPg != e.present()) {
          problems.add("postgres " + e + (inPg ? " but holds the key" : " but lacks the key"));
        }
      }
    }
    return new Result(expected.size(), present, problems);
  }

  /** The key as SQLite compares it: integers for the integer keys, text for the others. */
  private static Object[] keyValues(Ledger.Entry e) {
    String[] parts = e.key().split("\\|", -1);
    boolean text = e.table().equals("tags") || e.table().equals("settings");
    Object[] out = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = text ? parts[i] : (Object) Long.parseLong(parts[i]);
    }
    return out;
  }

  private static Map<String, Set<String>> pgKeys(String url) throws SQLException {
    Map<String, Set<String>> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String[] t : LoadSchema.KEYED) {
        Set<String> keys = new HashSet<>();
        String cols = String.join(", ", java.util.Arrays.asList(t).subList(1, t.length));
        try (ResultSet rs = s.executeQuery("SELECT " + cols + " FROM public." + t[0])) {
          while (rs.next()) {
            List<String> parts = new ArrayList<>();
            for (int i = 1; i < t.length; i++) {
              parts.add(rs.getString(i));
            }
            keys.add(String.join("|", parts));
          }
        }
        out.put(t[0], keys);
      }
    }
    return out;
  }
}
