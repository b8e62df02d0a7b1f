package io.trackweave.agent.internal.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** The woven methods one class loader can see, by internal class name ({@code com/shop/Checkout}). */
public final class LoaderIndex {
  public static final LoaderIndex EMPTY = new LoaderIndex(Map.of());

  private final Map<String, List<IndexEntry>> byInternalName;

  private LoaderIndex(Map<String, List<IndexEntry>> byInternalName) {
    this.byInternalName = byInternalName;
  }

  /** Groups entries by owner; duplicates (the same index seen through two loaders) are dropped. */
  public static LoaderIndex of(List<IndexEntry> entries) {
    if (entries.isEmpty()) {
      return EMPTY;
    }
    // no lambdas or record equality here: this runs on the class-loading path, before
    // java.lang.invoke may have been booted, and booting it costs tens of milliseconds
    Map<String, List<IndexEntry>> map = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (IndexEntry entry : entries) {
      if (!seen.add(entry.owner() + ' ' + entry.methodKey() + ' ' + entry.mapper())) {
        continue;
      }
      String owner = entry.owner().replace('.', '/');
      List<IndexEntry> list = map.get(owner);
      if (list == null) {
        list = new ArrayList<>(2);
        map.put(owner, list);
      }
      list.add(entry);
    }
    return new LoaderIndex(map);
  }

  /** The entries whose owner is {@code internalName}; empty for every class the index does not name. */
  public List<IndexEntry> entriesFor(String internalName) {
    List<IndexEntry> entries = byInternalName.get(internalName);
    return entries == null ? List.of() : Collections.unmodifiableList(entries);
  }

  public boolean isEmpty() {
    return byInternalName.isEmpty();
  }

  public int size() {
    int n = 0;
    for (List<IndexEntry> list : byInternalName.values()) {
      n += list.size();
    }
    return n;
  }
}
