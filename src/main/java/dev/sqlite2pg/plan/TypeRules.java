package dev.sqlite2pg.plan;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.EpochUnit;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.PgTypes;
import dev.sqlite2pg.sqlite.Affinity;
import dev.sqlite2pg.sqlite.ColumnProfile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The SQLite-to-PostgreSQL type mapping, as an ordered table. The first rule whose declared-type
 * pattern matches and whose values all fit decides; a rule whose values do not fit passes to the
 * next, and the last rule, the catch-all, picks the narrowest type that holds every stored value.
 * No rule ever rounds, truncates or re-encodes a value to make it fit.
 */
public final class TypeRules {

  /** Every integer a double can hold exactly lies within ±2^53. */
  private static final long EXACT_DOUBLE = 1L << 53;

  /** Range of SQLite's julianday() for years 0001 to 9999. */
  public static final double JULIAN_MIN = 1721425.5;

  public static final double JULIAN_MAX = 5373484.5;

  /** What a rule sees about one column. */
  public record Input(Column column, ColumnProfile profile, ValueProbe probe) {
    String declared() {
      return column.declaredType().toUpperCase(Locale.ROOT).trim();
    }
  }

  /** A rule: a name, which declared types it is for, and how it chooses. */
  public record Rule(String name, Predicate<String> declared, Chooser choose) {}

  /** Chooses a type when every stored value fits, or declines. */
  @FunctionalInterface
  public interface Chooser {
    Optional<TypeChoice> choose(Input in);
  }

  /** The table, in order. Each row reads: for these declared types, this type if the values fit. */
  public static final List<Rule> RULES =
      List.of(
          new Rule("boolean", startsWith("BOOL"), TypeRules::booleanIfZeroOne),
          new Rule("date", t -> t.equals("DATE"), TypeRules::dateIfAllDates),
          new Rule("time", t -> t.equals("TIME"), TypeRules::timeIfAllTimesOfDay),
          new Rule("timestamp", contains("DATETIME", "TIMESTAMP"), TypeRules::timestampIfAllTimes),
          new Rule("json", startsWith("JSON"), TypeRules::jsonbIfAllJson),
          new Rule("integer", t -> Affinity.of(t) == Affinity.INTEGER, TypeRules::bigintIfIntegers),
          new Rule("real", t -> Affinity.of(t) == Affinity.REAL, TypeRules::doubleIfReals),
          new Rule("decimal", startsWith("DECIMAL", "NUMERIC"), TypeRules::numericIfNumbers),
          new Rule("text", t -> Affinity.of(t) == Affinity.TEXT, TypeRules::textIfTexts),
          new Rule("blob", contains("BLOB"), TypeRules::byteaIfBlobs),
          new Rule("stored values", t -> true, TypeRules::narrowestHoldingAll));

  private TypeRules() {}

  /** Whether a declared type is one whose values the time rules read (epoch unit, Julian days). */
  public static boolean readsTimes(String declaredType) {
    String t = declaredType.toUpperCase(Locale.ROOT).trim();
    return t.equals("DATE") || t.contains("DATETIME") || t.contains("TIMESTAMP");
  }

  /** Runs the table for one column. The catch-all always answers. */
  public static TypeChoice choose(Input in) {
    for (Rule rule : RULES) {
      if (rule.declared().test(in.declared())) {
        Optional<TypeChoice> choice = rule.choose().choose(in);
        if (choice.isPresent()) {
          return choice.get();
        }
      }
    }
    throw new IllegalStateException("The catch-all rule declined column " + in.column().name());
  }

  private static Predicate<String> startsWith(String... prefixes) {
    return t -> List.of(prefixes).stream().anyMatch(t::startsWith);
  }

  private static Predicate<String> contains(String... parts) {
    return t -> List.of(parts).stream().anyMatch(t::contains);
  }

  private static Optional<TypeChoice> booleanIfZeroOne(Input in) {
    ColumnProfile p = in.profile();
    if (p.onlyIntegers() && (p.integers() == 0 || (p.minInt() >= 0 && p.maxInt() <= 1))) {
      return Optional.of(
          TypeChoice.of(
              PgType.BOOLEAN,
              "boolean",
              "declared " + in.column().declaredType() + ", values are 0/1"));
    }
    return Optional.empty();
  }

  private static Optional<TypeChoice> dateIfAllDates(Input in) {
    ColumnProfile p = in.profile();
    if (p.onlyTexts() && fits(in, PgType.DATE, EncoderOptions.DEFAULT)) {
      return Optional.of(
          TypeChoice.of(PgType.DATE, "date", "declared DATE, every value is a date"));
    }
    return Optional.empty();
  }

