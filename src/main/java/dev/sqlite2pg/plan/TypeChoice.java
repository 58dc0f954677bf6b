package dev.sqlite2pg.plan;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;

/**
 * A type rule's answer: the type, how values are read for it, and why.
 *
 * @param warning whether the choice departs from the declared type (reported as a warning)
 */
public record TypeChoice(
    PgType type, EncoderOptions options, String rule, String reason, boolean warning) {

  static TypeChoice of(PgType type, String rule, String reason) {
    return new TypeChoice(type, EncoderOptions.DEFAULT, rule, reason, false);
  }
}
