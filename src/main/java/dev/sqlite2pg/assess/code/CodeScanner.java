package dev.sqlite2pg.assess.code;

import dev.sqlite2pg.CodeFinding;
import java.nio.file.Path;
import java.util.List;

/** Scans an application's sources for SQLite-only constructs (issue 16). In progress. */
public final class CodeScanner {

  private CodeScanner() {}

  /** Every finding under {@code roots}, in file and line order. */
  public static List<CodeFinding> scan(List<Path> roots) {
    throw new UnsupportedOperationException("assess --code: in progress (issue 16)");
  }
}
