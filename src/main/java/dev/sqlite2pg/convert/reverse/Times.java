package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.EpochUnit;
import dev.sqlite2pg.convert.IntervalUnit;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.TimeValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Dates, timestamps, times of day and intervals back into one storage class each: text in the
 * column's pattern, epoch numbers in the unit the copy read them in, Julian days. Null when the
 * storage class is not one the column's type reads; {@link Unfit} when it is, but cannot hold this
 * value exactly (an INTEGER epoch-seconds column and a time with milliseconds).
 */
final class Times {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Times() {}

  /** date, timestamp, timestamptz, as PostgreSQL prints them in UTC with DateStyle ISO. */
  static Object point(Storage s, String t, ColumnShape shape) throws Unfit {
    boolean zoned = shape.type().kind() == PgType.Kind.TIMESTAMPTZ;
    long micros = micros(t, zoned);
    EncoderOptions o = shape.options();
    return switch (s) {
      case TEXT ->
          shape.epochText() ? epochInteger(micros, o).toString() : text(micros, zoned, shape);
      case INTEGER ->
          shape.type().kind() == PgType.Kind.DATE || o.julianDay() ? null : epochInteger(micros, o);
      case REAL -> shape.type().kind() == PgType.Kind.DATE ? null : real(micros, o);
      case BLOB -> null;
    };
  }

