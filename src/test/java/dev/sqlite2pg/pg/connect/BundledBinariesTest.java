package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.pg.connect.TargetConnectException.Kind;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's platform check: the test class path holds zonky's Linux x86-64 binaries
 * only (as the plain jar does), so any other platform must be refused in one line naming TARGET.
 */
class BundledBinariesTest {

  private static final ClassLoader CLASS_PATH = BundledBinariesTest.class.getClassLoader();

  @TempDir Path dir;

  @Test
  void linuxX8664FindsTheBinariesOnTheClassPath() {
    assertThatCode(() -> BundledBinaries.require("Linux", "amd64", CLASS_PATH))
        .doesNotThrowAnyException();
  }

  @Test
  void macOsWithoutItsBinariesIsRefusedInOneLineSayingToPassATarget() {
    assertThatThrownBy(() -> BundledBinaries.require("Mac OS X", "aarch64", CLASS_PATH))
        .isInstanceOf(TargetConnectException.class)
        .satisfies(
            e -> {
              assertThat(((TargetConnectException) e).kind())
                  .isEqualTo(Kind.EMBEDDED_SERVER_FAILED);
              assertThat(e.getMessage())
                  .contains("no embedded PostgreSQL for Mac OS X aarch64")
                  .contains("pass a TARGET")
                  .doesNotContain("\n");
            });
  }

  @Test
  void windowsAndLinuxArm64AreRefusedToo() {
    assertThatThrownBy(() -> BundledBinaries.require("Windows 11", "amd64", CLASS_PATH))
        .hasMessageContaining("Windows 11 amd64");
    assertThatThrownBy(() -> BundledBinaries.require("Linux", "aarch64", CLASS_PATH))
        .hasMessageContaining("Linux aarch64");
  }

  @Test
  void aPlatformArchiveCarryingItsOwnBinariesIsAccepted() throws Exception {
    Files.createFile(dir.resolve("postgres-darwin-arm_64.txz"));
    Files.createFile(dir.resolve("postgres-windows-x86_64.txz"));
    try (URLClassLoader archive = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThatCode(() -> BundledBinaries.require("Mac OS X", "aarch64", archive))
          .doesNotThrowAnyException();
      assertThatCode(() -> BundledBinaries.require("Windows 10", "amd64", archive))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> BundledBinaries.require("Linux", "amd64", archive))
          .isInstanceOf(TargetConnectException.class);
    }
  }

  @Test
  void namesFollowZonkysResolver() {
    assertThat(BundledBinaries.candidates("Linux", "aarch64"))
        .containsExactly("postgres-linux-arm_64-alpine_linux.txz", "postgres-linux-arm_64.txz");
    // Apple silicon runs the x86-64 binaries through Rosetta when no arm64 ones are there.
    assertThat(BundledBinaries.candidates("Mac OS X", "aarch64"))
        .containsExactly("postgres-darwin-arm_64.txz", "postgres-darwin-x86_64.txz");
    assertThat(BundledBinaries.candidates("Windows Server 2022", "amd64"))
        .containsExactly("postgres-windows-x86_64.txz");
  }
}
