package dev.sqlite2pg.cli;

import dev.sqlite2pg.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command that continues an interrupted run, from the user's own arguments (issue 17): {@code
 * --resume} added after the command's name, {@code --drop} left out (it replaced the tables, and
 * --resume keeps what they hold; the builder refuses the two together), every password masked, and
 * each argument quoted for a POSIX shell when it needs it.
 */
final class ResumeCommand {

  /** Characters a shell takes as they are; anything else is quoted. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ResumeCommand() {}

  /**
   * @param args the arguments sqlite2pg was started with
   * @param command the subcommand's name ("migrate"), after which --resume goes
   * @param resumes whether the command takes --resume (verify and sync start are run again as they
   *     were)
   */
  static String of(List<String> args, String command, boolean resumes) {
    List<String> out = new ArrayList<>();
    out.add("sqlite2pg");
    boolean named = false;
    for (String a : args) {
      if (a.equals("--drop") || a.equals("--resume")) {
        continue;
      }
      out.add(quoted(Targets.masked(a)));
      if (!named && a.equals(command)) {
        named = true;
        if (resumes) {
          out.add("--resume");
        }
      }
    }
    return String.join(" ", out);
  }

  static String quoted(String arg) {
    return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
