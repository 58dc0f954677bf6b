package dev.sqlite2pg.run;

import dev.sqlite2pg.FleetResult;
import dev.sqlite2pg.FleetResult.TenantDifference;
import dev.sqlite2pg.pg.state.FleetState;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.verify.Fingerprint;
import dev.sqlite2pg.verify.TenantFingerprints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A merged fleet's tenants, table by table: what the target holds of each tenant against what its
 * file recorded when it loaded. A tenant whose file recorded nothing (loaded with --no-verify) is
 * unverified, never equal; rows of a tenant no done file has are a difference.
 */
final class TenantComparison {

  private final Set<String> done;
  private final Set<String> unverified = new TreeSet<>();
  private final List<TenantDifference> differences = new ArrayList<>();
  private long rows;

  /**
   * @param done the tenants whose files are done
   */
  TenantComparison(Set<String> done) {
    this.done = done;
  }

  void table(
      TablePlan t, TenantFingerprints.Result target, Map<String, FleetState.TableRows> recorded) {
    if (target.problem().isPresent()) {
      differences.add(new TenantDifference("", t.target(), 0, 0, target.problem().get()));
      return;
    }
    Map<String, Fingerprint> left = new HashMap<>(target.byTenant());
    for (String tenant : done) {
      FleetState.TableRows r = recorded.get(tenant);
      Fingerprint there = left.getOrDefault(tenant, Fingerprint.EMPTY);
      left.remove(tenant);
      rows += there.count();
      if (r == null) {
        unverified.add(tenant);
        continue;
      }
      Fingerprint expected = new Fingerprint(r.expectedRows(), r.sum1(), r.sum2());
      if (!expected.equals(there)) {
        differences.add(
            new TenantDifference(
                tenant,
                t.target(),
                r.expectedRows(),
                there.count(),
                r.expectedRows() == there.count()
                    ? "the same number of rows, with other values"
                    : r.expectedRows() + " rows in its file, " + there.count() + " in the target"));
      }
    }
    left.forEach(
        (tenant, f) ->
            differences.add(
                new TenantDifference(
                    tenant,
                    t.target(),
                    0,
                    f.count(),
                    f.count() + " rows of a tenant that no loaded file of the fleet has")));
  }

  FleetResult.Tenants result() {
    differences.sort(
        java.util.Comparator.comparing(TenantDifference::tenant)
            .thenComparing(TenantDifference::table));
    return new FleetResult.Tenants(
        done.size() - unverified.size(), rows, List.copyOf(differences), List.copyOf(unverified));
  }
}
