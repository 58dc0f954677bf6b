package dev.sqlite2pg.doctor;

import java.util.Locale;

/** Byte counts as a person reads them: 1.5 GB, 64 MB, 812 kB (powers of 1024, as df -h). */
final class Sizes {

  private static final String[] UNITS = {"bytes", "kB", "MB", "GB", "TB", "PB"};

  private Sizes() {}

  static String shown(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit == 0 || value >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%d %s", Math.round(value), UNITS[unit]);
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
