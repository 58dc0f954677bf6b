package dev.sqlite2pg.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2min}, {@code 1h}: the forms PostgreSQL's
 * settings take.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|min|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration: write it as 250ms, 1s, 1.5s, 2min or 1h");
    }
    double n = Double.parseDouble(m.group(1));
    double ms =
        switch (m.group(2)) {
          case "ms" -> n;
          case "s" -> n * 1000;
          case "h" -> n * 3_600_000;
          default -> n * 60_000;
        };
    return Duration.ofMillis(Math.round(ms));
  }
}
