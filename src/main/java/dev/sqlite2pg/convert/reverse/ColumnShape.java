package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form a column's values have in the application's SQLite file, learned from a sample of them:
 * which storage class each value has (the most frequent first; a value goes back in the first one
 * that holds it exactly), and, for text, the details the type plan does not record. Ties go to the
 * form SQLite itself or the usual ORM writes.
 *
 * @param type the column's PostgreSQL type
 * @param options how the copy read the column (epoch unit, Julian days, zone, interval unit, the
 *     framework's anchor date); the reverse writes numbers in the same unit
 * @param preference the storage classes to try: those the sample holds, most frequent first (for an
 *     empty sample, the one SQLite's affinity gives the type's values)
 * @param time the text pattern of dates, times and datetimes (time kinds only)
 * @param epochText whether a time column's texts are epoch numbers ('1655847091')
 * @param bools how booleans stored as text are spelt
 * @param uuids how UUIDs stored as text are written
 * @param json how jsonb documents stored as text are laid out
 * @param addresses how inet, cidr and macaddr values are spelt
 * @param padded whether char(n) texts keep PostgreSQL's padding spaces
 * @param trimmedDecimals whether numeric texts drop trailing fraction zeros ('10.5' in
 *     numeric(10,2))
 * @param floatBits whether REALs in a real (4-byte) column are float values widened ((double) 0.1f)
 *     rather than the decimals they print as (0.1)
 * @param numbersApart whether the sample keeps numbers as INTEGER or REAL and none of its texts
 *     reads as a number: an untyped column of counts and a few words, where a number in
 *     PostgreSQL's text column was a number in SQLite, whichever storage class is more frequent
 * @param sampled how many non-null values the shape was learned from
 */
public record ColumnShape(
    PgType type,
    EncoderOptions options,
    List<Storage> preference,
    Optional<TimeText> time,
    boolean epochText,
    TextForms.Bools bools,
    TextForms.Uuids uuids,
    TextForms.Json json,
    TextForms.Addresses addresses,
    boolean padded,
    boolean trimmedDecimals,
    boolean floatBits,
    boolean numbersApart,
    int sampled) {

  public ColumnShape {
    preference = List.copyOf(preference);
  }

  /**
   * The shape of a column of {@code type}, read with {@code options}, from {@code sample}: values
   * as sqlite-jdbc returns them (Long or Integer, Double, String, byte[]; nulls are skipped).
   */
  public static ColumnShape of(PgType type, EncoderOptions options, List<?> sample) {
    Map<Storage, Integer> counts = new EnumMap<>(Storage.class);
    List<String> texts = new ArrayList<>();
    List<Double> reals = new ArrayList<>();
    for (Object v : sample) {
      if (v == null) {
        continue;
      }
      Storage s = Storage.of(v);
      counts.merge(s, 1, Integer::sum);
      if (v instanceof String t) {
        texts.add(t);
      } else if (v instanceof Double d) {
        reals.add(d);
      }
    }
    // Only the storage classes the column holds: a value one of them cannot hold is refused, not
    // written in another (an epoch integer into a column of datetime texts). An empty column gets
    // the class SQLite's affinity gives the type's values.
    List<Storage> order = new ArrayList<>(defaults(type, options));
    order.retainAll(counts.isEmpty() ? unsampled(type, options) : seen(type, counts.keySet()));
    order.sort(Comparator.comparingInt((Storage s) -> -counts.getOrDefault(s, 0)));
    int n = counts.values().stream().mapToInt(Integer::intValue).sum();
    return new ColumnShape(
        type,
        options,
        order,
        time(type, options, texts),
        type.kind() != PgType.Kind.DATE && isTime(type) && mostlyDigits(texts),
        TextForms.Bools.learn(texts),
        TextForms.Uuids.learn(texts),
        TextForms.Json.learn(texts),
        TextForms.Addresses.learn(texts),
        !texts.isEmpty() && texts.stream().allMatch(t -> padded(t, type)),
        trimmed(texts, type),
        floatBits(reals),
        (counts.containsKey(Storage.INTEGER) || counts.containsKey(Storage.REAL))
            && texts.stream().noneMatch(ColumnShape::readsAsNumber),
        n);
  }

  /** Text that is exactly how SQLite prints an INTEGER or a REAL ("42", "2.5", "1.0e+20"). */
  private static boolean readsAsNumber(String t) {
    return Numbers.text(Storage.INTEGER, t) != null || Numbers.text(Storage.REAL, t) != null;
  }

  /** The storage classes a value of this type can come from, the SQLite/ORM default first. */
  private static List<Storage> defaults(PgType type, EncoderOptions options) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT, NUMERIC ->
          List.of(Storage.INTEGER, Storage.REAL, Storage.TEXT);
      case REAL, DOUBLE -> List.of(Storage.REAL, Storage.INTEGER);
      case BOOLEAN -> List.of(Storage.INTEGER, Storage.TEXT, Storage.REAL);
      case BYTEA -> List.of(Storage.BLOB, Storage.TEXT, Storage.INTEGER, Storage.REAL);
      case JSON, JSONB -> List.of(Storage.TEXT, Storage.BLOB, Storage.INTEGER, Storage.REAL);
      case UUID -> List.of(Storage.TEXT, Storage.BLOB);
      case TIMESTAMP, TIMESTAMPTZ ->
          options.julianDay()
              ? List.of(Storage.REAL, Storage.TEXT)
              : List.of(Storage.TEXT, Storage.INTEGER, Storage.REAL);
      case INTERVAL -> List.of(Storage.TEXT, Storage.INTEGER, Storage.REAL);
      case DATE, TIME, TIMETZ, ARRAY -> List.of(Storage.TEXT);
      case TEXT, BPCHAR, ENUM, INET, CIDR, MACADDR ->
          List.of(Storage.TEXT, Storage.INTEGER, Storage.REAL, Storage.BLOB);
    };
  }

  /**
   * The classes seen; in a number column INTEGER and REAL go together, as SQLite's NUMERIC affinity
   * stores 3 as INTEGER and 2.5 as REAL in one column.
   */
  private static java.util.Set<Storage> seen(PgType type, java.util.Set<Storage> seen) {
    java.util.Set<Storage> out = java.util.EnumSet.copyOf(seen);
    boolean number =
        switch (type.kind()) {
          case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC -> true;
          default -> false;
        };
    if (number && (seen.contains(Storage.INTEGER) || seen.contains(Storage.REAL))) {
      out.add(Storage.INTEGER);
      out.add(Storage.REAL);
    }
    return out;
  }

  /** For a column with no values yet: what SQLite's affinity makes of the type's values. */
  private static List<Storage> unsampled(PgType type, EncoderOptions options) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT, BOOLEAN -> List.of(Storage.INTEGER);
      case NUMERIC -> List.of(Storage.INTEGER, Storage.REAL);
      case REAL, DOUBLE -> List.of(Storage.REAL);
      case BYTEA -> List.of(Storage.BLOB);
      case TIMESTAMP, TIMESTAMPTZ -> List.of(options.julianDay() ? Storage.REAL : Storage.TEXT);
      default -> List.of(Storage.TEXT);
    };
  }

  private static boolean isTime(PgType type) {
    return switch (type.kind()) {
      case DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ, INTERVAL -> true;
      default -> false;
    };
  }

  private static Optional<TimeText> time(PgType type, EncoderOptions options, List<String> texts) {
    boolean dated = options.datedFrom().isPresent();
    return switch (type.kind()) {
      case DATE ->
          Optional.of(TimeText.learn(texts, TimeText.Layout.DATE).orElse(TimeText.SQLITE_DATE));
      case TIMESTAMP, TIMESTAMPTZ ->
          Optional.of(
              TimeText.learn(texts, TimeText.Layout.DATETIME).orElse(TimeText.SQLITE_DATETIME));
      case TIME, TIMETZ, INTERVAL ->
          dated
              ? Optional.of(
                  TimeText.learn(texts, TimeText.Layout.DATETIME).orElse(TimeText.SQLITE_DATETIME))
              : Optional.of(
                  TimeText.learn(texts, TimeText.Layout.CLOCK).orElse(TimeText.SQLITE_CLOCK));
      default -> Optional.empty();
    };
  }

  private static boolean mostlyDigits(List<String> texts) {
    long digits =
        texts.stream().filter(t -> !t.isEmpty() && t.chars().allMatch(Character::isDigit)).count();
    return digits * 2 > texts.size();
  }

  private static boolean padded(String t, PgType type) {
    return type.length().isPresent() && t.codePointCount(0, t.length()) == type.length().getAsInt();
  }

  /**
   * numeric(p,s) texts written with fewer than s fraction digits and never a trailing fraction zero
   * ('10.5' where PostgreSQL prints '10.50'); unconstrained numeric prints the scale it was given.
   */
  private static boolean trimmed(List<String> texts, PgType type) {
    int scale = scale(type);
    return scale > 0
        && texts.stream().noneMatch(t -> t.contains(".") && t.endsWith("0"))
        && texts.stream().anyMatch(t -> fractionDigits(t) < scale);
  }

  private static int scale(PgType type) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(numeric|decimal)\\(\\d+, *(\\d+)\\)$")
            .matcher(type.sql());
    return type.kind() == PgType.Kind.NUMERIC && m.matches() ? Integer.parseInt(m.group(2)) : 0;
  }

  private static int fractionDigits(String t) {
    int dot = t.indexOf('.');
    return dot < 0 ? 0 : t.length() - dot - 1;
  }

  /**
   * Whether most REALs are floats widened to double (an application writing Java floats) and not
   * also short decimals: 0.1 is a decimal, (double) 0.1f = 0.10000000149011612 is a float.
   */
  private static boolean floatBits(List<Double> reals) {
    int bits = 0;
    int decimals = 0;
    for (double d : reals) {
      float f = (float) d;
      if ((double) f != d) {
        decimals++;
      } else if (Float.isFinite(f)
          && new java.math.BigDecimal(Double.toString(d))
                  .compareTo(new java.math.BigDecimal(Float.toString(f)))
              != 0) {
        bits++;
      }
    }
    return bits > decimals;
  }
}
