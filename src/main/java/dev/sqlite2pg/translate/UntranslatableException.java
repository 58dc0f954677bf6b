package dev.sqlite2pg.translate;

/**
 * Thrown deep inside a translation to abandon it; {@link SqlTranslator} turns it into {@link
 * Translation.Untranslatable} so it never reaches callers.
 */
final class UntranslatableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UntranslatableException(String reason) {
    super(reason, null, false, false);
  }
}
