package dev.sqlite2pg.plan;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import java.util.List;
import java.util.Optional;

/**
 * Looks at the values a column really stores, for the type rules: a type is chosen only when every
 * stored value converts to it exactly, checked by running the copy's own encoder over them.
 */
public interface ValueProbe {

  /**
   * Encodes the column's non-NULL values as {@code type}; returns how the first value that does not
   * convert was refused ("rowid 7: text 'abc' is not a date"), or empty when all do.
   */
  Optional<String> firstMisfit(Column column, PgType type, EncoderOptions options);

  /** Up to {@code limit} stored values of one storage class, as "rowid 3: 'Hello'", for reports. */
  List<String> examples(Column column, String storageClass, int limit);
}
