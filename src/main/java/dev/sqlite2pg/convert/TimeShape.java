package dev.sqlite2pg.convert;

/** What a text value looks like as a point in time, for choosing a column's target type. */
public enum TimeShape {
  /** "2024-03-01" */
  DATE_ONLY,
  /** "2024-03-01 12:30:00", "2024-03-01T12:30:00.123": no zone, which SQLite means as UTC */
  LOCAL_DATETIME,
  /** "2024-03-01T12:30:00Z", "2024-03-01 12:30:00+02:00" */
  ZONED_DATETIME,
  NOT_A_TIME
}
