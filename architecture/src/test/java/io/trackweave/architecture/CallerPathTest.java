package io.trackweave.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The caller's thread never does I/O and never blocks. Two rules, from coarse to precise:
 *
 * <ol>
 *   <li>the packages that run on the caller's thread ({@code internal.capture}, {@code internal.operation},
 *       {@code internal.queue}) do not depend on file, network or HTTP classes at all;
 *   <li>nothing reachable from the runtime's caller-facing methods ({@code track}, {@code identify}, ...) calls a
 *       method that does I/O or blocks, following calls through the runtime's and the annotations' classes
 *       (static and virtual: a call to an interface or overridable method counts as a call to every
 *       implementation in those modules). ArchUnit counts a lambda's body as part of the method that creates it,
 *       so a lambda made on the caller's path and run elsewhere is checked too (strict, on purpose).
 * </ol>
 *
 * <p>Limits, said plainly: calls into the JDK are not followed (a JDK method that blocks or writes is caught only
 * if it is on the list below); a callback the user hands in (a {@code DeliveryListener}) is not followed; static
 * initializers are not followed (the runtime's classes are initialized when it is built, not on a call); a
 * {@code synchronized} block is allowed (the dedupe filter holds a striped lock for a few array writes); reflection
 * and method handles are invisible. The list is of what blocks or does I/O, not of everything slow.
 */
class CallerPathTest {

  /** The runtime's methods a business thread calls. */
  private static final Set<String> ENTRY_POINTS = Set.of("track", "trackAnonymous", "identify", "identifyObject",
      "deleteObject", "relate", "addDevice", "deleteDevice", "delete", "suppress", "unsuppress", "mergeCustomers",
      "violation");

  /** Packages whose every use is I/O: files, channels, sockets, HTTP clients (the runtime's relocated copies too). */
  private static final List<String> IO_PACKAGES = List.of("java.nio.file", "java.nio.channels", "java.net",
      "java.net.http", "javax.net", "jdk.net", "okhttp3", "okio", "io.trackweave.runtime.shaded");

  /** Classes in otherwise harmless packages whose use is I/O. */
  private static final Set<String> IO_CLASSES = Set.of("java.io.File", "java.io.FileInputStream",
      "java.io.FileOutputStream", "java.io.RandomAccessFile", "java.io.FileReader", "java.io.FileWriter",
      "java.io.FileDescriptor", "java.lang.Process", "java.lang.ProcessBuilder");

  /** Methods that block (or write to a log handler, which is I/O). Owner and name; any overload. */
  private static final Map<String, Set<String>> BLOCKING = Map.ofEntries(
      Map.entry("java.lang.Thread", Set.of("sleep", "join")),
      Map.entry("java.lang.Object", Set.of("wait")),
      Map.entry("java.util.concurrent.locks.LockSupport", Set.of("park", "parkNanos", "parkUntil")),
      Map.entry("java.util.concurrent.locks.Lock", Set.of("lock", "lockInterruptibly")),
      Map.entry("java.util.concurrent.locks.ReentrantLock", Set.of("lock", "lockInterruptibly")),
      Map.entry("java.util.concurrent.locks.Condition", Set.of("await", "awaitNanos", "awaitUninterruptibly")),
      Map.entry("java.util.concurrent.BlockingQueue", Set.of("put", "take")),
      Map.entry("java.util.concurrent.ArrayBlockingQueue", Set.of("put", "take")),
      Map.entry("java.util.concurrent.LinkedBlockingQueue", Set.of("put", "take")),
      Map.entry("java.util.concurrent.Future", Set.of("get")),
      Map.entry("java.util.concurrent.CompletableFuture", Set.of("get", "join")),
      Map.entry("java.util.concurrent.CountDownLatch", Set.of("await")),
      Map.entry("java.util.concurrent.Semaphore", Set.of("acquire", "acquireUninterruptibly")),
      Map.entry("java.io.PrintStream", Set.of("print", "println", "printf", "write", "flush")),
      Map.entry("java.lang.System$Logger", Set.of("log")),
      Map.entry("java.util.logging.Logger", Set.of("log", "logp", "severe", "warning", "info", "fine")));

  @Test
  void captureAndQueueDependOnNoFileOrNetworkClasses() {
    noClasses().that().resideInAnyPackage("io.trackweave.runtime.internal.capture..",
            "io.trackweave.runtime.internal.operation..", "io.trackweave.runtime.internal.queue..")
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "do file, network or HTTP I/O", CallerPathTest::isIo))
        .because("capture and the queue run on the caller's thread, which never does I/O")
        .check(TrackweaveModule.RUNTIME.classes());
  }

  @Test
  void nothingReachableFromTheCallersMethodsDoesIoOrBlocks() {
    JavaClasses classes = TrackweaveModule.allClasses();
    JavaClass runtime = classes.get("io.trackweave.runtime.TrackweaveRuntime");
    Map<JavaCodeUnit, JavaCodeUnit> reachedFrom = new LinkedHashMap<>();
    Deque<JavaCodeUnit> work = new ArrayDeque<>();
    for (JavaCodeUnit entry : runtime.getMethods()) {
      if (ENTRY_POINTS.contains(entry.getName()) && entry.getModifiers().contains(JavaModifier.PUBLIC)) {
        reachedFrom.put(entry, null);
        work.add(entry);
      }
    }
    assertThat(reachedFrom).as("the caller-facing methods of TrackweaveRuntime").hasSizeGreaterThan(10);

    Set<String> violations = new TreeSet<>();
    while (!work.isEmpty()) {
      JavaCodeUnit unit = work.removeFirst();
      List<JavaAccess<?>> accesses = new ArrayList<>();
      accesses.addAll(unit.getCallsFromSelf());
      accesses.addAll(unit.getMethodReferencesFromSelf());
      accesses.addAll(unit.getConstructorReferencesFromSelf());
      for (JavaAccess<?> access : accesses) {
        AccessTarget target = access.getTarget();
        JavaClass owner = target.getOwner();
        String problem = problem(owner, target.getName());
        if (problem != null) {
          violations.add(problem + ": " + access.getDescription() + "\n      reached by " + path(unit, reachedFrom));
          continue;
        }
        if (!isFollowed(owner)) {
          continue;
        }
        for (JavaCodeUnit next : implementations(owner, target)) {
          if (!reachedFrom.containsKey(next)) {
            reachedFrom.put(next, unit);
            work.add(next);
          }
        }
      }
    }
    assertThat(reachedFrom.size()).as("code units reached (a rule that reaches nothing checks nothing)")
        .isGreaterThan(50);
    assertThat(reachedFrom.keySet().stream().map(u -> u.getOwner().getName() + "." + u.getName()))
        .as("the path goes through capture into the queue")
        .contains("io.trackweave.runtime.internal.capture.Capture.enqueue")
        .anyMatch(name -> name.startsWith("io.trackweave.runtime.internal.queue.OperationQueue."));
    assertThat(violations).as("I/O or blocking calls reachable from TrackweaveRuntime's caller-facing methods "
        + "(" + reachedFrom.size() + " code units reached)").isEmpty();
  }

  private static boolean isFollowed(JavaClass owner) {
    return TrackweaveModule.of(owner).filter(m -> m == TrackweaveModule.RUNTIME || m == TrackweaveModule.ANNOTATIONS)
        .isPresent();
  }

  /** The code unit called, and (for an overridable method) every override in the followed modules. */
  private static Set<JavaCodeUnit> implementations(JavaClass owner, AccessTarget target) {
    Set<JavaCodeUnit> result = new java.util.LinkedHashSet<>();
    if (!(target instanceof AccessTarget.CodeUnitAccessTarget codeUnitTarget)) {
      return result;
    }
    codeUnitTarget.resolveMember().ifPresent(result::add);
    List<String> parameters = codeUnitTarget.getRawParameterTypes().stream().map(JavaClass::getName).toList();
    for (JavaClass subclass : owner.getAllSubclasses()) {
      if (!isFollowed(subclass)) {
        continue;
      }
      for (JavaCodeUnit candidate : subclass.getCodeUnits()) {
        if (candidate.getName().equals(target.getName())
            && candidate.getRawParameterTypes().stream().map(JavaClass::getName).toList().equals(parameters)) {
          result.add(candidate);
        }
      }
    }
    return result;
  }

  private static String problem(JavaClass owner, String member) {
    if (isIo(owner)) {
      return "I/O";
    }
    Set<String> names = BLOCKING.get(owner.getName());
    if (names != null && names.contains(member)) {
      return "blocks";
    }
    return null;
  }

  private static boolean isIo(JavaClass type) {
    JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
    String name = base.getName();
    if (IO_CLASSES.contains(name)) {
      return true;
    }
    String packageName = base.getPackageName();
    return IO_PACKAGES.stream().anyMatch(p -> packageName.equals(p) || packageName.startsWith(p + "."));
  }

  private static String path(JavaCodeUnit unit, Map<JavaCodeUnit, JavaCodeUnit> reachedFrom) {
    List<String> chain = new ArrayList<>();
    for (JavaCodeUnit at = unit; at != null; at = reachedFrom.get(at)) {
      chain.add(0, at.getOwner().getSimpleName() + "." + at.getName());
    }
    return String.join(" -> ", chain);
  }
}
