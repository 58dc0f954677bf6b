package dev.sqlite2pg.pg.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a target string said, before defaults: libpq keywords (host, port, dbname, user, ...) and,
 * for jdbc: URLs, pgjdbc properties to pass through untouched.
 *
 * @param keywords libpq connection keywords; host and port may be comma-separated lists
 * @param driverProperties pgjdbc property names and values (jdbc: URLs only)
 */
record TargetSyntax(Map<String, String> keywords, Map<String, String> driverProperties) {

  static final String URI_EXAMPLE = "postgresql://user@host:5432/dbname";
  static final String KEYWORD_EXAMPLE = "host=localhost port=5432 dbname=app user=me";
  static final String JDBC_EXAMPLE = "jdbc:postgresql://host:5432/dbname?user=me";

  /** A parse problem; the caller adds which input it was and the expected form. */
  static final class Invalid extends IllegalArgumentException {
    Invalid(String problem) {
      super(problem);
    }
  }

  /** Recognises the form by its prefix and parses it. */
  static TargetSyntax parse(String target) {
    String trimmed = target.strip();
    if (trimmed.isEmpty()) {
      throw new Invalid("it is empty");
    }
    if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
      return UriParser.parse(trimmed);
    }
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return JdbcUrlParser.parse(trimmed);
    }
    if (trimmed.contains("=") && !trimmed.contains("://")) {
      return KeywordParser.parse(trimmed);
    }
    throw new Invalid("it is not a PostgreSQL connection string");
  }

  /** The example shown after an error, matching the form the user tried to write. */
  static String exampleFor(String target) {
    String trimmed = target.strip();
    if (trimmed.startsWith("jdbc:")) {
      return JDBC_EXAMPLE;
    }
    if (trimmed.contains("=") && !trimmed.contains("://")) {
      return KEYWORD_EXAMPLE;
    }
    return URI_EXAMPLE;
  }

  static TargetSyntax empty() {
    return new TargetSyntax(new LinkedHashMap<>(), new LinkedHashMap<>());
  }
}
