package dev.sqlite2pg.convert.reverse;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a column writes a date, a date and time, or a time of day as text, learned from the texts it
 * holds: Django writes '2024-05-01 10:00:00.123456' (and no fraction when it is zero, as Python's
 * isoformat does), Rails always six digits, SQLAlchemy '2024-05-01 10:00:00.000000', Python's
 * isoformat() a 'T', JavaScript's toISOString() three digits and a 'Z', SQLite's datetime('now') no
 * fraction and no zone.
 *
 * @param layout date only, date and time, or time of day only
 * @param separator ' ' or 'T' between date and time
 * @param seconds whether the seconds are written (SQLite reads '2024-05-01 10:00' too)
 * @param fraction how fractions of a second are written
 * @param digits the number of fraction digits for {@link Fraction#FIXED}
 * @param zone how the zone is written, if at all
 * @param offsetSeconds the offset the column's texts carry (east of UTC) when a zone is written
 */
public record TimeText(
    Layout layout,
    char separator,
    boolean seconds,
    Fraction fraction,
    int digits,
    Zone zone,
    int offsetSeconds) {

  /** What the text holds. */
  public enum Layout {
    DATE,
    DATETIME,
    CLOCK
  }

  /** Fractions of a second. */
  public enum Fraction {
    /** Always {@code digits} digits, none when digits is 0 (Rails, SQLAlchemy: 6; JS: 3). */
    FIXED,
    /** None when zero, else six digits: Python's isoformat(), so Django. */
    PYTHON,
    /** As few digits as the value needs, none when zero. */
    TRIMMED
  }

  /** The zone suffix. */
  public enum Zone {
    NONE,
    /** "Z" for UTC (JavaScript, Go), an offset otherwise. */
    Z,
    /** "+02", PostgreSQL's own style. */
    HOURS,
    /** "+0200". */
    COMPACT,
    /** "+02:00", Python's isoformat() of an aware datetime. */
    COLON
  }

  /** SQLite's own datetime('now'): '2024-05-01 10:00:00', UTC, no zone written. */
  public static final TimeText SQLITE_DATETIME =
      new TimeText(Layout.DATETIME, ' ', true, Fraction.TRIMMED, 0, Zone.NONE, 0);

  public static final TimeText SQLITE_DATE =
      new TimeText(Layout.DATE, ' ', false, Fraction.FIXED, 0, Zone.NONE, 0);

  /** SQLite's time('now') and Django's TimeField: '14:30:00', fractions as isoformat() writes. */
  public static final TimeText SQLITE_CLOCK =
      new TimeText(Layout.CLOCK, ' ', true, Fraction.PYTHON, 0, Zone.NONE, 0);

  private static final Pattern TEXT =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})?([ T])?(?:(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?"
              + "(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");

  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  /** One sample text read: its pattern without the fraction, and its fraction's digits. */
  private record Seen(TimeText key, int digits, boolean trailingZero) {}

  /**
   * The dominant pattern among {@code texts} for {@code layout} (texts of another layout are not
   * counted, except date-only texts in a datetime column when nothing else is there); empty when
   * none is a date or time. Ties go to the pattern seen first.
   */
  public static Optional<TimeText> learn(List<String> texts, Layout layout) {
    Map<TimeText, Integer> votes = new HashMap<>();
    Map<TimeText, Integer> first = new HashMap<>();
    Map<TimeText, List<Seen>> seen = new HashMap<>();
    for (String t : texts) {
      Seen s = read(t);
      if (s == null || (s.key().layout() != layout && layout != Layout.DATETIME)) {
        continue;
      }
      votes.merge(s.key(), s.key().layout() == layout ? 2 : 1, Integer::sum);
      first.putIfAbsent(s.key(), first.size());
      seen.computeIfAbsent(s.key(), k -> new java.util.ArrayList<>()).add(s);
    }
    return votes.keySet().stream()
        .max(
            java.util.Comparator.<TimeText>comparingInt(votes::get)
                .thenComparing(k -> -first.get(k)))
        .map(k -> withFraction(k, seen.get(k)));
  }

  private static Seen read(String t) {
    Matcher m = TEXT.matcher(t);
    if (!m.matches()) {
      return null;
    }
    boolean date = m.group(1) != null;
    boolean clock = m.group(3) != null;
    if (!date && !clock
        || (date && clock) != (m.group(2) != null)
        || (!clock && m.group(7) != null)) {
      return null;
    }
    Layout layout = !clock ? Layout.DATE : date ? Layout.DATETIME : Layout.CLOCK;
    char sep = m.group(2) == null ? ' ' : m.group(2).charAt(0);
    String zone = m.group(7);
    Zone style = zoneStyle(zone);
    int offset = style == Zone.NONE || style == Zone.Z ? 0 : offsetOf(zone);
    String frac = m.group(6) == null ? "" : m.group(6);
    TimeText key = new TimeText(layout, sep, m.group(5) != null, Fraction.FIXED, 0, style, offset);
    return new Seen(key, frac.length(), frac.endsWith("0"));
  }

  private static Zone zoneStyle(String z) {
    if (z == null) {
      return Zone.NONE;
    }
    if (z.equalsIgnoreCase("Z")) {
      return Zone.Z;
    }
    return z.length() == 3 ? Zone.HOURS : z.indexOf(':') > 0 ? Zone.COLON : Zone.COMPACT;
  }

  private static int offsetOf(String z) {
    int h = Integer.parseInt(z.substring(1, 3));
    int m = z.length() > 3 ? Integer.parseInt(z.substring(z.length() - 2)) : 0;
    return (z.charAt(0) == '-' ? -1 : 1) * (h * 3600 + m * 60);
  }

  /** FIXED when every text has the same number of digits, PYTHON for 0 and 6, else TRIMMED. */
  private static TimeText withFraction(TimeText k, List<Seen> seen) {
    TreeSet<Integer> lengths = new TreeSet<>();
    seen.forEach(s -> lengths.add(s.digits()));
    Fraction f;
    if (lengths.size() == 1) {
      f = Fraction.FIXED;
    } else if (lengths.equals(new TreeSet<>(List.of(0, 6)))) {
      f = Fraction.PYTHON;
    } else {
      f = Fraction.TRIMMED;
    }
    return new TimeText(
        k.layout, k.separator, k.seconds, f, lengths.first(), k.zone, k.offsetSeconds);
  }

  /**
   * The text of a wall-clock time ({@code localMicros}, microseconds since 1970-01-01 read as UTC)
   * written at {@code offsetSeconds} east of UTC; a reason when this pattern cannot hold it.
   */
  String render(long localMicros, int offsetSeconds) throws Unfit {
    long day = Math.floorDiv(localMicros, 86_400_000_000L);
    long micros = Math.floorMod(localMicros, 86_400_000_000L);
    return render(day, micros, offsetSeconds);
  }

  /** As {@link #render(long, int)}, with the time of day apart (24:00:00 is a time of day). */
  String render(long epochDay, long micros, int offsetSeconds) throws Unfit {
    StringBuilder out = new StringBuilder(32);
    if (layout != Layout.CLOCK) {
      java.time.LocalDate d = java.time.LocalDate.ofEpochDay(epochDay);
      if (d.getYear() < 1 || d.getYear() > 9999) {
        throw new Unfit("is outside the years 0001 to 9999 that SQLite's date functions read");
      }
      out.append(
          String.format(
              Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
    }
    if (layout == Layout.DATE) {
      if (micros != 0 || offsetSeconds != 0) {
        throw new Unfit("has a time of day, which the column's date-only texts cannot hold");
      }
      return out.toString();
    }
    if (layout == Layout.DATETIME) {
      out.append(separator);
    }
    clock(micros, out);
    return zone(offsetSeconds, out).toString();
  }

  private void clock(long micros, StringBuilder out) throws Unfit {
    long secs = micros / 1_000_000L;
    long frac = micros % 1_000_000L;
    out.append(String.format(Locale.ROOT, "%02d:%02d", secs / 3600, secs / 60 % 60));
    if (!seconds) {
      if (micros % 60_000_000L != 0) {
        throw new Unfit("has seconds, which the column's texts (HH:MM) do not write");
      }
      return;
    }
    out.append(String.format(Locale.ROOT, ":%02d", secs % 60));
    int n =
        switch (fraction) {
          case FIXED -> digits;
          case PYTHON -> frac == 0 ? 0 : 6;
          case TRIMMED -> trimmedDigits(frac);
        };
    if (frac % POW10[6 - Math.min(n, 6)] != 0) {
      // More precise than the column's texts (now() written on PostgreSQL into a column the
      // application filled to the second): the digits it needs, so the time means the same;
      // refusing would stop the whole rollback on one timestamp.
      n = Math.max(n, trimmedDigits(frac));
    }
    if (n > 0) {
      String six = String.format(Locale.ROOT, "%06d", frac);
      out.append('.').append(six, 0, Math.min(n, 6)).append("0".repeat(Math.max(0, n - 6)));
    }
  }

  private static int trimmedDigits(long frac) {
    int n = 6;
    while (n > 0 && frac % 10 == 0) {
      frac /= 10;
      n--;
    }
    return n;
  }

  private StringBuilder zone(int offsetSeconds, StringBuilder out) throws Unfit {
    if (zone == Zone.NONE) {
      if (offsetSeconds != 0) {
        throw new Unfit("has a zone offset, which the column's texts do not write");
      }
      return out;
    }
    if (offsetSeconds % 60 != 0) {
      throw new Unfit("has a zone offset in seconds, which the column's texts cannot write");
    }
    if (zone == Zone.Z && offsetSeconds == 0) {
      return out.append('Z');
    }
    int abs = Math.abs(offsetSeconds) / 60;
    out.append(offsetSeconds < 0 ? '-' : '+').append(String.format(Locale.ROOT, "%02d", abs / 60));
    if (zone == Zone.HOURS && abs % 60 == 0) {
      return out;
    }
    return out.append(zone == Zone.COMPACT ? "" : ":")
        .append(String.format(Locale.ROOT, "%02d", abs % 60));
  }
}
