package io.trackweave.agent.internal.advice;

import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.matching.Exclusions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which methods of one class get which exit dispatch: the index's methods call their generated mapper
 * through {@code MapperDispatch}; annotated methods the index does not name go through the reflective
 * {@code FallbackDispatch}. It is read from the class bytes in one cheap ASM pass (no debug info, no
 * frames, code only of the methods to weave, for their {@code max_locals}), with no class loaded and no
 * Byte Buddy type model. The same plan serves the agent (at class load) and the build-time plugin.
 */
public final class WeavePlan {
  static final String TRACK_EVENT = "Lio/trackweave/annotations/TrackEvent;";
  static final String IDENTIFY_ON = "Lio/trackweave/annotations/IdentifyOn;";
  static final String IDENTIFY_OBJECT = "Lio/trackweave/annotations/IdentifyObject;";
  static final String DELETE_OBJECT = "Lio/trackweave/annotations/DeleteObject;";
  /** Java 7: the first class file version whose every branch target carries a stack map frame. */
  static final int OLDEST_WOVEN_VERSION = Opcodes.V1_7;

  /** One method to weave. {@code mapper} is an internal name, or null for the reflective fallback. */
  static final class Target {
    final String mapper;
    final int maxLocals;
    final int returns; // return instructions: each gets its own, pre-registered, exception range

    Target(String mapper, int maxLocals, int returns) {
      this.mapper = mapper;
      this.maxLocals = maxLocals;
      this.returns = returns;
    }
  }

  private final Map<String, Target> targets; // by name + descriptor
  private final List<String> indexedMethods;
  private final List<String> fallbackMethods;
  private final List<String> unwovenMethods;
  private final List<String> problems;

  private WeavePlan(
      Map<String, Target> targets,
      List<String> indexedMethods,
      List<String> fallbackMethods,
      List<String> unwovenMethods,
      List<String> problems) {
    this.targets = targets;
    this.indexedMethods = indexedMethods;
    this.fallbackMethods = fallbackMethods;
    this.unwovenMethods = unwovenMethods;
    this.problems = problems;
  }

  /**
   * Plans the weaving of the class in {@code bytes}.
   *
   * @param entries the index's entries for this class (may be empty)
   * @param fallback whether annotated methods without an entry are woven reflectively
   */
  public static WeavePlan of(
      byte[] bytes, List<IndexEntry> entries, boolean fallback, Exclusions exclusions) {
    return of(bytes, entries, fallback, false, exclusions);
  }

  /**
   * Plans the weaving of the class in {@code bytes}, and with {@code reportUnwoven} (and the fallback
   * off) also names the annotated methods the index does not name, which will run untracked.
   */
  public static WeavePlan of(
      byte[] bytes, List<IndexEntry> entries, boolean fallback, boolean reportUnwoven, Exclusions exclusions) {
    Scan scan = new Scan(entries, fallback, reportUnwoven && !fallback, exclusions);
    new ClassReader(bytes).accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return scan.plan();
  }

