package dev.sqlite2pg.cli;

import dev.sqlite2pg.SchemaSection;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code schema --section}: pg_dump's spellings, in any case; shell completion lists them. */
enum Section {
  PRE_DATA("pre-data", SchemaSection.PRE_DATA),
  POST_DATA("post-data", SchemaSection.POST_DATA),
  ALL("all", SchemaSection.ALL);

  private final String spelling;
  final SchemaSection section;

  Section(String spelling, SchemaSection section) {
    this.spelling = spelling;
    this.section = section;
  }

  /** The spelling picocli shows in help, completion and the default value. */
  @Override
  public String toString() {
    return spelling;
  }

  /** One line naming the three values, instead of picocli's list of names and spellings. */
  static final class Converter implements ITypeConverter<Section> {
    @Override
    public Section convert(String value) {
      for (Section s : values()) {
        if (s.spelling.equalsIgnoreCase(value) || s.name().equalsIgnoreCase(value)) {
          return s;
        }
      }
      throw new TypeConversionException("use pre-data, post-data or all, not '" + value + "'");
    }
  }
}