  /**
   * Django 3.2's TimeField is declared "time" on SQLite and holds time.isoformat() text
   * ("14:30:00", "14:30:00.250000"); on PostgreSQL Django makes it time. A value with an offset, or
   * anything else, keeps the column text.
   */
  private static Optional<TypeChoice> timeIfAllTimesOfDay(Input in) {
    ColumnProfile p = in.profile();
    if (p.onlyTexts() && fits(in, PgType.TIME, EncoderOptions.DEFAULT)) {
      return Optional.of(
          TypeChoice.of(PgType.TIME, "time", "declared TIME, every value is a time of day"));
    }
    return Optional.empty();
  }

  private static Optional<TypeChoice> timestampIfAllTimes(Input in) {
    ColumnProfile p = in.profile();
    String declared = in.column().declaredType();
    if (p.nonNull() == 0) {
      return Optional.of(
          TypeChoice.of(
              zoned(in) ? PgType.TIMESTAMPTZ : PgType.TIMESTAMP,
              "timestamp",
              "declared " + declared + ", no values"));
    }
    if (p.onlyTexts()) {
      if (fits(in, PgType.TIMESTAMP, EncoderOptions.DEFAULT)) {
        return Optional.of(
            TypeChoice.of(
                PgType.TIMESTAMP,
                "timestamp",
                "declared " + declared + ", every value is an ISO-8601 time without zone"));
      }
      if (fits(in, PgType.TIMESTAMPTZ, EncoderOptions.DEFAULT)) {
        return Optional.of(
            TypeChoice.of(
                PgType.TIMESTAMPTZ,
                "timestamp",
                "declared " + declared + ", every value is an ISO-8601 time"));
      }
      return Optional.empty();
    }
    if (p.onlyIntegers()) {
      Optional<EpochUnit> unit =
          epochUnit(
              Math.max(Math.abs(p.minInt()), Math.abs(p.maxInt())),
              Math.min(Math.abs(p.minInt()), Math.abs(p.maxInt())));
      if (unit.isPresent()) {
        EncoderOptions o = new EncoderOptions(unit, false);
        if (fits(in, PgType.TIMESTAMPTZ, o)) {
          return Optional.of(
              new TypeChoice(
                  PgType.TIMESTAMPTZ,
                  o,
                  "timestamp",
                  "declared "
                      + declared
                      + ", every value is a Unix time in "
                      + unit.get().name().toLowerCase(Locale.ROOT),
                  false));
        }
      }
      return Optional.empty();
    }
    if (p.onlyReals() && p.minReal() >= JULIAN_MIN && p.maxReal() <= JULIAN_MAX) {
      EncoderOptions o = new EncoderOptions(Optional.empty(), true);
      if (fits(in, PgType.TIMESTAMP, o)) {
        return Optional.of(
            new TypeChoice(
                PgType.TIMESTAMP,
                o,
                "timestamp",
                "declared "
                    + declared
                    + ", every value is a Julian day number exact to the microsecond",
                false));
      }
    }
    return Optional.empty();
  }

  private static boolean zoned(Input in) {
    String t = in.declared();
    return t.contains("TIMESTAMPTZ") || t.contains("WITH TIME ZONE");
  }

  /** Seconds, milliseconds or microseconds, when the magnitudes of all values agree. */
  static Optional<EpochUnit> epochUnit(long maxAbs, long minAbs) {
    // 0 and small values fit any unit; a column mixing 1.7e9 and 1.7e15 fits none.
    // (Math.abs(Long.MIN_VALUE) is negative: ofMagnitude refuses it.)
    return minAbs < 100_000_000L
        ? EpochUnit.ofMagnitude(maxAbs)
        : EpochUnit.unitFor(minAbs, maxAbs);
  }

  private static Optional<TypeChoice> jsonbIfAllJson(Input in) {
    ColumnProfile p = in.profile();
    // JSON kept in a BLOB (LangGraph, PocketBase) is JSON too when its bytes are UTF-8 JSON.
    if (fits(in, PgType.JSONB, EncoderOptions.DEFAULT)) {
      return Optional.of(
          TypeChoice.of(
              PgType.JSONB,
              "json",
              "declared " + in.column().declaredType() + ", every value is JSON"));
    }
    return Optional.empty();
  }

  private static Optional<TypeChoice> bigintIfIntegers(Input in) {
    if (in.profile().onlyIntegers()) {
      return Optional.of(
          TypeChoice.of(
              PgType.BIGINT,
              "integer",
              "declared " + in.column().declaredType() + ", SQLite integers are 64-bit"));
    }
    return Optional.empty();
  }

  private static Optional<TypeChoice> doubleIfReals(Input in) {
    ColumnProfile p = in.profile();
    boolean exactInts =
        p.integers() == 0 || (p.minInt() >= -EXACT_DOUBLE && p.maxInt() <= EXACT_DOUBLE);
    if (p.onlyNumbers() && exactInts) {
      return Optional.of(
          TypeChoice.of(
              PgType.DOUBLE,
              "real",
              "declared " + in.column().declaredType() + ", SQLite reals are 8-byte floats"));
    }
    return Optional.empty();
  }

