package io.trackweave.runtime.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool files hold personal data: owner-only directories and files, and no foreign /tmp directory. */
class SpoolPermissionsTest {
  @TempDir Path tmp;
  final String me = System.getProperty("user.name");

  @BeforeEach
  void posixOnly() {
    assumeTrue(OwnerOnly.posix(tmp), "POSIX permissions only");
  }

  static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void theDefaultDirectoryUnderHomeIsOwnerOnly() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home);
    Path dir = SpoolDirectory.defaultFor("site", "https://track.customer.io", home.toString(), tmp.toString(), me);
    assertThat(dir.startsWith(home.resolve(".trackweave/spool"))).isTrue();
    assertThat(perms(home.resolve(".trackweave"))).isEqualTo("rwx------");
    assertThat(perms(home.resolve(".trackweave/spool"))).isEqualTo("rwx------");
    assertThat(perms(dir)).isEqualTo("rwx------");
  }

  @Test
  void theTemporaryFallbackIsCreatedOwnerOnly() throws Exception {
    Path dir = SpoolDirectory.defaultFor("site", "https://track.customer.io", null, tmp.toString(), me);
    assertThat(dir.getParent().getFileName().toString()).startsWith("trackweave-spool-");
    assertThat(perms(dir.getParent())).isEqualTo("rwx------");
    assertThat(perms(dir)).isEqualTo("rwx------");
  }

  @Test
  void aTemporaryFallbackOthersCanWriteIsRefused() throws Exception {
    Path planted = tmp.resolve("trackweave-spool-" + me.replaceAll("[^A-Za-z0-9._-]", "_"));
    Files.createDirectories(planted);
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> SpoolDirectory.defaultFor("site", "https://track.customer.io", null, tmp.toString(), me))
        .isInstanceOf(IOException.class).hasMessageContaining("writable by other users");
  }

  @Test
  void aTemporaryFallbackOwnedBySomeoneElseIsRefused() {
    // the directory this test creates belongs to the test's user, not to "nobody"
    assertThatThrownBy(() -> SpoolDirectory.defaultFor("site", "https://track.customer.io", null, tmp.toString(),
        me.equals("nobody") ? "root" : "nobody"))
        .isInstanceOf(IOException.class).hasMessageContaining("refusing to spool there");
  }

  @Test
  void segmentsAndTheLockFileAreOwnerOnly() throws Exception {
    Path dir = tmp.resolve("spool/nested");
    DiskSpool spool = SpoolFixtures.open(dir, SpoolFixtures.ledger());
    try {
      assertThat(spool.offerUndeliverable(List.of(SpoolFixtures.event("p1", 1)))).isTrue();
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.toList();
      }
      assertThat(files).anyMatch(p -> p.getFileName().toString().endsWith(Segment.SUFFIX));
      for (Path f : files) {
        assertThat(perms(f)).as(f.toString()).isEqualTo("rw-------");
      }
      assertThat(perms(dir)).isEqualTo("rwx------");
      assertThat(perms(dir.getParent())).isEqualTo("rwx------");
    } finally {
      spool.close();
    }
  }
}
