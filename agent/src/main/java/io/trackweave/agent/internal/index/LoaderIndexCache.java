package io.trackweave.agent.internal.index;

import io.trackweave.agent.internal.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The index of each class loader, read the first time the loader defines a class and kept as long as
 * the loader lives (weakly keyed, so redeployed web applications are not pinned).
 */
public final class LoaderIndexCache {
  public static final String RESOURCE = "META-INF/trackweave/index";

  private final Map<ClassLoader, LoaderIndex> cache = new WeakHashMap<>();
  // the loader that defines nearly every class of an application, checked without locking
  private volatile Last last;

  private record Last(WeakReference<ClassLoader> loader, LoaderIndex index) {}

  /** The loader's index if it was read already, else null (then call {@link #load}). */
  public LoaderIndex indexOf(ClassLoader loader) {
    Last recent = last;
    if (recent != null && recent.loader().get() == loader) {
      return recent.index();
    }
    LoaderIndex index;
    synchronized (cache) {
      index = cache.get(loader);
    }
    if (index != null) {
      last = new Last(new WeakReference<>(loader), index);
    }
    return index;
  }

  /** Reads the loader's index resources; this may load classes, so callers guard against re-entry. */
  public LoaderIndex load(ClassLoader loader) {
    LoaderIndex index = read(loader);
    synchronized (cache) {
      LoaderIndex raced = cache.putIfAbsent(loader, index);
      if (raced != null) {
        index = raced;
      }
    }
    last = new Last(new WeakReference<>(loader), index);
    return index;
  }

  static LoaderIndex read(ClassLoader loader) {
    List<IndexEntry> entries = new ArrayList<>();
    try {
      Enumeration<URL> resources = loader.getResources(RESOURCE);
      while (resources.hasMoreElements()) {
        URL url = resources.nextElement();
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false); // do not keep jar files open through the JarURLConnection cache
        try (InputStream in = connection.getInputStream()) {
          entries.addAll(IndexParser.parse(in, url.toString()));
        }
      }
    } catch (IOException | RuntimeException e) {
      AgentLog.warning("Trackweave could not read " + RESOURCE + " of " + loader + ": " + e);
    }
    return LoaderIndex.of(entries);
  }
}
