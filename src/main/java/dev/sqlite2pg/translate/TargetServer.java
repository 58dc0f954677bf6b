package dev.sqlite2pg.translate;

/**
 * What the target server offers that changes a translation.
 *
 * @param major the PostgreSQL major version; 0 when unknown (a schema script written without a
 *     server), where only what every supported version has is used
 * @param icu whether the server was built with ICU, which nondeterministic collations need
 */
public record TargetServer(int major, boolean icu) {

  /** No server at hand: translate for the oldest supported one. */
  public static final TargetServer UNKNOWN = new TargetServer(0, false);

  /** {@code x IS JSON} exists from PostgreSQL 16 (Debian 12 ships 15, which refuses it). */
  boolean hasIsJson() {
    return major >= 16;
  }
}
