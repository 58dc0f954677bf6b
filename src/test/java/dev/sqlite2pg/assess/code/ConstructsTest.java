package dev.sqlite2pg.assess.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One fixture per construct, in {@code src/test/resources/assess/code/constructs/}: each line that
 * must be found carries a comment {@code expect: rule-id, ...}; every other line, including the
 * same constructs in comments, docstrings and plain strings, must yield nothing. The comparison is
 * exact both ways: each expected finding at its line, and no other.
 */
class ConstructsTest {

  static final Path CONSTRUCTS = Path.of("src/test/resources/assess/code/constructs");

  private static final Pattern EXPECT = Pattern.compile("expect: ([\\w-]+(?:,\\s*[\\w-]+)*)");

  @Test
  void everyMarkedConstructIsFoundAtItsLineAndNothingElse() throws IOException {
    Set<String> found =
        CodeScanner.hits(List.of(CONSTRUCTS), Rules.all()).stream()
            .map(h -> key(h.file(), h.line(), h.rule().id()))
            .collect(Collectors.toCollection(TreeSet::new));

    Set<String> expected = expected();
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(found);
    Set<String> unexpected = new TreeSet<>(found);
    unexpected.removeAll(expected);

    assertThat(missing).as("expected, not found").isEmpty();
    assertThat(unexpected).as("found, not expected").isEmpty();
    assertThat(found).hasSizeGreaterThan(100);
  }

  @Test
  void everyRuleHasAFixtureThatFindsIt() throws IOException {
    Set<String> marked =
        expected().stream()
            .map(k -> k.substring(k.lastIndexOf(' ') + 1))
            .collect(Collectors.toSet());

    Set<String> unmarked =
        Rules.all().stream()
            .map(Rule::id)
            .filter(id -> !marked.contains(id))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(unmarked).as("rules without a fixture").isEmpty();
  }

  /** {@code file:line rule} for each marker in the fixtures. */
  static Set<String> expected() throws IOException {
    Set<String> expected = new TreeSet<>();
    try (Stream<Path> files = Files.list(CONSTRUCTS)) {
      for (Path file : files.filter(f -> !f.toString().endsWith(".expect")).toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = EXPECT.matcher(lines.get(i));
          if (m.find()) {
            for (String id : m.group(1).split(",\\s*")) {
              expected.add(key(file, i + 1, id));
            }
          }
        }
        expected.addAll(sidecar(file));
      }
    }
    return expected;
  }

  /**
   * A format without comments (JSON) keeps its expectations beside it, in {@code NAME.expect}: one
   * {@code line: rule-id, ...} per line.
   */
  private static Set<String> sidecar(Path file) throws IOException {
    Path expect = file.resolveSibling(file.getFileName() + ".expect");
    Set<String> expected = new TreeSet<>();
    if (Files.exists(expect)) {
      for (String line : Files.readAllLines(expect, StandardCharsets.UTF_8)) {
        String[] parts = line.split(":\\s*", 2);
        for (String id : parts[1].split(",\\s*")) {
          expected.add(key(file, Integer.parseInt(parts[0].strip()), id));
        }
      }
    }
    return expected;
  }

  private static String key(Path file, int line, String rule) {
    return file.getFileName() + ":" + line + " " + rule;
  }
}
