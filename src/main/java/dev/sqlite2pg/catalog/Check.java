package dev.sqlite2pg.catalog;

import java.util.Optional;

/** A CHECK constraint as SQLite text, with its name when it has one. */
public record Check(Optional<String> name, String expressionSql) {}
