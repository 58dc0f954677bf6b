package dev.sqlite2pg.assess.code;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a file is, from its name: the language its rules are chosen by, and the lexer that reads it.
 * Files of no listed type are not read (images, HTML templates, lock files).
 */
record FileType(Language language, Lexer lexer) {

  private static final Lexer C = new CLikeLexer(CLikeLexer.Dialect.PLAIN);
  private static final Lexer JS = new CLikeLexer(CLikeLexer.Dialect.JAVASCRIPT);
  private static final Lexer JVM = new CLikeLexer(CLikeLexer.Dialect.JVM);
  private static final Lexer GO = new CLikeLexer(CLikeLexer.Dialect.GO);
  private static final Lexer PHP = new CLikeLexer(CLikeLexer.Dialect.PHP);
  private static final Lexer HASH = new ConfigLexer(ConfigLexer.Comments.HASH);

  private static final Map<String, FileType> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("py", new FileType(Language.PYTHON, new PythonLexer())),
          Map.entry("js", new FileType(Language.JAVASCRIPT, JS)),
          Map.entry("mjs", new FileType(Language.JAVASCRIPT, JS)),
          Map.entry("cjs", new FileType(Language.JAVASCRIPT, JS)),
          Map.entry("jsx", new FileType(Language.JAVASCRIPT, JS)),
          Map.entry("ts", new FileType(Language.JAVASCRIPT, JS)),
          Map.entry("tsx", new FileType(Language.JAVASCRIPT, JS)),
          Map.entry("mts", new FileType(Language.JAVASCRIPT, JS)),
          Map.entry("java", new FileType(Language.JAVA, JVM)),
          Map.entry("kt", new FileType(Language.JAVA, JVM)),
          Map.entry("kts", new FileType(Language.JAVA, JVM)),
          Map.entry("groovy", new FileType(Language.JAVA, JVM)),
          Map.entry("gradle", new FileType(Language.JAVA, JVM)),
          Map.entry("scala", new FileType(Language.JAVA, JVM)),
          Map.entry("rb", new FileType(Language.RUBY, new RubyLexer())),
          Map.entry("rake", new FileType(Language.RUBY, new RubyLexer())),
          Map.entry("gemspec", new FileType(Language.RUBY, new RubyLexer())),
          Map.entry("go", new FileType(Language.GO, GO)),
          Map.entry("php", new FileType(Language.PHP, PHP)),
          Map.entry("sql", new FileType(Language.SQL, new SqlLexer())),
          Map.entry("yml", new FileType(Language.CONFIG, HASH)),
          Map.entry("yaml", new FileType(Language.CONFIG, HASH)),
          Map.entry("env", new FileType(Language.CONFIG, HASH)),
          Map.entry("properties", new FileType(Language.CONFIG, HASH)),
          Map.entry("toml", new FileType(Language.CONFIG, HASH)),
          Map.entry("ini", new FileType(Language.CONFIG, HASH)),
          Map.entry("cfg", new FileType(Language.CONFIG, HASH)),
          Map.entry("conf", new FileType(Language.CONFIG, HASH)),
          Map.entry(
              "json", new FileType(Language.CONFIG, new ConfigLexer(ConfigLexer.Comments.NONE))),
          Map.entry(
              "xml", new FileType(Language.CONFIG, new ConfigLexer(ConfigLexer.Comments.XML))),
          Map.entry("prisma", new FileType(Language.CONFIG, C)));

  /** Files known by their whole name. */
  private static final Map<String, FileType> BY_NAME =
      Map.of(
          "gemfile", new FileType(Language.RUBY, new RubyLexer()),
          "rakefile", new FileType(Language.RUBY, new RubyLexer()),
          "go.mod", new FileType(Language.CONFIG, C),
          ".env", new FileType(Language.CONFIG, HASH));

  /** The type of {@code file}, or empty when it is not one the scanner reads. */
  static Optional<FileType> of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    FileType named = BY_NAME.get(name);
    if (named != null) {
      return Optional.of(named);
    }
    if (name.startsWith(".env.")) {
      return Optional.of(BY_NAME.get(".env"));
    }
    int dot = name.lastIndexOf('.');
    return dot < 0
        ? Optional.empty()
        : Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1)));
  }
}
