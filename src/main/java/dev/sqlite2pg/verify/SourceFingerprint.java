package dev.sqlite2pg.verify;

/**
 * One table's fingerprint as its source has it, kept to be compared later: a merged fleet's file
 * records it when it loads, and the run that finishes the fleet compares every tenant's at once
 * ({@link TenantFingerprints}).
 *
 * @param sourceRows rows in the source table
 * @param fingerprint of the rows whose values convert (its count: how many), as the target should
 *     hold them
 */
public record SourceFingerprint(
    String sourceTable, String targetTable, long sourceRows, Fingerprint fingerprint) {}
