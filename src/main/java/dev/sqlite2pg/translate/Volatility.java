package dev.sqlite2pg.translate;

/**
 * PostgreSQL's function volatility classes, in order. A translation context allows up to one of
 * them: index expressions, partial-index predicates, CHECKs and generated columns need IMMUTABLE;
 * views may be STABLE; defaults may be VOLATILE.
 */
enum Volatility {
  IMMUTABLE,
  STABLE,
  VOLATILE
}
