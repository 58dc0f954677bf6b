package dev.sqlite2pg.assess.code;

import dev.sqlite2pg.CodeFinding;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A rule that matched at one line of one file.
 *
 * @param file the file as shown (under the root as given)
 * @param line 1-based
 * @param written the construct as written there, blanks collapsed
 * @param rule the rule
 */
record Hit(Path file, int line, String written, Rule rule) {

  /** File, line, construct: the order of the report. The rule's id settles the rest. */
  static final Comparator<Hit> ORDER =
      Comparator.comparing((Hit h) -> h.file().toString())
          .thenComparingInt(Hit::line)
          .thenComparing(Hit::written)
          .thenComparing(h -> h.rule().id());

  private static final int LONGEST = 80;

  static String written(CharSequence matched) {
    String collapsed = matched.toString().strip().replaceAll("\\s+", " ");
    return collapsed.length() <= LONGEST ? collapsed : collapsed.substring(0, LONGEST - 3) + "...";
  }

  CodeFinding finding() {
    return new CodeFinding(file, line, written, rule.postgres(), rule.replacement(), rule.level());
  }
}
