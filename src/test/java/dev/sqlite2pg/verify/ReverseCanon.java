package dev.sqlite2pg.verify;

import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.testing.ValuesRow;
import java.util.List;

/**
 * Verify's canonical field of one value on both sides, for the reverse tests: a SQLite value as
 * {@link SourceSide} hashes it (encoded as the copy encodes it, brought to the server's form by
 * {@link RowCanon}), and the SQL that gives a PostgreSQL column's field as {@link PgCanon} does. A
 * value written back to SQLite agrees with PostgreSQL when the two are the same hex.
 */
public final class ReverseCanon {

  private ReverseCanon() {}

  /** The canonical field of SQLite value {@code v} (Long, Double, String, byte[], null), in hex. */
  public static String sourceField(PgType type, EncoderOptions opts, Object v)
      throws ConversionException {
    BinaryCopyBuffer buf = new BinaryCopyBuffer(64);
    buf.startRow(1);
    Encoders.forType(type, opts).encode(ValuesRow.of(v), 0, buf);
    RowCanon canon = new RowCanon(List.of(type));
    canon.read(buf.array(), 0);
    return canon.field(0);
  }

  /** A select item: PostgreSQL column {@code column}'s canonical field, in hex. */
  public static String targetFieldSql(String column, PgType type) {
    return "encode(" + PgCanon.field(column, type) + ", 'hex')";
  }
}
