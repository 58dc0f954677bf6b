package dev.sqlite2pg.baseline;

import java.util.List;
import java.util.Locale;

/**
 * Liquibase: an XML changelog with one changeset whose {@code sqlFile} is the schema script (the
 * script stays plain SQL, where a formatted-SQL changelog would read its comments as directives),
 * and a rollback that drops the tables. {@code changelog-sync} marks it applied.
 */
final class LiquibaseBaseline {

  static final String CHANGELOG = "changelog.xml";
  static final String SCRIPT = "baseline.sql";
  static final String ID = "sqlite2pg-baseline";

  private LiquibaseBaseline() {}

  static Baseline of(BaselineSql sql) {
    return new Baseline(
        List.of(
            new BaselineFile(CHANGELOG, changelog(sql)), new BaselineFile(SCRIPT, sql.create())),
        """
        Liquibase: on the migrated database run
          liquibase --changelog-file=changelog.xml --url=jdbc:postgresql://HOST/DB \\
            --username=ROLE changelog-sync
        liquibase status then says the database is up to date (0 changesets have not been
        applied); on an empty database liquibase update runs the baseline. Add later changesets
        to changelog.xml, after sqlite2pg-baseline.
        """);
  }

  private static String changelog(BaselineSql sql) {
    // splitStatements false: the script goes to the server whole, as psql -f would run it;
    // Liquibase's own splitter would have to understand every quoted ';' in CHECKs and views.
    return String.format(
        Locale.ROOT,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog
            xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">

          <!-- The schema sqlite2pg migrated: mark it applied with changelog-sync. -->
          <changeSet id="%s" author="sqlite2pg">
            <sqlFile path="%s" relativeToChangelogFile="true" splitStatements="false"/>
            <rollback>
              <sql splitStatements="false"><![CDATA[%s]]></sql>
            </rollback>
          </changeSet>
        </databaseChangeLog>
        """,
        ID,
        SCRIPT,
        sql.drop().strip().replace("]]>", "]]]]><![CDATA[>"));
  }
}
