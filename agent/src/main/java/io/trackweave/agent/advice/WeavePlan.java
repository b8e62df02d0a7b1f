package io.trackweave.agent.advice;

import io.trackweave.agent.index.IndexEntry;
import io.trackweave.agent.matching.Exclusions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Which methods of one class get which advice: the index's methods get {@link MapperAdvice} bound to
 * their generated mapper; annotated methods the index does not name get {@link FallbackAdvice}. The
 * same plan serves the agent (at class load) and the build-time plugin.
 */
public final class WeavePlan {
  static final String TRACK_EVENT = "io.trackweave.annotations.TrackEvent";
  static final String IDENTIFY_ON = "io.trackweave.annotations.IdentifyOn";

  private final AsmVisitorWrapper.ForDeclaredMethods visitor;
  private final List<String> indexedMethods;
  private final List<String> fallbackMethods;
  private final List<String> problems;

  private WeavePlan(
      AsmVisitorWrapper.ForDeclaredMethods visitor,
      List<String> indexedMethods,
      List<String> fallbackMethods,
      List<String> problems) {
    this.visitor = visitor;
    this.indexedMethods = indexedMethods;
    this.fallbackMethods = fallbackMethods;
    this.problems = problems;
  }

  /**
   * Plans the weaving of {@code type}.
   *
   * @param entries the index's entries for this type (may be empty)
   * @param fallback whether annotated methods without an entry are woven reflectively
   */
  public static WeavePlan of(
      TypeDescription type, List<IndexEntry> entries, boolean fallback, Exclusions exclusions) {
    AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
    List<String> indexed = new ArrayList<>();
    List<String> unindexed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, MethodDescription.InDefinedShape> declared = new HashMap<>();
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      declared.put(method.getInternalName() + method.getDescriptor(), method);
    }
    String owner = type.getName();
    for (IndexEntry entry : entries) {
      MethodDescription.InDefinedShape method = declared.remove(entry.methodKey());
      if (exclusions.excludes(owner, entry.method())) {
        continue;
      }
      if (method == null || !weavable(method)) {
        problems.add(
            "the index names "
                + entry.method()
                + entry.descriptor()
                + " but the class has no such method with a body; is the index stale?");
        continue;
      }
      TypeDescription mapper =
          new TypeDescription.Latent(
              entry.mapper(), Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, TypeDescription.Generic.OBJECT);
      visitor =
          visitor.method(
              ElementMatchers.is(method),
              Advice.withCustomMapping()
                  .bind(MapperClass.class, mapper)
                  .to(Templates.MAPPER_ADVICE, Templates.LOCATOR));
      indexed.add(readable(owner, method));
    }
    if (fallback) {
      for (MethodDescription.InDefinedShape method : declared.values()) {
        if (!weavable(method)
            || method.isBridge()
            || !hasTrackingAnnotation(method)
            || exclusions.excludes(owner, method.getName())) {
          continue;
        }
        visitor =
            visitor.method(
                ElementMatchers.is(method),
                Advice.withCustomMapping()
                    .bind(MethodKey.class, method.getInternalName() + method.getDescriptor())
                    .to(Templates.FALLBACK_ADVICE, Templates.LOCATOR));
        unindexed.add(readable(owner, method));
      }
    }
    return new WeavePlan(visitor, List.copyOf(indexed), List.copyOf(unindexed), List.copyOf(problems));
  }

  // matched by name: the annotation classes are the application's, never loaded for matching
  private static boolean hasTrackingAnnotation(MethodDescription method) {
    for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
      String name = annotation.getAnnotationType().getName();
      if (name.equals(TRACK_EVENT) || name.equals(IDENTIFY_ON)) {
        return true;
      }
    }
    return false;
  }

  private static boolean weavable(MethodDescription method) {
    return method.isMethod() && !method.isAbstract() && !method.isNative();
  }

  private static String readable(String owner, MethodDescription method) {
    StringBuilder sb = new StringBuilder(owner).append('#').append(method.getName()).append('(');
    boolean first = true;
    for (ParameterDescription parameter : method.getParameters()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(parameter.getType().asErasure().getActualName());
    }
    return sb.append(')').toString();
  }

  public boolean isEmpty() {
    return indexedMethods.isEmpty() && fallbackMethods.isEmpty();
  }

  public AsmVisitorWrapper visitor() {
    return visitor;
  }

  public List<String> indexedMethods() {
    return indexedMethods;
  }

  public List<String> fallbackMethods() {
    return fallbackMethods;
  }

  public List<String> problems() {
    return problems;
  }

  /** The advice classes, parsed once: weaving binds a constant into a copy per method. */
  private static final class Templates {
    static final TypeDescription MAPPER_ADVICE = TypeDescription.ForLoadedType.of(MapperAdvice.class);
    static final TypeDescription FALLBACK_ADVICE =
        TypeDescription.ForLoadedType.of(FallbackAdvice.class);
    static final ClassFileLocator LOCATOR = locator();

    private static ClassFileLocator locator() {
      Map<String, byte[]> types = new HashMap<>();
      types.put(MapperAdvice.class.getName(), ClassFileLocator.ForClassLoader.read(MapperAdvice.class));
      types.put(FallbackAdvice.class.getName(), ClassFileLocator.ForClassLoader.read(FallbackAdvice.class));
      return new ClassFileLocator.Simple(types);
    }

  }
}