  private static Optional<TypeChoice> numericIfNumbers(Input in) {
    if (!in.profile().onlyNumbers()) {
      return Optional.empty();
    }
    Optional<PgType> declared = PgTypes.declaredNumeric(in.declared());
    Optional<String> misfit =
        declared.flatMap(d -> in.probe().firstMisfit(in.column(), d, EncoderOptions.DEFAULT));
    if (declared.isPresent() && misfit.isEmpty()) {
      return Optional.of(
          TypeChoice.of(
              declared.get(),
              "decimal",
              "declared " + in.column().declaredType() + ", every value fits"));
    }
    String why =
        misfit
            .map(m -> ", but not every value fits " + declared.get().sql() + " (" + m + ")")
            .orElse("");
    return Optional.of(
        new TypeChoice(
            PgType.NUMERIC,
            EncoderOptions.DEFAULT,
            "decimal",
            "declared " + in.column().declaredType() + why,
            declared.isPresent()));
  }

  private static Optional<TypeChoice> textIfTexts(Input in) {
    ColumnProfile p = in.profile();
    if (p.onlyTexts()) {
      Optional<TypeChoice> bytes = byteaIfNotText(in);
      if (bytes.isPresent()) {
        return bytes;
      }
      return Optional.of(
          TypeChoice.of(
              PgType.TEXT,
              "text",
              "declared "
                  + in.column().declaredType()
                  + (in.declared().contains("(") ? ", SQLite never enforced the length" : "")));
    }
    return Optional.empty();
  }

  /**
   * Text PostgreSQL cannot hold: bytes that are not UTF-8, or a NUL. Browsers keep binary hashes in
   * TEXT columns (Chrome's and Firefox's history), and a sync client wrote Windows-1252 names as
   * TEXT (fixture invalid_text); as text each such row would be refused. bytea keeps every value's
   * exact bytes, and the warning says so; {@code --cast table.column=text} keeps text and refuses
   * those rows instead.
   */
  private static Optional<TypeChoice> byteaIfNotText(Input in) {
    Optional<String> misfit =
        in.probe().firstMisfit(in.column(), PgType.TEXT, EncoderOptions.DEFAULT);
    return misfit.map(
        m ->
            new TypeChoice(
                PgType.BYTEA,
                EncoderOptions.DEFAULT,
                "text",
                "declared "
                    + in.column().declaredType()
                    + ", but not every value is text PostgreSQL can hold ("
                    + m
                    + "): bytea keeps the exact bytes (--cast "
                    + "to text refuses those rows instead)",
                true));
  }

  private static Optional<TypeChoice> byteaIfBlobs(Input in) {
    if (in.profile().onlyBlobs()) {
      return Optional.of(
          TypeChoice.of(PgType.BYTEA, "blob", "declared " + in.column().declaredType()));
    }
    return Optional.empty();
  }

  /** The catch-all: the narrowest type that holds every stored value exactly. */
  private static Optional<TypeChoice> narrowestHoldingAll(Input in) {
    ColumnProfile p = in.profile();
    String declared =
        in.column().declaredType().isBlank()
            ? "no declared type"
            : "declared " + in.column().declaredType();
    boolean untyped = in.column().declaredType().isBlank();
    PgType type;
    if (p.nonNull() == 0) {
      type =
          switch (Affinity.of(in.declared())) {
            case INTEGER -> PgType.BIGINT;
            case REAL -> PgType.DOUBLE;
            case NUMERIC -> PgType.NUMERIC;
            default -> PgType.TEXT;
          };
      return Optional.of(
          new TypeChoice(
              type, EncoderOptions.DEFAULT, "stored values", declared + ", no values", false));
    } else if (p.onlyIntegers()) {
      type = PgType.BIGINT;
    } else if (p.onlyReals()) {
      type = PgType.DOUBLE;
    } else if (p.onlyNumbers()) {
      type = PgType.NUMERIC;
    } else if (p.blobs() == 0 && fits(in, PgType.TEXT, EncoderOptions.DEFAULT)) {
      type = PgType.TEXT;
    } else if (p.onlyBlobs() || !fits(in, PgType.TEXT, EncoderOptions.DEFAULT)) {
      type = PgType.BYTEA;
    } else {
      type = PgType.TEXT;
    }
    // An untyped column is reported too when it mixes storage classes: a 7 stored beside 'seven'
    // arrives as the text (or bytes) "7", which the application should know.
    boolean mixed =
        Math.max(Math.max(p.integers(), p.reals()), Math.max(p.texts(), p.blobs())) < p.nonNull();
    return Optional.of(
        new TypeChoice(
            type,
            EncoderOptions.DEFAULT,
            "stored values",
            declared + ", stores " + p.describe(),
            !untyped || mixed));
  }

  private static boolean fits(Input in, PgType type, EncoderOptions options) {
    return in.probe().firstMisfit(in.column(), type, options).isEmpty();
  }
}
