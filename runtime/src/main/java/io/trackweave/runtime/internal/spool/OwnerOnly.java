package io.trackweave.runtime.internal.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Spool files hold personal data (identifiers, attributes, events): where the file system has POSIX
 * permissions, directories are created {@code rwx------} and files {@code rw-------}, so other users
 * of the host cannot read them. Elsewhere (Windows) the platform's defaults apply.
 */
final class OwnerOnly {
  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

  private OwnerOnly() {}

  static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  static FileAttribute<?>[] directory(Path p) {
    return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))} : NONE;
  }

  static FileAttribute<?>[] file(Path p) {
    return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))} : NONE;
  }

  /** Creates {@code dir} and its missing parents owner-only; existing directories are left as they are. */
  static void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir, directory(dir));
  }

  /**
   * Refuses {@code dir} unless it is a real directory (not a link) owned by {@code user} and writable by
   * nobody else: in a shared directory such as /tmp another user could have created it first, to read
   * what is spooled or to plant records that would be replayed.
   */
  static void checkPrivate(Path dir, String user) throws IOException {
    if (!posix(dir)) {
      return;
    }
    PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isDirectory()) {
      throw new IOException(dir + " is not a directory (a link?); refusing to spool there");
    }
    UserPrincipal me;
    try {
      me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    } catch (IOException | UnsupportedOperationException e) {
      throw new IOException("cannot tell whether " + dir + " belongs to user " + user + "; refusing to spool there", e);
    }
    if (!a.owner().equals(me)) {
      throw new IOException(dir + " belongs to " + a.owner().getName() + ", not to " + user
          + "; refusing to spool there (set spool.dir)");
    }
    Set<PosixFilePermission> p = a.permissions();
    if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(dir + " is writable by other users (" + PosixFilePermissions.toString(p)
          + "); refusing to spool there (set spool.dir)");
    }
  }
}
