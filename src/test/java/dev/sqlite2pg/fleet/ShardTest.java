package dev.sqlite2pg.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.FleetOptions.Shard;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.pg.ddl.CitusDistribution;
import dev.sqlite2pg.run.FleetFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** --shard splits by file name only; the names a file gives; Citus's statements. */
class ShardTest {

  @Test
  void shardsAreDisjointAndTheirUnionIsTheWholeFleet() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      names.add(String.format(java.util.Locale.ROOT, "tenant_%05d.db", i));
    }
    for (int n : List.of(1, 3, 8)) {
      Set<String> union = new HashSet<>();
      int smallest = Integer.MAX_VALUE;
      for (int k = 1; k <= n; k++) {
        Shard s = new Shard(k, n);
        List<String> mine = names.stream().filter(s::holds).toList();
        assertThat(mine).allMatch(name -> union.add(name)); // no file in two shards
        assertThat(names.stream().filter(new Shard(k, n)::holds).toList()).isEqualTo(mine);
        smallest = Math.min(smallest, mine.size());
      }
      assertThat(union).hasSize(names.size());
      assertThat(smallest).as("no empty or starved shard of " + n).isGreaterThan(10_000 / n / 2);
    }
  }

  @Test
  void aShardIsKOfNOneBased() {
    assertThat(Shard.parse("3/8")).isEqualTo(new Shard(3, 8));
    assertThatThrownBy(() -> Shard.parse("0/8"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("1 <= K <= N");
    assertThatThrownBy(() -> Shard.parse("three")).hasMessageContaining("expects K/N");
  }

  @Test
  void aFileNamesItsSchemaAndTenant() {
    assertThat(FleetFiles.schema("Elo Ratings.db")).isEqualTo("elo_ratings");
    assertThat(FleetFiles.schema("2024-jobs.sqlite3")).isEqualTo("db_2024_jobs");
    assertThat(FleetFiles.tenant("acme.db", java.util.Optional.empty())).isEqualTo("acme");
    assertThat(
            FleetFiles.tenant(
                "user-42.sqlite",
                java.util.Optional.of(java.util.regex.Pattern.compile("user-(\\d+)"))))
        .isEqualTo("42");
  }

  @Test
  void citusDistributesEveryMergedTableColocatedWithTheFirst() {
    var t1 = table("customers");
    var t2 = table("orders");
    assertThat(CitusDistribution.statements("app", List.of(t1, t2), "tenant_id"))
        .containsExactly(
            "SELECT create_distributed_table('\"app\".\"customers\"', 'tenant_id')",
            "SELECT create_distributed_table('\"app\".\"orders\"', 'tenant_id', colocate_with =>"
                + " '\"app\".\"customers\"')");
  }

  private static dev.sqlite2pg.plan.TablePlan table(String name) {
    var t =
        new dev.sqlite2pg.catalog.Table(
            name,
            "",
            false,
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            java.util.Optional.empty(),
            false,
            java.util.Optional.empty());
    return new dev.sqlite2pg.plan.TablePlan(t, name, 0, List.of());
  }
}
