package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import dev.sqlite2pg.testing.ValuesRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

@NeedsServer
class BinaryCopyBufferTest {

  @Test
  void headerRowsAndTrailerAreTheDocumentedBytes() {
    BinaryCopyBuffer buf = new BinaryCopyBuffer(16);
    buf.writeHeader();
    buf.startRow(3);
    buf.writeInt4(7);
    buf.writeNull();
    buf.writeBytes(new byte[] {'h', 'i'}, 0, 2);
    buf.writeTrailer();
    assertThat(HexFormat.of().formatHex(buf.toByteArray()))
        .isEqualTo(
            "5047434f50590aff0d0a00"
                + "00000000"
                + "00000000"
                + "0003"
                + "00000004"
                + "00000007"
                + "ffffffff"
                + "00000002"
                + "6869"
                + "ffff");
    assertThat(buf.rowCount()).isEqualTo(1);
  }

  @Test
  void rollbackDropsThePartialRow() {
    BinaryCopyBuffer buf = new BinaryCopyBuffer();
    buf.startRow(2);
    buf.writeInt8(1);
    buf.writeInt8(2);
    int afterFirst = buf.size();
    buf.startRow(2);
    buf.writeInt8(3);
    buf.rollbackRow();
    assertThat(buf.size()).isEqualTo(afterFirst);
    assertThat(buf.rowCount()).isEqualTo(1);
    assertThatThrownBy(buf::rollbackRow).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void wrongFieldCountsAreCaughtAtTheNextRow() {
    BinaryCopyBuffer buf = new BinaryCopyBuffer();
    buf.startRow(2);
    buf.writeInt8(1);
    assertThatThrownBy(() -> buf.startRow(2)).hasMessageContaining("declared 2 fields but 1");
    assertThatThrownBy(buf::writeTrailer).hasMessageContaining("declared 2 fields but 1");
    buf.writeInt8(2);
    assertThatThrownBy(() -> buf.writeInt8(3)).hasMessageContaining("got more");
    assertThatThrownBy(() -> new BinaryCopyBuffer().writeNull())
        .hasMessageContaining("outside a row");
  }

  @Test
  void growsFromTinyAndKeepsEveryByte() {
    BinaryCopyBuffer buf = new BinaryCopyBuffer(1);
    byte[] big = new byte[100_000];
    big[99_999] = 42;
    buf.startRow(1);
    buf.writePrefixedBytes((byte) 1, big, 0, big.length);
    byte[] out = buf.toByteArray();
    assertThat(out).hasSize(2 + 4 + 1 + 100_000);
    assertThat(out[6]).isEqualTo((byte) 1);
    assertThat(out[out.length - 1]).isEqualTo((byte) 42);
  }

  /** The intended use: a bad value drops its row, the rest of the batch goes in. */
  @Test
  void aRowWithABadValueIsRolledBackAndTheCopySucceeds() throws Exception {
    String url = TestPostgres.newDatabase("copy_buffer");
    ValueEncoder text = Encoders.forType(PgType.TEXT);
    List<Object> values = List.of("a", "b\0c", "d", "e\0", "f");
    List<String> rejected = new ArrayList<>();
    try (Connection c = TestPostgres.connect(url)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id int, v text)");
      }
      BinaryCopyBuffer buf = new BinaryCopyBuffer();
      CopyIn in =
          c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY t FROM STDIN (FORMAT binary)");
      try {
        buf.writeHeader();
        for (int i = 0; i < values.size(); i++) {
          buf.startRow(2);
          buf.writeInt4(i);
          try {
            text.encode(ValuesRow.of(values.get(i)), 0, buf);
          } catch (ConversionException e) {
            buf.rollbackRow();
            rejected.add(i + ": " + e.getMessage());
          }
          if (i == 2) {
            buf.flushTo(in); // batches may be flushed between rows
          }
        }
        buf.writeTrailer();
        buf.flushTo(in);
        assertThat(in.endCopy()).isEqualTo(3);
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT string_agg(v, ',' ORDER BY id) FROM t")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("a,d,f");
      }
    }
    assertThat(rejected)
        .containsExactly(
            "1: text 'b\\x00c' contains a NUL character at byte 1, which PostgreSQL text cannot hold",
            "3: text 'e\\x00' contains a NUL character at byte 1, which PostgreSQL text cannot hold");
  }
}
