package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrateOptions.IfExists;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --if-exists fail|skip-existing}, spelled with a hyphen as on the command line. picocli's
 * own enum conversion would list the Java names (SKIP_EXISTING) in its error.
 */
final class IfExistsConverter implements ITypeConverter<IfExists> {

  @Override
  public IfExists convert(String value) {
    return Arrays.stream(IfExists.values())
        .filter(v -> v.toString().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "expected fail, skip-existing or replace, not '" + value + "'"));
  }
}
