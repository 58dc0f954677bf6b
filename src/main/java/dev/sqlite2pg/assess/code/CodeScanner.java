package dev.sqlite2pg.assess.code;

import dev.sqlite2pg.CodeFinding;
import dev.sqlite2pg.MigrationLevel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scans an application's sources for what breaks or behaves differently on PostgreSQL (issue 16,
 * {@code assess --code}): the SQLite drivers and their settings in code, SQLite's SQL dialect in
 * {@code .sql} files and in the strings that are SQL. The rules are data, in {@code
 * code-rules.txt}; comments are never searched, and plain strings are searched only for connection
 * strings and settings.
 */
public final class CodeScanner {

  private static final Comparator<CodeFinding> ORDER =
      Comparator.comparing((CodeFinding f) -> f.file().toString())
          .thenComparingInt(CodeFinding::line)
          .thenComparing(CodeFinding::construct);

  private CodeScanner() {}

  /**
   * Every finding under {@code roots} (directories or files), in file, line and construct order. A
   * file that could not be read, or larger than 4 MB, is one finding at line 0 saying so.
   *
   * @throws dev.sqlite2pg.MigrationException (bad arguments) when a root does not exist
   */
  public static List<CodeFinding> scan(List<Path> roots) {
    List<CodeFinding> findings = new ArrayList<>();
    for (SourceTree.Source source : SourceTree.list(roots)) {
      scanFile(source, Rules.all()).forEach(hit -> findings.add(hit.finding()));
      notScanned(source).ifPresent(findings::add);
    }
    findings.sort(ORDER);
    return findings;
  }

  /** The hits under {@code roots}, with their rules, in report order (for tests). */
  static List<Hit> hits(List<Path> roots, List<Rule> rules) {
    List<Hit> hits = new ArrayList<>();
    for (SourceTree.Source source : SourceTree.list(roots)) {
      hits.addAll(scanFile(source, rules));
    }
    hits.sort(Hit.ORDER);
    return hits;
  }

  private static List<Hit> scanFile(SourceTree.Source source, List<Rule> rules) {
    if (source.size() < 0 || source.size() > SourceTree.LIMIT) {
      return List.of();
    }
    try {
      byte[] bytes = Files.readAllBytes(source.file());
      return isBinary(bytes)
          ? List.of()
          : FileScan.scan(source.file(), source.type(), rules, decode(bytes));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<CodeFinding> notScanned(SourceTree.Source source) {
    String why;
    if (source.size() > SourceTree.LIMIT) {
      why = String.format(Locale.ROOT, "%.1f MB, over the 4 MB limit", source.size() / 1048576.0);
    } else if (source.size() < 0 || !Files.isReadable(source.file())) {
      why = "unreadable";
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new CodeFinding(
            source.file(),
            0,
            "(not scanned: " + why + ")",
            "unknown: the file was not read",
            "review it by hand",
            MigrationLevel.DECISION));
  }

  /** A NUL in the first 8 KB: compiled, an image, a SQLite file; not source. */
  private static boolean isBinary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** UTF-8, and a stray Latin-1 byte in a comment does not stop the scan. */
  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
