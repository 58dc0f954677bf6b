package dev.sqlite2pg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@link Migrator#assess} looks at besides the database.
 *
 * @param code the application's source directories to scan ({@code --code}); empty for none
 * @param checkTarget try every translated view and default on the Migrator's target, in a
 *     transaction rolled back afterwards ({@code --target})
 * @param sample how long to read and encode rows for the time estimate, at most
 */
public record AssessOptions(List<Path> code, boolean checkTarget, Duration sample) {

  /** The default sample: long enough to be steady, short enough not to be noticed. */
  public static final Duration SAMPLE = Duration.ofSeconds(2);

  public AssessOptions {
    code = List.copyOf(code);
  }
}
