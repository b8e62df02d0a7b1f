package io.trackweave.processor;

import io.trackweave.processor.model.MethodModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The index the agent weaves from ({@link TrackweaveProcessor#INDEX}): one line per annotated method,
 * {@code owner method descriptor mapper}, sorted, under a format header. Built from the lines of the previous
 * build that are still true plus this compilation's methods, so that an incremental compilation, which compiles
 * a subset of the sources into the same class output, does not drop every other class from weaving.
 */
final class WeaveIndex {
  static final String HEADER = "# trackweave-index 1\n";

  /** "owner method descriptor" to the whole line. */
  private final Map<String, String> lines = new TreeMap<>();
  /** Mapper to method descriptor, of the previous lines kept: their catalog entries are kept too. */
  private final Map<String, String> keptDescriptors = new HashMap<>();
  private boolean dropped;

  /** Whether {@code text} is an index this version can merge into (another format is replaced, not merged). */
  static boolean mergeable(String text) {
    return text != null && text.startsWith(HEADER);
  }

  /**
   * Keeps the lines of {@code previous} whose owner is not {@code stale}: a class compiled now (its lines are
   * what this run finds, possibly none) or one that is gone (its lines go with it).
   */
  void keep(String previous, Predicate<String> stale) {
    for (String line : previous.split("\n")) {
      String[] f = line.strip().split(" ");
      if (line.startsWith("#") || f.length != 4) {
        continue;
      }
      if (stale.test(f[0])) {
        dropped = true; // recompiled now (its entries are what this run found), or gone
        continue;
      }
      lines.put(f[0] + " " + f[1] + " " + f[2], String.join(" ", f));
      keptDescriptors.put(f[3], f[2]);
    }
  }

  /** Whether {@link #keep} left out any line of the previous index. */
  boolean droppedAny() {
    return dropped;
  }

  /** Adds (or replaces) the line of a method mapped in this compilation. */
  void put(MethodModel m) {
    String key = m.ownerBinaryName() + " " + m.method().getSimpleName() + " " + m.descriptor();
    String old = lines.put(key, key + " " + m.mapperBinaryName());
    if (old != null) {
      keptDescriptors.remove(old.substring(old.lastIndexOf(' ') + 1));
    }
  }

  /** Mapper binary name to method descriptor, for every previous line still in the index. */
  Map<String, String> keptDescriptors() {
    return keptDescriptors;
  }

  String text() {
    // sorted by whole line, as the contract says (the key order could differ where names share a prefix)
    Set<String> sorted = new TreeSet<>(lines.values());
    StringBuilder index = new StringBuilder(HEADER);
    for (String line : sorted) {
      index.append(line).append('\n');
    }
    return index.toString();
  }
}
