package dev.sqlite2pg;

/**
 * What a row that PostgreSQL refuses (or that does not convert) costs: {@code SKIP} leaves the row
 * out, lists it and writes it to the reject file, and the table's other rows arrive; {@code ABORT}
 * stops the table at the first such row and rolls it back. Either way the run exits non-zero.
 */
public enum OnError {
  SKIP,
  ABORT
}
