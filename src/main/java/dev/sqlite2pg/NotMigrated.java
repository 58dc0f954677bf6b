package dev.sqlite2pg;

/**
 * A source object that is not in the target, with the reason and its original SQL so that a person
 * can recreate it by hand.
 *
 * @param kind "view", "trigger", "virtual table", "index", "check", "default", ...
 */
public record NotMigrated(String kind, String name, String reason, String sql) {}
