package io.trackweave.runtime.internal.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The default spool directory: one per workspace and endpoint, so two services of different sites on
 * one host never mix their calls, under {@code ~/.trackweave/spool/}, or under {@code java.io.tmpdir}
 * when the home directory is not writable (containers often run with a read-only home). Directories it
 * creates are owner-only; in the shared temporary directory, whose names anyone can predict, it uses a
 * directory only when it belongs to this user and no one else can write to it.
 */
public final class SpoolDirectory {
  private SpoolDirectory() {}

  /**
   * The directory, created.
   *
   * @throws IOException when the temporary fallback exists but is another user's or writable by others
   */
  public static Path defaultFor(String siteId, String baseUrl) throws IOException {
    return defaultFor(siteId, baseUrl, System.getProperty("user.home"), System.getProperty("java.io.tmpdir"),
        System.getProperty("user.name", "user"));
  }

  static Path defaultFor(String siteId, String baseUrl, String home, String tmpdir, String user) throws IOException {
    String hash = hash((siteId == null ? "" : siteId) + "\n" + (baseUrl == null ? "" : baseUrl));
    if (home != null && !home.isBlank() && !home.equals("?")) {
      Path dir = Path.of(home, ".trackweave", "spool", hash);
      try {
        OwnerOnly.createDirectories(dir);
        if (Files.isWritable(dir)) {
          return dir;
        }
      } catch (IOException | SecurityException | UnsupportedOperationException e) {
        // fall through to the temporary directory
      }
    }
    String safeUser = user.replaceAll("[^A-Za-z0-9._-]", "_");
    Path base = Path.of(tmpdir, "trackweave-spool-" + safeUser);
    Path dir = base.resolve(hash);
    OwnerOnly.createDirectories(dir);
    OwnerOnly.checkPrivate(base, user);
    OwnerOnly.checkPrivate(dir, user);
    return dir;
  }

  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        sb.append(String.format("%02x", d[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      return Integer.toHexString(text.hashCode());
    }
  }
}
