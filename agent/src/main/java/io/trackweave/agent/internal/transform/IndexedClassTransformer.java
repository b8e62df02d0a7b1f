package io.trackweave.agent.internal.transform;

import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.index.LoaderIndex;
import io.trackweave.agent.internal.index.LoaderIndexCache;
import io.trackweave.agent.internal.log.AgentLog;
import io.trackweave.agent.internal.matching.ClassBytes;
import io.trackweave.agent.internal.matching.Exclusions;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's only transformer, and the one thing on the class-loading path of every class: it answers
 * "not mine" (null) in a map lookup and a byte scan for every class that neither the defining loader's
 * index names nor carries a tracking annotation. Only then is the (ASM) weaver loaded, through {@link
 * Weaving}.
 *
 * <p>Reading an index or weaving may itself load classes; a per-thread guard makes such nested calls
 * return at once instead of recursing.
 */
public final class IndexedClassTransformer implements ClassFileTransformer {
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  private final LoaderIndexCache indexes = new LoaderIndexCache();
  private final ThreadLocal<Boolean> busy = new ThreadLocal<>();
  private final Exclusions exclusions;
  private final boolean fallback;
  private final Runnable onTrackedCodeFound;
  private volatile boolean trackedCodeFound;

  /**
   * @param onTrackedCodeFound run once, the first time a loader with an index (or an annotated class)
   *     appears: starts the runtime and loads the weaver in the background
   */
  public IndexedClassTransformer(Exclusions exclusions, boolean fallback, Runnable onTrackedCodeFound) {
    this.exclusions = exclusions;
    this.fallback = fallback;
    this.onTrackedCodeFound = onTrackedCodeFound;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (loader == null || loader == PLATFORM || className == null || skipped(className)) {
      return null;
    }
    if (busy.get() != null) {
      return null; // a class loaded by our own index reading or weaving
    }
    try {
      LoaderIndex index = indexes.indexOf(loader);
      if (index == null) {
        index = readGuarded(loader);
      }
      List<IndexEntry> entries = index.entriesFor(className);
      if (!fallback) {
        reportUnwoven(className, classfileBuffer, entries);
      }
      boolean annotated = fallback && ClassBytes.mayCarryTrackingAnnotation(classfileBuffer);
      if (entries.isEmpty() && !annotated) {
        return null;
      }
      if (exclusions.excludesClass(className.replace('/', '.'))) {
        return null;
      }
      foundTrackedCode();
      busy.set(Boolean.TRUE);
      try {
        byte[] woven = Weaving.weaver().weave(loader, className, classfileBuffer, entries, annotated, exclusions);
        if (woven != null) {
          WeaveCount.woven(entries.size());
        }
        return woven;
      } finally {
        busy.remove();
      }
    } catch (Throwable t) {
      AgentLog.warning("Trackweave could not weave " + className, t);
      return null;
    }
  }

  /**
   * With the fallback off, an annotated class's methods that the index does not name run untracked: the
   * weaver names them once in a warning that asks for the processor, instead of the data just missing.
   */
  private void reportUnwoven(String className, byte[] classfileBuffer, List<IndexEntry> entries) {
    if (!ClassBytes.mayCarryTrackingAnnotation(classfileBuffer)
        || exclusions.excludesClass(className.replace('/', '.'))) {
      return;
    }
    busy.set(Boolean.TRUE);
    try {
      Weaving.weaver().reportUnwoven(className, classfileBuffer, entries, exclusions);
    } finally {
      busy.remove();
    }
  }

  private LoaderIndex readGuarded(ClassLoader loader) {
    busy.set(Boolean.TRUE);
    try {
      LoaderIndex index = indexes.load(loader);
      if (!index.isEmpty()) {
        foundTrackedCode();
      }
      return index;
    } finally {
      busy.remove();
    }
  }

  private void foundTrackedCode() {
    if (!trackedCodeFound) {
      trackedCodeFound = true;
      onTrackedCodeFound.run();
    }
  }

  /** Weaves the indexed classes that were loaded before the agent attached (agentmain). */
  public void retransformLoaded(Instrumentation instrumentation) {
    List<Class<?>> targets = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      ClassLoader loader = type.getClassLoader();
      if (loader == null
          || loader == PLATFORM
          || type.isArray()
          || !instrumentation.isModifiableClass(type)
          || skipped(type.getName().replace('.', '/'))) {
        continue;
      }
      LoaderIndex index = indexes.indexOf(loader);
      if (index == null) {
        index = readGuarded(loader);
      }
      if (!index.entriesFor(type.getName().replace('.', '/')).isEmpty()) {
        targets.add(type);
      }
    }
    for (Class<?> type : targets) {
      try {
        instrumentation.retransformClasses(type);
      } catch (Throwable t) {
        AgentLog.warning("Trackweave could not weave the already loaded " + type.getName(), t);
      }
    }
  }

  /** Classes that are never the application's: the JDK, Trackweave's API, the agent and its libraries. */
  static boolean skipped(String internalName) {
    if (internalName.startsWith("java/")
        || internalName.startsWith("jdk/")
        || internalName.startsWith("sun/")
        || internalName.startsWith("com/sun/")) {
      return true;
    }
    if (!internalName.startsWith("io/trackweave/")) {
      return false;
    }
    String rest = internalName.substring("io/trackweave/".length());
    if (rest.startsWith("api/") || rest.startsWith("annotations/")) {
      return true;
    }
    if (!rest.startsWith("agent/")) {
      return false;
    }
    rest = rest.substring("agent/".length());
    return rest.startsWith("shaded/")
        || rest.startsWith("internal/")
        || rest.startsWith("build/")
        || rest.startsWith("TrackweaveAgent");
  }
}
