package dev.sqlite2pg.assess.code;

import dev.sqlite2pg.MigrationLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code code-rules.txt}: records of {@code key: value} lines separated by blank
 * lines, each value the rest of its line as written (so a pattern needs no quoting). A broken rule
 * is a bug in this program, reported naming the rule.
 */
final class Rules {

  static final String RESOURCE = "/dev/sqlite2pg/assess/code-rules.txt";

  private static final List<String> KEYS =
      List.of("id", "languages", "in", "pattern", "construct", "postgres", "replacement", "level");

  private static final List<Rule> ALL = parse(read());

  private Rules() {}

  /** Every rule, in the file's order. */
  static List<Rule> all() {
    return ALL;
  }

  static List<Rule> parse(String text) {
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Map<String, String> record : records(text)) {
      Rule rule = rule(record);
      if (!ids.add(rule.id())) {
        throw new IllegalStateException("code-rules.txt: rule " + rule.id() + " appears twice");
      }
      rules.add(rule);
    }
    return List.copyOf(rules);
  }

  private static List<Map<String, String>> records(String text) {
    List<Map<String, String>> records = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          records.add(current);
        }
        current = new LinkedHashMap<>();
      } else if (!line.startsWith("#")) {
        int colon = line.indexOf(": ");
        if (colon < 0) {
          throw new IllegalStateException("code-rules.txt: not a 'key: value' line: " + line);
        }
        current.put(line.substring(0, colon), line.substring(colon + 2).strip());
      }
    }
    if (!current.isEmpty()) {
      records.add(current);
    }
    return records;
  }

  private static Rule rule(Map<String, String> record) {
    String id = record.getOrDefault("id", "(no id)");
    if (!record.keySet().equals(new HashSet<>(KEYS))) {
      throw new IllegalStateException(
          "code-rules.txt: rule " + id + " must have exactly the keys " + KEYS);
    }
    try {
      Scope scope = Scope.of(record.get("in"));
      return new Rule(
          id,
          languages(record.get("languages")),
          scope,
          Pattern.compile(record.get("pattern"), scope.isSql() ? Pattern.CASE_INSENSITIVE : 0),
          record.get("construct"),
          record.get("postgres"),
          record.get("replacement"),
          MigrationLevel.valueOf(record.get("level").toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("code-rules.txt: rule " + id + ": " + e.getMessage(), e);
    }
  }

  private static Set<Language> languages(String list) {
    if (list.equals("all")) {
      return EnumSet.allOf(Language.class);
    }
    Set<Language> languages = EnumSet.noneOf(Language.class);
    Arrays.stream(list.split(",\\s*"))
        .map(word -> Language.valueOf(word.toUpperCase(Locale.ROOT)))
        .forEach(languages::add);
    return languages;
  }

  private static String read() {
    try (InputStream in = Rules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RESOURCE, e);
    }
  }
}
