package dev.sqlite2pg.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForeignKeyTypesTest {

  private static ColumnPlan column(PgType type, boolean identity) {
    Column c =
        new Column(
            0,
            "c",
            "INTEGER_OR_TEXT",
            false,
            Optional.empty(),
            0,
            Column.Generated.NONE,
            Optional.empty(),
            Optional.empty());
    return new ColumnPlan(
        c, "c", type, EncoderOptions.DEFAULT, identity, Optional.empty(), "r", "why");
  }

  @Test
  void theWiderTypeHoldsEveryValueOfBoth() {
    assertThat(ForeignKeyTypes.wider(column(PgType.BIGINT, false), column(PgType.TEXT, false)))
        .contains(PgType.TEXT);
    assertThat(ForeignKeyTypes.wider(column(PgType.BIGINT, false), column(PgType.NUMERIC, false)))
        .contains(PgType.NUMERIC);
    assertThat(ForeignKeyTypes.wider(column(PgType.BOOLEAN, false), column(PgType.BIGINT, false)))
        .contains(PgType.BIGINT);
    assertThat(ForeignKeyTypes.wider(column(PgType.DOUBLE, false), column(PgType.BIGINT, false)))
        .contains(PgType.TEXT);
  }

  @Test
  void blobsAndRowidsAreNotWidened() {
    assertThat(ForeignKeyTypes.wider(column(PgType.BYTEA, false), column(PgType.TEXT, false)))
        .isEmpty();
    assertThat(ForeignKeyTypes.wider(column(PgType.BIGINT, true), column(PgType.TEXT, false)))
        .isEmpty();
  }
}
