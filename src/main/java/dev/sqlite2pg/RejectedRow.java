package dev.sqlite2pg;

/**
 * A row that was not copied: which one, which column refused, the value as stored (text as is,
 * blobs as hex), and why.
 *
 * @param key "rowid=7", or the primary key of a WITHOUT ROWID table ("id='a1'")
 */
public record RejectedRow(String table, String key, String column, String storageClass,
    String value, String reason) {}
