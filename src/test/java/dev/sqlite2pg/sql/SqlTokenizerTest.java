package dev.sqlite2pg.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.sql.SqlToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokenizerTest {

  @Test
  void quotedNamesInAllThreeStylesAreOneTokenEach() {
    // Northwind's [Order Details], PocketBase's `_logs`, Django's "when".
    List<SqlToken> tokens = SqlTokenizer.tokenize("[Order Details] `_logs` \"when\" \"a\"\"b\"");
    assertThat(tokens).extracting(SqlToken::kind).containsOnly(Kind.QUOTED_IDENTIFIER);
    assertThat(tokens)
        .extracting(SqlToken::value)
        .containsExactly("Order Details", "_logs", "when", "a\"b");
  }

  @Test
  void stringsKeepParenthesesAndDoubledQuotes() {
    List<SqlToken> tokens = SqlTokenizer.tokenize("'it''s (not) a paren', X'0aFF', x");
    assertThat(tokens.get(0).kind()).isEqualTo(Kind.STRING);
    assertThat(tokens.get(0).value()).isEqualTo("it's (not) a paren");
    assertThat(tokens.get(2).kind()).isEqualTo(Kind.BLOB);
    assertThat(tokens.get(2).value()).isEqualTo("0aFF");
    assertThat(tokens.get(4).kind()).isEqualTo(Kind.WORD);
  }

  @Test
  void numbersIncludingExponentsHexAndLeadingDot() {
    assertThat(SqlTokenizer.tokenize("1 4.99 .5 1e10 2.5E-3 0x1F"))
        .allMatch(t -> t.kind() == Kind.NUMBER)
        .extracting(SqlToken::text)
        .containsExactly("1", "4.99", ".5", "1e10", "2.5E-3", "0x1F");
  }

  @Test
  void commentsAreSkippedAndOperatorsAreWhole() {
    // datasette_fixtures.db keeps a /* comment */ after CREATE VIRTUAL TABLE.
    List<SqlToken> tokens = SqlTokenizer.tokenize("a -- line\n||b /* x ) */ == c != d <> e ->> f");
    assertThat(tokens)
        .extracting(SqlToken::text)
        .containsExactly("a", "||", "b", "==", "c", "!=", "d", "<>", "e", "->>", "f");
  }

  @Test
  void offsetsPointIntoTheSource() {
    String sql = "CHECK ( \"x\" >= 0 )";
    SqlToken x = SqlTokenizer.tokenize(sql).get(2);
    assertThat(sql.substring(x.start(), x.end())).isEqualTo("\"x\"");
  }

  @Test
  void unterminatedStringIsAnError() {
    assertThatThrownBy(() -> SqlTokenizer.tokenize("DEFAULT 'abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 8");
  }
}
