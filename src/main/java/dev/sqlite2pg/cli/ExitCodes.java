package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationException.Code;

/** The documented exit codes (README, "Exit codes"). */
final class ExitCodes {
  static final int OK = 0;
  static final int BAD_ARGUMENTS = Code.BAD_ARGUMENTS.exitCode();

  /** {@code doctor}: at least one check FAILed (README, "Exit codes"). */
  static final int DOCTOR_FAILED = 11;

  static final int INTERNAL = 70;

  /**
   * Ctrl-C or SIGTERM stopped the run (128 + SIGINT, as shells report it): what was committed
   * stays, and one line says how to continue ({@link Interrupts}).
   */
  static final int INTERRUPTED = Code.INTERRUPTED.exitCode();

  private ExitCodes() {}
}
