package dev.sqlite2pg;

import java.util.Objects;

/**
 * One line of {@code sqlite2pg doctor}: what was checked, what was found and, unless it passed,
 * what to do.
 *
 * @param name the check, e.g. "authentication" or "connections"
 * @param status PASS, WARN, FAIL, or SKIP when an earlier failure kept it from running
 * @param detail what was found (never a password)
 * @param fix what to do about it; empty when there is nothing to do
 */
public record Check(String name, Status status, String detail, String fix) {

  /** How a check came out; only FAIL makes the target not ready. */
  public enum Status {
    PASS,
    WARN,
    FAIL,
    /** Not run: an earlier check it depends on failed (the detail says which). */
    SKIP
  }

  public Check {
    Objects.requireNonNull(name, "No check name provided");
    Objects.requireNonNull(status, "No status provided");
    Objects.requireNonNull(detail, "No detail provided");
    Objects.requireNonNull(fix, "No fix provided");
  }

  public static Check pass(String name, String detail) {
    return new Check(name, Status.PASS, detail, "");
  }

  public static Check warn(String name, String detail, String fix) {
    return new Check(name, Status.WARN, detail, fix);
  }

  public static Check fail(String name, String detail, String fix) {
    return new Check(name, Status.FAIL, detail, fix);
  }

  public static Check skip(String name, String why) {
    return new Check(name, Status.SKIP, why, "");
  }
}