  /**
   * PostgreSQL's timestamp output in microseconds: the instant for timestamptz (the session is in
   * UTC, so the offset is +00), the wall-clock time for timestamp. Years beyond 9999 and BC ones
   * ('0044-03-15 12:00:00 BC') are read too: an epoch number holds them, text is refused later.
   */
  private static long micros(String t, boolean zoned) throws Unfit {
    try {
      TimeValues.Parsed p = TimeValues.parseText(t.getBytes(StandardCharsets.UTF_8));
      return zoned ? p.instantMicros() : p.localMicros();
    } catch (ConversionException e) {
      java.util.regex.Matcher m = WIDE.matcher(t);
      if (!m.matches()) {
        throw new Unfit("is not a time SQLite's date functions read (years 0001 to 9999)");
      }
      long year = Long.parseLong(m.group(1));
      long day =
          java.time.LocalDate.of(
                  (int) (m.group(6) != null ? 1 - year : year),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)))
              .toEpochDay();
      long[] clock = m.group(4) == null ? new long[] {0, 0} : PgOutput.clock(m.group(4));
      return day * MICROS_PER_DAY + clock[0];
    }
  }

  private static final java.util.regex.Pattern WIDE =
      java.util.regex.Pattern.compile(
          "(\\d{4,6})-(\\d{2})-(\\d{2})(?: (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?))?(\\+00)?( BC)?");

  private static String text(long micros, boolean zoned, ColumnShape shape) throws Unfit {
    TimeText pattern = shape.time().orElseThrow();
    if (!zoned) {
      return pattern.render(micros, 0);
    }
    if (pattern.zone() == TimeText.Zone.NONE) {
      // Zone-less text: the wall-clock time in the source's zone (UTC unless --source-timezone).
      int local = zoneOffset(micros, shape.options().sourceZone());
      return pattern.render(micros + local * 1_000_000L, 0);
    }
    int offset = pattern.offsetSeconds();
    return pattern.render(micros + offset * 1_000_000L, offset);
  }

  /**
   * The offset of {@code zone} at an instant, for zone-less texts read in the source's zone
   * (--source-timezone); a wall-clock time that zone shows twice would be refused by the copy.
   */
  private static int zoneOffset(long instantMicros, ZoneId zone) throws Unfit {
    if (zone.equals(ZoneOffset.UTC)) {
      return 0;
    }
    Instant i = Instant.ofEpochSecond(Math.floorDiv(instantMicros, 1_000_000L));
    ZoneOffset off = zone.getRules().getOffset(i);
    LocalDateTime local = LocalDateTime.ofInstant(i, zone);
    if (zone.getRules().getValidOffsets(local).size() != 1) {
      throw new Unfit("happens twice in " + zone + ", which zone-less text cannot tell apart");
    }
    return off.getTotalSeconds();
  }

  private static Long epochInteger(long micros, EncoderOptions o) throws Unfit {
    EpochUnit unit = unit(o);
    if (micros % unit.micros() != 0) {
      throw new Unfit(
          "has a fraction of a "
              + unit.name().toLowerCase(java.util.Locale.ROOT)
              + " unit, which the column's integer epoch numbers cannot hold");
    }
    return micros / unit.micros();
  }

  private static Double real(long micros, EncoderOptions o) throws Unfit {
    try {
      if (o.julianDay()) {
        double jd = TimeValues.microsToJulianDay(micros);
        if (TimeValues.julianDayToMicros(jd) == micros) {
          return jd;
        }
      } else {
        EpochUnit unit = unit(o);
        double d = BigDecimal.valueOf(micros).movePointLeft(unit.fractionDigits()).doubleValue();
        if (TimeValues.epochToMicros(d, unit) == micros) {
          return d;
        }
      }
    } catch (ConversionException e) {
      // falls through to the refusal: the double does not read back as this microsecond
    }
    throw new Unfit("has no REAL that reads back as the same microsecond");
  }

  private static EpochUnit unit(EncoderOptions o) throws Unfit {
    return o.epochUnit()
        .orElseThrow(() -> new Unfit("is in a column whose numbers have no epoch unit"));
  }

  /** time ('14:30:00.25') and timetz ('14:30:00+05:30'). */
  static Object clock(Storage s, String t, ColumnShape shape) throws Unfit {
    long[] c = PgOutput.clock(t);
    if (c == null) {
      throw new Unfit("is not a time of day as PostgreSQL prints it");
    }
    if (s != Storage.TEXT) {
      return null;
    }
    TimeText pattern = shape.time().orElseThrow();
    if (shape.options().datedFrom().isPresent()) {
      long day = shape.options().datedFrom().get().toEpochDay();
      return pattern.render(day * MICROS_PER_DAY + c[0], (int) c[1]);
    }
    return pattern.render(0, c[0], (int) c[1]);
  }

  /** interval, in the postgres IntervalStyle. */
  static Object interval(Storage s, String t, ColumnShape shape) throws Unfit {
    long[] v = PgOutput.interval(t);
    if (v == null) {
      throw new Unfit("is not an interval as PostgreSQL prints it");
    }
    EncoderOptions o = shape.options();
    boolean micros = v[0] == 0 && v[1] == 0;
    switch (s) {
      case INTEGER, REAL -> {
        if (o.intervalUnit().isEmpty()) {
          return null;
        }
        if (!micros) {
          throw new Unfit(
              "has months or days, which a number of "
                  + o.intervalUnit().get().sqlName()
                  + " does not keep apart");
        }
        return number(s, v[2], o.intervalUnit().get());
      }
      case TEXT -> {
        if (o.datedFrom().isPresent()) {
          if (!micros) {
            throw new Unfit(
                "has months or days, which a datetime counted from "
                    + o.datedFrom().get()
                    + " does not keep apart");
          }
          return shape
              .time()
              .orElseThrow()
              .render(o.datedFrom().get().toEpochDay() * MICROS_PER_DAY + v[2], 0);
        }
        if (shape.epochText() && o.intervalUnit().isPresent() && micros) {
          return number(Storage.INTEGER, v[2], o.intervalUnit().get()).toString();
        }
        return t;
      }
      default -> {
        return null;
      }
    }
  }

  private static Object number(Storage s, long micros, IntervalUnit unit) throws Unfit {
    if (s == Storage.INTEGER) {
      if (micros % unit.micros() != 0) {
        throw new Unfit("is not a whole number of " + unit.sqlName());
      }
      return micros / unit.micros();
    }
    double d = micros / (double) unit.micros();
    if (d * unit.micros() != micros) {
      throw new Unfit("has no REAL number of " + unit.sqlName() + " that reads back the same");
    }
    return d;
  }
}
