package dev.sqlite2pg.convert;

import static dev.sqlite2pg.testing.Seeded.bytes;
import static dev.sqlite2pg.testing.Seeded.doubles;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Utf8.firstInvalid against the JDK's strict decoder, and SqliteText's exactness. */
class Utf8Properties {

  static boolean jdkAccepts(byte[] b) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      d.decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static boolean hasNul(byte[] b) {
    for (byte x : b) {
      if (x == 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void agreesWithTheJdkOnArbitraryBytes() {
    forAll("agreesWithTheJdkOnArbitraryBytes", 3000, bytes(12), Utf8Properties::agreesWithTheJdk);
  }

  private static void agreesWithTheJdk(byte[] b) {
    int bad = Utf8.firstInvalid(b);
    assertThat(bad == -1).isEqualTo(jdkAccepts(b) && !hasNul(b));
    if (bad >= 0) {
      // Everything before the reported offset is fine on its own.
      byte[] prefix = java.util.Arrays.copyOf(b, bad);
      assertThat(jdkAccepts(prefix) && !hasNul(prefix)).isTrue();
    }
  }

  @Test
  void acceptsEveryEncodedString() {
    forAll(
        "acceptsEveryEncodedString",
        1000,
        strings(255),
        s -> {
          byte[] b = s.replace('\0', 'x').getBytes(StandardCharsets.UTF_8);
          assertThat(Utf8.firstInvalid(b)).isEqualTo(-1);
        });
  }

  @Test
  void knownBadSequences() {
    assertThat(Utf8.firstInvalid(new byte[] {'a', (byte) 0xC0, (byte) 0x80})).isEqualTo(1);
    assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isZero();
    assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
        .isZero();
    assertThat(Utf8.firstInvalid(new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82})).isEqualTo(2);
    assertThat(Utf8.firstInvalid(new byte[] {'a', 0})).isEqualTo(1);
  }

  @Test
  void sqliteTextOfEveryDoubleReadsBackExactly() {
    forAll(
        "sqliteTextOfEveryDoubleReadsBackExactly",
        3000,
        doubles(),
        Utf8Properties::sqliteTextReadsBackExactly);
  }

  private static void sqliteTextReadsBackExactly(double d) {
    String s = SqliteText.ofDouble(d);
    double back =
        switch (s) {
          case "Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(s);
        };
    assertThat(Double.doubleToLongBits(back)).as(s).isEqualTo(Double.doubleToLongBits(d));
  }

  @Test
  void sqliteTextLooksLikeSqlite() {
    assertThat(SqliteText.ofDouble(14.0)).isEqualTo("14.0");
    assertThat(SqliteText.ofDouble(-0.0)).isEqualTo("-0.0");
    assertThat(SqliteText.ofDouble(0.1)).isEqualTo("0.1");
    assertThat(SqliteText.ofDouble(1e100)).isEqualTo("1.0e+100");
    assertThat(SqliteText.ofDouble(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(SqliteText.ofDouble(123456789.25)).isEqualTo("123456789.25");
    assertThat(SqliteText.ofDouble(1e15)).isEqualTo("1.0e+15");
    assertThat(SqliteText.ofDouble(999999999999999.0)).isEqualTo("999999999999999.0");
    assertThat(SqliteText.ofDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }
}
