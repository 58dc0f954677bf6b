package dev.sqlite2pg.verify;

import java.nio.charset.StandardCharsets;

/** Placeholder until PostgreSQL's jsonb text rendering lands (branch jsonb). */
final class JsonbText {
  private JsonbText() {}

  static String render(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
