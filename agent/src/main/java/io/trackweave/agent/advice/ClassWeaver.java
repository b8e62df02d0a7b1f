package io.trackweave.agent.advice;

import io.trackweave.agent.index.IndexEntry;
import io.trackweave.agent.matching.ClassBytes;
import io.trackweave.agent.matching.Exclusions;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves one class's bytes at load time. It decorates the class in place (no new members, so the same
 * code serves retransformation) and inlines the advice, so nothing is injected into any class loader:
 * no {@code Unsafe}-based injector runs, which keeps JDK 25 quiet.
 */
public final class ClassWeaver {
  private final ByteBuddy byteBuddy =
      new ByteBuddy()
          .with(TypeValidation.DISABLED)
          .with(Implementation.Context.Disabled.Factory.INSTANCE);
  private final WeavingListener listener;

  public ClassWeaver(WeavingListener listener) {
    this.listener = listener;
  }

  /**
   * Returns the woven bytes, or null to keep the class as it is (nothing to weave, already woven at
   * build time, or weaving failed, which the listener hears about).
   *
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
      ClassFileLocator locator =
          new ClassFileLocator.Compound(
              ClassFileLocator.Simple.of(name, bytes), ClassFileLocator.ForClassLoader.of(loader));
      TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
      TypeDescription type = pool.describe(name).resolve();
      WeavePlan plan = WeavePlan.of(type, entries, fallback, exclusions);
      for (String problem : plan.problems()) {
        listener.onProblem(name, problem);
      }
      if (plan.isEmpty()) {
        return null;
      }
      byte[] woven = byteBuddy.decorate(type, locator).visit(plan.visitor()).make(pool).getBytes();
      listener.onWoven(name, plan.indexedMethods(), plan.fallbackMethods());
      return woven;
    } catch (Throwable t) {
      listener.onError(name, t);
      return null;
    }
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
              ClassFileLocator.ForClassLoader.read(WarmUpTarget.class),
              List.of(entry),
              true,
              Exclusions.NONE);
    } catch (Throwable ignored) {
      // the first real weave reports any problem
    }
  }
}
