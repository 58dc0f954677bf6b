package dev.sqlite2pg.fleet;

import dev.sqlite2pg.testing.Fixtures;
import java.nio.file.Path;
import java.util.Locale;

/** Tenant files built from fixtures/tenant.sql, each with its own rows and colliding ids. */
final class TenantFiles {

  private TenantFiles() {}

  /** Tenant {@code i}: i % 7 + 1 customers, two orders each, three lines per order. */
  static Path build(Path dir, int i) {
    StringBuilder sql = new StringBuilder(Fixtures.script("tenant"));
    int customers = customers(i);
    for (int c = 1; c <= customers; c++) {
      sql.append(
          String.format(
              Locale.ROOT,
              "INSERT INTO customers (email, name) VALUES ('c%d@t%d.example', 'Customer %d');%n",
              c,
              i,
              c));
      for (int o = 1; o <= 2; o++) {
        int order = (c - 1) * 2 + o;
        sql.append(
            String.format(
                Locale.ROOT,
                "INSERT INTO orders VALUES (%d, %d, %d.%02d, '2026-0%d-1%d 10:00:00');%n",
                order,
                c,
                i + o,
                c,
                o,
                c % 10));
        for (int l = 1; l <= 3; l++) {
          sql.append(
              String.format(
                  Locale.ROOT,
                  "INSERT INTO order_items VALUES (%d, %d, 'SKU-%d-%d', %d);%n",
                  order,
                  l,
                  i,
                  l,
                  l));
        }
      }
    }
    return Fixtures.buildFromSql(sql.toString(), dir.resolve(name(i)));
  }

  static String name(int i) {
    return String.format(Locale.ROOT, "tenant_%03d.db", i);
  }

  static String tenant(int i) {
    return String.format(Locale.ROOT, "tenant_%03d", i);
  }

  static int customers(int i) {
    return i % 7 + 1;
  }
}
