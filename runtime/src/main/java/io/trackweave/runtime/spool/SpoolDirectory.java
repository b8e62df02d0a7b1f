package io.trackweave.runtime.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The default spool directory: one per workspace and endpoint, so two services of different sites on
 * one host never mix their calls, under {@code ~/.trackweave/spool/}, or under {@code java.io.tmpdir}
 * when the home directory is not writable (containers often run with a read-only home).
 */
public final class SpoolDirectory {
  private SpoolDirectory() {}

  public static Path defaultFor(String siteId, String baseUrl) {
    String hash = hash((siteId == null ? "" : siteId) + "\n" + (baseUrl == null ? "" : baseUrl));
    String home = System.getProperty("user.home");
    if (home != null && !home.isBlank() && !home.equals("?")) {
      Path dir = Path.of(home, ".trackweave", "spool", hash);
      try {
        Files.createDirectories(dir);
        if (Files.isWritable(dir)) {
          return dir;
        }
      } catch (IOException | SecurityException | UnsupportedOperationException e) {
        // fall through to the temporary directory
      }
    }
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "trackweave-spool-" + user, hash);
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
