package dev.sqlite2pg.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.sqlite.CreateIndexParser.KeyPart;
import dev.sqlite2pg.sqlite.CreateIndexParser.ParsedIndex;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateIndexParserTest {

  @Test
  void pocketBaseExpressionIndexes() {
    // pocketbase_auxiliary.db
    ParsedIndex json =
        CreateIndexParser.parse(
            "CREATE INDEX _logs_data_auth_idx on `_logs` (JSON_EXTRACT(`data`, '$.auth'))");
    assertThat(json.tableName()).isEqualTo("_logs");
    assertThat(json.keyParts())
        .containsExactly(
            new KeyPart(
                "JSON_EXTRACT(`data`, '$.auth')", Optional.empty(), Optional.empty(), false));
    ParsedIndex hour =
        CreateIndexParser.parse(
            "CREATE INDEX idx_logs_created_hour on `_logs` "
                + "(strftime('%Y-%m-%d %H:00:00', `created`))");
    assertThat(hour.keyParts().get(0).expressionSql())
        .isEqualTo("strftime('%Y-%m-%d %H:00:00', `created`)");
    assertThat(hour.whereSql()).isEmpty();
  }

  @Test
  void pocketBasePartialUniqueIndex() {
    // pocketbase_data.db
    ParsedIndex i =
        CreateIndexParser.parse(
            "CREATE UNIQUE INDEX `idx_email__pbc_3323866339` ON `_superusers` (`email`) WHERE `email` != ''");
    assertThat(i.unique()).isTrue();
    assertThat(i.name()).isEqualTo("idx_email__pbc_3323866339");
    assertThat(i.keyParts())
        .containsExactly(new KeyPart("`email`", Optional.of("email"), Optional.empty(), false));
    assertThat(i.whereSql()).contains("`email` != ''");
  }

  @Test
  void collationAndDirection() {
    ParsedIndex i =
        CreateIndexParser.parse(
            "CREATE INDEX IF NOT EXISTS main.ix ON t "
                + "(a COLLATE nocase DESC, lower(b) ASC, \"c\")");
    assertThat(i.name()).isEqualTo("ix");
    assertThat(i.keyParts())
        .containsExactly(
            new KeyPart("a", Optional.of("a"), Optional.of("NOCASE"), true),
            new KeyPart("lower(b)", Optional.empty(), Optional.empty(), false),
            new KeyPart("\"c\"", Optional.of("c"), Optional.empty(), false));
  }
}
