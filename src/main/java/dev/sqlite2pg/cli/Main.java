package dev.sqlite2pg.cli;

public final class Main {
  public static void main(String[] args) throws Exception {
    try (var pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(java.nio.file.Path.of("/tmp/epgtest")).setCleanDataDirectory(false).start();
        var c = pg.getPostgresDatabase().getConnection();
        var rs = c.createStatement().executeQuery("select version()")) {
      rs.next();
      System.out.println(rs.getString(1) + " port " + pg.getPort());
    }
  }
}
