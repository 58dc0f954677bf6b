package dev.sqlite2pg.copy;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A COPY target without a server: a table with a CHECK constraint that refuses some values. A COPY
 * holding one of them fails whole with {@code sqlState} and keeps nothing, as a COPY in a savepoint
 * rolled back to does; any other COPY keeps all its rows. The rows are read back from the batch's
 * bytes, as PostgreSQL would read them: each holds one int8 field, its value.
 */
final class FakeSink implements BatchSender.CopySink {

  private final Set<Long> bad;
  private final String sqlState;
  private final List<Long> kept = new ArrayList<>();
  private int calls;
  private int failingCall;
  private SQLException failure;

  FakeSink(Set<Long> bad, String sqlState) {
    this.bad = bad;
    this.sqlState = sqlState;
  }

  /** Makes COPY number {@code call} (1-based) throw {@code e}, whatever its rows. */
  FakeSink failOnCall(int call, SQLException e) {
    failingCall = call;
    failure = e;
    return this;
  }

  @Override
  public void copy(Batch b, int from, int to) throws SQLException {
    calls++;
    if (calls == failingCall) {
      throw failure;
    }
    List<Long> values = values(b, from, to);
    for (long v : values) {
      if (bad.contains(v)) {
        throw new SQLException(
            "new row for relation \"t\" violates check constraint \"ok\"" + " (value " + v + ")",
            sqlState);
      }
    }
    kept.addAll(values);
  }

  /** The values PostgreSQL has kept, in the order they arrived. */
  List<Long> kept() {
    return kept;
  }

  /** How many COPY statements were sent. */
  int calls() {
    return calls;
  }

  /** Writes one row holding {@code value} (its rowid too) into the batch. */
  static void addRow(Batch b, long value) {
    b.startRow(1, value);
    b.buf.writeInt8(value);
    b.keepRow();
  }

  /** The values of rows from..to, parsed from the bytes that would be sent for them. */
  static List<Long> values(Batch b, int from, int to) {
    ByteBuffer in = ByteBuffer.wrap(b.buf.array(), b.start(from), b.start(to) - b.start(from));
    List<Long> out = new ArrayList<>();
    while (in.hasRemaining()) {
      if (in.getShort() != 1 || in.getInt() != 8) {
        throw new AssertionError("not a row of one int8 field at byte " + (in.position() - 6));
      }
      out.add(in.getLong());
    }
    if (out.size() != to - from) {
      throw new AssertionError((to - from) + " rows asked for, " + out.size() + " sent");
    }
    return out;
  }
}
