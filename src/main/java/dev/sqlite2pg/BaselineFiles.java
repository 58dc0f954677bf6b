package dev.sqlite2pg;

import java.nio.file.Path;
import java.util.List;

/**
 * A baseline written by {@link Baselines#write}.
 *
 * @param files the files written, in the order to read them
 * @param steps what to run so that the tool shows the migrated database at this baseline
 */
public record BaselineFiles(List<Path> files, String steps) {

  public BaselineFiles {
    files = List.copyOf(files);
  }
}
