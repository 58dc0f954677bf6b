package dev.sqlite2pg.assess.code;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The rules applied to one file: code rules to its program text, SQL rules to its SQL (the whole of
 * a {@code .sql} file, or the strings in code that are SQL). One hit per rule and line.
 */
final class FileScan {

  private static final Lexer SQL = new SqlLexer();

  private final Path file;
  private final FileType type;
  private final List<Rule> rules;
  private final LineIndex lines;
  private final List<Hit> hits = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  private FileScan(Path file, FileType type, List<Rule> rules, String content) {
    this.file = file;
    this.type = type;
    this.rules = rules;
    this.lines = new LineIndex(content);
  }

  static List<Hit> scan(Path file, FileType type, List<Rule> rules, String content) {
    FileScan scan = new FileScan(file, type, rules, content);
    scan.all(content);
    return scan.hits;
  }

  private void all(String content) {
    Lexed lexed = type.lexer().lex(content);
    String text = lexed.text();
    match(Scope.CODE, lexed.bare(), text, null);
    match(Scope.TEXT, text, text, null);
    for (EmbeddedSql sql : sql(content, lexed)) {
      Lexed sqlLexed = SQL.lex(sql.text());
      String sqlText = sqlLexed.text();
      match(Scope.SQL, sqlText, sqlText, sql.offsets());
      match(Scope.SQL_BARE, sqlLexed.bare(), sqlText, sql.offsets());
    }
  }

  private List<EmbeddedSql> sql(String content, Lexed lexed) {
    if (type.language() == Language.SQL) {
      return List.of(EmbeddedSql.whole(content));
    }
    return EmbeddedSql.strings(lexed).stream().filter(SqlShape::isSql).toList();
  }

  /**
   * Matches the scope's rules against {@code searched}; what a finding shows is taken from {@code
   * shown} (same length, literals kept), so a bare match still reads as written. {@code offsets}
   * maps SQL taken from strings back to the file; null when {@code searched} is the file.
   */
  private void match(Scope scope, String searched, String shown, int[] offsets) {
    for (Rule rule : applicable(scope)) {
      Matcher m = rule.pattern().matcher(searched);
      while (m.find()) {
        if (m.end() > m.start()) {
          int offset = offsets == null ? m.start() : offsets[m.start()];
          add(rule, offset, shown.substring(m.start(), m.end()));
        }
      }
    }
  }

  private List<Rule> applicable(Scope scope) {
    return rules.stream().filter(r -> r.scope() == scope && r.appliesTo(type.language())).toList();
  }

  private void add(Rule rule, int offset, String matched) {
    int line = lines.line(offset);
    if (seen.add(rule.id() + "@" + line)) {
      hits.add(new Hit(file, line, Hit.written(matched), rule));
    }
  }
}
