package dev.sqlite2pg.copy;

import static dev.sqlite2pg.copy.Plans.plan;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.ints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.testing.Seeded.Gen;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Loading into an application's schema whose foreign keys are already in place: an order line
 * copied before its order would be refused, so customers and products load before orders and orders
 * before order lines, while tables that wait for nothing all start at once, the largest first so it
 * does not finish last alone.
 */
class LoadOrderTest {

  private static List<List<String>> waves(List<TablePlan> tables, Map<String, Set<String>> waits) {
    return CopyScheduler.waves(tables, waits).stream()
        .map(w -> w.stream().map(TablePlan::target).toList())
        .toList();
  }

  @Test
  void tablesThatWaitForNothingAreOneWaveLargestFirst() {
    List<TablePlan> tables =
        List.of(plan("tags", 10), plan("events", 9_000), plan("users", 500), plan("notes", 500));
    assertThat(waves(tables, Map.of()))
        .containsExactly(List.of("events", "users", "notes", "tags"));
  }

  @Test
  void parentsLoadBeforeTheirChildren() {
    List<TablePlan> tables =
        List.of(
            plan("order_lines", 50_000),
            plan("orders", 9_000),
            plan("customers", 800),
            plan("products", 1_200),
            plan("logs", 70_000));
    Map<String, Set<String>> waits =
        Map.of("orders", Set.of("customers"), "order_lines", Set.of("orders", "products"));
    assertThat(waves(tables, waits))
        .containsExactly(
            List.of("logs", "products", "customers"), List.of("orders"), List.of("order_lines"));
  }

  /** Waits are by target name: a renamed table is waited for under its new name. */
  @Test
  void waitsNameTargetTables() {
    List<TablePlan> tables =
        List.of(plan("Orders", "orders", 10), plan("Customers", "customers", 5));
    List<List<TablePlan>> waves =
        CopyScheduler.waves(tables, Map.of("orders", Set.of("customers")));
    assertThat(waves).hasSize(2);
    assertThat(waves.get(0)).extracting(t -> t.source().name()).containsExactly("Customers");
    assertThat(waves.get(1)).extracting(t -> t.source().name()).containsExactly("Orders");
  }

  /** A parent that is not being loaded (excluded, or already there) holds nobody back. */
  @Test
  void aParentNotBeingLoadedIsNotWaitedFor() {
    List<TablePlan> tables = List.of(plan("orders", 10), plan("notes", 5));
    assertThat(waves(tables, Map.of("orders", Set.of("customers"))))
        .containsExactly(List.of("orders", "notes"));
  }

  /** A tree of categories (parent_id references its own table) waits for nothing else. */
  @Test
  void aTableReferencingItselfIsNotHeldBack() {
    List<TablePlan> tables = List.of(plan("categories", 10), plan("items", 100));
    Map<String, Set<String>> waits =
        Map.of("categories", Set.of("categories"), "items", Set.of("categories"));
    assertThat(waves(tables, waits)).containsExactly(List.of("categories"), List.of("items"));
  }

  /**
   * A cycle (DEFERRABLE foreign keys both ways) cannot be ordered: once only waiting tables are
   * left, all of them load together in one wave, the cycle's members and whatever waits for them
   * (here {@code invoices}, which waits only for {@code accounts}).
   */
  @Test
  void aCycleLoadsEverythingLeftInOneWave() {
    List<TablePlan> tables =
        List.of(
            plan("accounts", 30), plan("owners", 20), plan("invoices", 40), plan("settings", 1));
    Map<String, Set<String>> waits =
        Map.of(
            "accounts",
            Set.of("owners"),
            "owners",
            Set.of("accounts"),
            "invoices",
            Set.of("accounts"));
    assertThat(waves(tables, waits))
        .containsExactly(List.of("settings"), List.of("invoices", "accounts", "owners"));
  }

  @Test
  void noTablesNoWaves() {
    assertThat(CopyScheduler.waves(List.of(), Map.of())).isEmpty();
  }

  /** Tables t00, t01, ..., each waiting only for lower-numbered ones: no cycle. */
  private record Dag(List<TablePlan> tables, Map<String, Set<String>> waits) {}

  @Test
  void withoutCyclesEveryParentIsInAnEarlierWave() {
    forAll("waves.withoutCyclesEveryParentIsInAnEarlierWave", 300, dags(), LoadOrderTest::holds);
  }

  private static void holds(Dag d) {
    Map<String, Integer> waveOf = waveOfEachTable(waves(d.tables(), d.waits()));
    assertThat(waveOf).hasSize(d.tables().size());
    d.waits()
        .forEach(
            (child, parents) -> {
              int wave = waveOf.get(child);
              for (String p : parents) {
                if (waveOf.containsKey(p) && !p.equals(child)) {
                  assertThat(waveOf.get(p)).as("%s before %s", p, child).isLessThan(wave);
                }
              }
              // As early as possible: a table in wave i > 0 waits for one in wave i - 1.
              if (wave > 0) {
                assertThat(parents).anyMatch(p -> waveOf.getOrDefault(p, -1) == wave - 1);
              }
            });
  }

  /** Each table's wave; fails on an empty wave or a table in two. */
  private static Map<String, Integer> waveOfEachTable(List<List<String>> waves) {
    Map<String, Integer> waveOf = new HashMap<>();
    for (int i = 0; i < waves.size(); i++) {
      assertThat(waves.get(i)).isNotEmpty();
      for (String t : waves.get(i)) {
        assertThat(waveOf.put(t, i)).as("%s in one wave only", t).isNull();
      }
    }
    return waveOf;
  }

  private static Gen<Dag> dags() {
    Gen<Integer> sizes = ints(0, 30);
    return r -> {
      int n = sizes.next(r);
      double p = r.nextDouble() * 0.3;
      List<TablePlan> tables = new ArrayList<>();
      Map<String, Set<String>> waits = new HashMap<>();
      for (int i = 0; i < n; i++) {
        tables.add(plan(name(i), r.nextInt(1000)));
        waits.put(name(i), parents(r, i, p));
      }
      Collections.shuffle(tables, new Random(r.nextLong()));
      return new Dag(tables, waits);
    };
  }

  /**
   * Each lower-numbered table with probability {@code p}, and either the table itself or one
   * outside the load, neither of which may hold it back.
   */
  private static Set<String> parents(SplittableRandom r, int i, double p) {
    Set<String> parents = new HashSet<>();
    for (int j = 0; j < i; j++) {
      if (r.nextDouble() < p) {
        parents.add(name(j));
      }
    }
    parents.add(r.nextBoolean() ? name(i) : "excluded");
    return parents;
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "t%02d", i);
  }
}