  /** The visitor that weaves this plan into the class events it receives, ahead of {@code next}. */
  public ClassVisitor visitor(ClassVisitor next) {
    return new DispatchWeaver(next, targets);
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  /** Readable names ({@code com.shop.Checkout#confirm(java.lang.String)}) of the indexed methods woven. */
  public List<String> indexedMethods() {
    return indexedMethods;
  }

  /** Readable names of the methods woven through the reflective fallback. */
  public List<String> fallbackMethods() {
    return fallbackMethods;
  }

  /**
   * Readable names of the annotated methods without an index entry that are left unwoven (fallback
   * off; only when asked to report them): they run, untracked.
   */
  public List<String> unwovenMethods() {
    return unwovenMethods;
  }

  public List<String> problems() {
    return problems;
  }

  private static final class Scan extends ClassVisitor {
    private final Map<String, IndexEntry> byKey = new HashMap<>();
    private final List<IndexEntry> entries;
    private final boolean fallback;
    private final boolean reportUnwoven;
    private final Exclusions exclusions;
    private final Map<String, Target> targets = new HashMap<>();
    private final Map<String, String> readable = new HashMap<>();
    private final List<String> fallbackMethods = new ArrayList<>();
    private final List<String> unwovenMethods = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String owner; // binary name
    private boolean tooOld;

    Scan(List<IndexEntry> entries, boolean fallback, boolean reportUnwoven, Exclusions exclusions) {
      super(Opcodes.ASM9);
      this.entries = entries;
      this.fallback = fallback;
      this.reportUnwoven = reportUnwoven;
      this.exclusions = exclusions;
      for (IndexEntry entry : entries) {
        byKey.put(entry.methodKey(), entry);
      }
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] interfaces) {
      owner = name.replace('/', '.');
      int major = version & 0xFFFF;
      if (major < OLDEST_WOVEN_VERSION) {
        tooOld = true;
        problems.add(
            "class file version "
                + major
                + " predates Java 7 (no stack map frames); not woven, recompile it for Java 7 or later");
      }
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      if (tooOld) {
        return null;
      }
      String key = name + descriptor;
      IndexEntry entry = byKey.get(key);
      if (entry != null) {
        if (exclusions.excludes(owner, name) || !weavable(access, name)) {
          return null; // excluded: left alone; not weavable: reported as stale below
        }
        readable.put(key, readable(owner, name, descriptor));
        return new MaxLocals(key, entry.mapper().replace('.', '/'), null);
      }
      if (!(fallback || reportUnwoven)
          || !weavable(access, name)
          || (access & Opcodes.ACC_BRIDGE) != 0
          || exclusions.excludes(owner, name)) {
        return null;
      }
      return new MaxLocals(key, null, readable(owner, name, descriptor));
    }

    WeavePlan plan() {
      List<String> indexed = new ArrayList<>();
      for (IndexEntry entry : entries) {
        String key = entry.methodKey();
        if (targets.containsKey(key) && targets.get(key).mapper != null) {
          indexed.add(readable.get(key));
        } else if (!tooOld && !exclusions.excludes(owner, entry.method())) {
          problems.add(
              "the index names "
                  + key
                  + " but the class has no such method with a body; is the index stale?");
        }
      }
      return new WeavePlan(
          Map.copyOf(targets),
          List.copyOf(indexed),
          List.copyOf(fallbackMethods),
          List.copyOf(unwovenMethods),
          List.copyOf(problems));
    }

    /** Records the method's {@code max_locals}, and for the fallback whether it is annotated. */
    private final class MaxLocals extends MethodVisitor {
      private final String key;
      private final String mapper;
      private final String fallbackName; // non-null: weave only when annotated
      private boolean annotated;
      private String objectAnnotation; // @IdentifyObject or @DeleteObject, which only a generated mapper can send
      private int returns;

      MaxLocals(String key, String mapper, String fallbackName) {
        super(Opcodes.ASM9);
        this.key = key;
        this.mapper = mapper;
        this.fallbackName = fallbackName;
      }

      @Override
      public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        if (descriptor.equals(TRACK_EVENT) || descriptor.equals(IDENTIFY_ON)) {
          annotated = true;
        } else if (descriptor.equals(IDENTIFY_OBJECT) || descriptor.equals(DELETE_OBJECT)) {
          objectAnnotation = descriptor.substring(descriptor.lastIndexOf('/') + 1, descriptor.length() - 1);
        }
        return null;
      }

      @Override
      public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
          returns++;
        }
      }

      @Override
      public void visitMaxs(int maxStack, int maxLocals) {
        if (mapper != null) {
          targets.put(key, new Target(mapper, maxLocals, returns));
        } else if (annotated && fallback) {
          targets.put(key, new Target(null, maxLocals, returns));
          fallbackMethods.add(fallbackName);
        } else if (annotated || (objectAnnotation != null && reportUnwoven)) {
          unwovenMethods.add(fallbackName); // reportUnwoven: named, left as it is
        }
        if (mapper == null && objectAnnotation != null && fallback) {
          // the reflective fallback cannot send it: the object's type_id is in the plan, which only the
          // processor reads
          problems.add(
              fallbackName
                  + " has @"
                  + objectAnnotation
                  + " but no index entry, so its object is not sent: object calls need the mapper the"
                  + " Trackweave processor generates (the type_id comes from the tracking plan); compile the"
                  + " class with the processor");
        }
      }
    }
  }

  // constructors and initialisers are never woven; abstract and native methods have no body
  private static boolean weavable(int access, String name) {
    return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0 && name.charAt(0) != '<';
  }

  static String readable(String owner, String name, String descriptor) {
    StringBuilder sb = new StringBuilder(owner).append('#').append(name).append('(');
    Type[] parameters = Type.getArgumentTypes(descriptor);
    for (int i = 0; i < parameters.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(parameters[i].getClassName());
    }
    return sb.append(')').toString();
  }
}
