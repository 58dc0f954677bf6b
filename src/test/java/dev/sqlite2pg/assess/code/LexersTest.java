package dev.sqlite2pg.assess.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexers' hard cases: where a quote or a comment marker does not mean what it seems. */
class LexersTest {

  private static List<String> strings(Lexer lexer, String src) {
    return EmbeddedSql.strings(lexer.lex(src)).stream().map(EmbeddedSql::text).toList();
  }

  @Test
  void pythonDocstringsAreCommentsAndAdjacentStringsAreOne() {
    String src =
        "def f():\n    \"\"\"SELECT 1\"\"\"\n    q = (\"SELECT a\"\n         \" FROM t\")\n";

    assertThat(strings(new PythonLexer(), src)).containsExactly("SELECT a FROM t");
  }

  @Test
  void pythonRawStringsKeepBackslashesAndOthersDecodeThem() {
    assertThat(strings(new PythonLexer(), "a = r'x\\'y'\nb = 'it\\'s'\n"))
        .containsExactly("x\\'y", "it's");
  }

  @Test
  void javascriptRegexLiteralsOpenNoString() {
    String src = "const re = /'/; const q = 'SELECT 1';\n";

    assertThat(strings(new CLikeLexer(CLikeLexer.Dialect.JAVASCRIPT), src))
        .containsExactly("SELECT 1");
  }

  @Test
  void javascriptTemplatesLeaveTheirInterpolatedCodeOut() {
    String src = "db.run(`PRAGMA ${x ? '}' : 'a'} = ${'@' + y}`);\n";

    assertThat(strings(new CLikeLexer(CLikeLexer.Dialect.JAVASCRIPT), src))
        .containsExactly("PRAGMA ${} = ${}");
  }

  @Test
  void rubyHeredocBodiesStartOnTheNextLine() {
    String src = "find_by_sql(<<~SQL) # note\n  SELECT 1\nSQL\nx = 'a'\n";

    assertThat(strings(new RubyLexer(), src)).containsExactly("  SELECT 1\n", "a");
  }

  @Test
  void rubyInterpolationIsCodeButNotInSingleQuotes() {
    assertThat(strings(new RubyLexer(), "a = \"x #{'}' + y} z\"\nb = 'p #{q}'\n"))
        .containsExactly("x #{} z", "p #{q}");
  }

  @Test
  void rubyBlockCommentsAreComments() {
    assertThat(strings(new RubyLexer(), "=begin\n'SELECT 1'\n=end\nx = 'b'\n"))
        .containsExactly("b");
  }

  @Test
  void phpHtmlIsNotCodeAndHeredocsAreStrings() {
    String src = "<p>Don't</p>\n<?php $q = <<<SQL\nSELECT 1\nSQL;\n?>\n<p>'x'</p>\n";

    assertThat(strings(new CLikeLexer(CLikeLexer.Dialect.PHP), src)).containsExactly("SELECT 1\n");
  }

  @Test
  void goRawStringsKeepBackslashes() {
    assertThat(strings(new CLikeLexer(CLikeLexer.Dialect.GO), "q := `a\\n`\n"))
        .containsExactly("a\\n");
  }

  @Test
  void sqlDoubledQuotesStayInOneLiteralAndCommentsGo() {
    Lexed lexed = new SqlLexer().lex("SELECT 'it''s -- no' -- yes\n");

    assertThat(lexed.text()).isEqualTo("SELECT 'it''s -- no'       \n");
    assertThat(lexed.bare())
        .isEqualTo("SELECT '" + " ".repeat("it''s -- no".length()) + "'       \n");
  }

  @Test
  void yamlHashInsideQuotesIsNotAComment() {
    Lexed lexed = new ConfigLexer(ConfigLexer.Comments.HASH).lex("a: \"x #y\" # z\n");

    assertThat(lexed.text()).isEqualTo("a: \"x #y\"    \n");
  }
}
