package io.trackweave.agent.internal.advice;

import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.matching.ClassBytes;
import io.trackweave.agent.internal.matching.Exclusions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;

/**
 * Weaves one class's bytes at load time, with ASM alone (the copy Byte Buddy ships as {@code
 * net.bytebuddy.jar.asm}): Byte Buddy's type model, type pool and {@code Advice} are never loaded,
 * which is what made the first tracked class of a JVM wait about a second and a half. Two passes over
 * the bytes: {@link WeavePlan} (what to weave) and {@link DispatchWeaver} (the weaving). The class is
 * decorated in place (no new members, so the same code serves retransformation), nothing is injected
 * into any class loader (no {@code Unsafe}, so JDK 25 stays quiet), and no class is loaded: the writer
 * computes neither frames nor maxima, the weaver writes both.
 */
public final class ClassWeaver {
  private final WeavingListener listener;

  public ClassWeaver(WeavingListener listener) {
    this.listener = listener;
  }

  /**
   * Returns the woven bytes, or null to keep the class as it is (nothing to weave, already woven at
   * build time, or weaving failed, which the listener hears about).
   *
   * @param loader the defining loader (unused: weaving needs no other class)
   * @param internalName the class's internal name ({@code com/shop/Checkout})
   */
  public byte[] weave(
      ClassLoader loader,
      String internalName,
      byte[] bytes,
      List<IndexEntry> entries,
      boolean fallback,
      Exclusions exclusions) {
    String name = internalName.replace('/', '.');
    try {
      if (ClassBytes.isWoven(bytes)) {
        return null; // woven at build time already; weaving twice would track twice
      }
      WeavePlan plan = WeavePlan.of(bytes, entries, fallback, exclusions);
      for (String problem : plan.problems()) {
        listener.onProblem(name, problem);
      }
      if (plan.isEmpty()) {
        return null;
      }
      byte[] woven = weave(bytes, plan);
      listener.onWoven(name, plan.indexedMethods(), plan.fallbackMethods());
      return woven;
    } catch (Throwable t) {
      listener.onError(name, t);
      return null;
    }
  }

  /**
   * Names to the listener ({@link WeavingListener#onUnwoven}) the annotated methods of this class that
   * have no index entry, which run untracked while the fallback is off; weaves nothing. A class woven at
   * build time is left out: its methods are tracked.
   */
  public void reportUnwoven(String internalName, byte[] bytes, List<IndexEntry> entries, Exclusions exclusions) {
    String name = internalName.replace('/', '.');
    try {
      if (ClassBytes.isWoven(bytes)) {
        return;
      }
      List<String> unwoven = WeavePlan.of(bytes, entries, false, true, exclusions).unwovenMethods();
      if (!unwoven.isEmpty()) {
        listener.onUnwoven(name, unwoven);
      }
    } catch (Throwable t) {
      listener.onError(name, t);
    }
  }

  /** Applies {@code plan} to {@code bytes}. */
  static byte[] weave(byte[] bytes, WeavePlan plan) {
    ClassReader reader = new ClassReader(bytes);
    // the reader's constant pool is kept and unwoven methods are copied as they are
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(plan.visitor(writer), ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /** Loads and links the weaving code ahead of need, on a background thread. */
  public static void warmUp() {
    try {
      String name = WarmUpTarget.class.getName();
      IndexEntry entry =
          new IndexEntry(name, "call", "(Ljava/lang/Object;)Ljava/lang/Object;", name);
      new ClassWeaver(WarmUpTarget.SILENT)
          .weave(
              WarmUpTarget.class.getClassLoader(),
              name.replace('.', '/'),
              read(WarmUpTarget.class),
              List.of(entry),
              true,
              Exclusions.NONE);
    } catch (Throwable ignored) {
      // the first real weave reports any problem
    }
  }

  private static byte[] read(Class<?> type) throws IOException {
    String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no class file for " + type.getName());
      }
      return in.readAllBytes();
    }
  }
}
