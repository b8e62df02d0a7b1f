package io.trackweave.agent.internal.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.agent.fixture.Mappers;
import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.agent.fixture.Shapes;
import io.trackweave.agent.fixture.WovenLoader;
import io.trackweave.agent.internal.fallback.FallbackDispatch;
import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.matching.ClassBytes;
import io.trackweave.agent.internal.matching.Exclusions;
import io.trackweave.api.internal.EventMapper;
import io.trackweave.api.internal.MapperDispatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The ASM weaver's exact semantics on every method shape of {@link Shapes}: values of each kind come back
 * unchanged, the mapper sees the arguments as they were at entry and the boxed result, a thrown
 * exception is the same instance for the caller and the mapper, a failing mapper or an unreachable
 * dispatcher changes nothing, and the woven bytes pass ASM's verifier and the JVM's.
 */
class ExitDispatchWeaverTest {
  /** One dispatch as the mapper saw it. */
  record Outcome(Object[] args, Object result, Throwable thrown) {}

  static final List<Outcome> OUTCOMES = new CopyOnWriteArrayList<>();

  /** A mapper that only records. */
  public static final class Recorder implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {
      OUTCOMES.add(new Outcome(args, result, null));
    }

    @Override
    public void onThrow(Object[] args, Throwable thrown) {
      OUTCOMES.add(new Outcome(args, null, thrown));
    }
  }

  private final List<String> heard = new ArrayList<>();
  private final WeavingListener listener =
      new WeavingListener() {
        @Override
        public void onWoven(String type, List<String> indexed, List<String> fallback) {
          heard.add("woven " + indexed.size() + " " + fallback.size());
        }

        @Override
        public void onProblem(String type, String problem) {
          heard.add("problem " + problem);
        }

        @Override
        public void onError(String type, Throwable error) {
          heard.add("error " + error);
        }
      };
  private RecordingTracker tracker;

  @BeforeEach
  void install() {
    OUTCOMES.clear();
    tracker = RecordingTracker.install();
  }

  @AfterEach
  void uninstall() {
    tracker.close();
  }

  static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Every non-synthetic method of Shapes, with {@code mapper}. */
  static List<IndexEntry> entries(Class<?> mapper) {
    List<IndexEntry> entries = new ArrayList<>();
    for (Method method : Shapes.class.getDeclaredMethods()) {
      if (!method.isSynthetic()) {
        entries.add(
            new IndexEntry(Shapes.class.getName(), method.getName(), Type.getMethodDescriptor(method), mapper.getName()));
      }
    }
    return entries;
  }

  private byte[] wovenBytes(List<IndexEntry> entries) throws IOException {
    byte[] bytes =
        new ClassWeaver(listener)
            .weave(getClass().getClassLoader(), "io/trackweave/agent/fixture/Shapes", classFile(Shapes.class), entries, false, Exclusions.NONE);
    assertThat(bytes).as("heard %s", heard).isNotNull();
    return bytes;
  }

  private Object woven(List<IndexEntry> entries) throws Exception {
    return load(new WovenLoader(Map.of(Shapes.class.getName(), wovenBytes(entries))));
  }

  private static Object load(ClassLoader loader) throws Exception {
    // loading links and so runs the JVM's verifier on the woven bytes (frames included)
    return Class.forName(Shapes.class.getName(), true, loader).getConstructor().newInstance();
  }

  static Object call(Object target, String name, Object... args) throws Throwable {
    for (Method method : target.getClass().getDeclaredMethods()) {
      if (method.getName().equals(name)) {
        try {
          return method.invoke(Modifier.isStatic(method.getModifiers()) ? null : target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  /** Calls {@code name} on the original and the woven Shapes and checks both return the same. */
  private static Object same(Object original, Object woven, String name, Object... args) throws Throwable {
    Object expected = call(original, name, args);
    Object actual = call(woven, name, args.clone());
    if (expected instanceof int[]) {
      assertThat((int[]) actual).isEqualTo((int[]) expected);
    } else {
      assertThat(actual).as(name).isEqualTo(expected);
    }
    return actual;
  }

  private static Outcome lastOutcome() {
    assertThat(OUTCOMES).isNotEmpty();
    return OUTCOMES.get(OUTCOMES.size() - 1);
  }

  @Test
  void callsTheDispatchersByTheirRealNames() {
    // the weaver names them as strings (no class literal, so weaving loads neither): a move must keep them true
    assertThat(ExitDispatchWeaver.MAPPER_DISPATCH).isEqualTo(Type.getInternalName(MapperDispatch.class));
    assertThat(ExitDispatchWeaver.FALLBACK_DISPATCH).isEqualTo(Type.getInternalName(FallbackDispatch.class));
  }

  @Test
  void wovenBytesPassAsmsVerifier() throws Exception {
    byte[] bytes = wovenBytes(entries(Recorder.class));
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(bytes), getClass().getClassLoader(), false, new PrintWriter(problems));
    assertThat(problems.toString()).isEmpty();
    assertThat(ClassBytes.isWoven(bytes)).isTrue();
    assertThat(heard).containsExactly("woven " + entries(Recorder.class).size() + " 0");
  }

  @Test
  void everyKindOfValueComesBackUnchangedAndReachesTheMapperBoxed() throws Throwable {
    Object original = new Shapes();
    Object woven = woven(entries(Recorder.class));

    Object[][] calls = {
      {"addInts", 2, 3},
      {"mulLong", 1L << 40, 3},
      {"halfDouble", 5.0},
      {"scaleFloat", 2.0f},
      {"notBoolean", true},
      {"incByte", (byte) 7},
      {"incShort", (short) 300},
      {"nextChar", 'a'},
      {"mixWide", "a", 5L, 1.25, 7, "z"},
      {"mixWide", null, 5L, 1.25, 7, "z"},
      {"sumLoop", 10},
      {"tableSwitch", 0},
      {"tableSwitch", 2},
      {"tableSwitch", 9},
      {"lookupSwitch", "bb"},
      {"lookupSwitch", "zzz"},
      {"tryCatchFinally", 5},
      {"tryCatchFinally", 0},
      {"tryCatchFinally", -5},
      {"earlyReturnInTry", true},
      {"earlyReturnInTry", false},
      {"synchronizedWide", 40L, 2.9},
      {"reverseArray", new int[] {1, 2, 3}},
      {"returnsNull", "x"},
      {"nestedTry", 4},
    };
    for (Object[] c : calls) {
      String name = (String) c[0];
      Object[] args = Arrays.copyOfRange(c, 1, c.length);
      OUTCOMES.clear();
      Object result = same(original, woven, name, args);
      assertThat(OUTCOMES).as(name).hasSize(1);
      Outcome outcome = OUTCOMES.get(0);
      assertThat(outcome.thrown()).as(name).isNull();
      assertThat(outcome.result()).as(name).isEqualTo(result);
      assertThat(outcome.args()).as(name).containsExactly(args);
    }
    assertThat(call(woven, "counter")).isEqualTo(3); // the finally block ran once per call, as unwoven
  }

  @Test
  void voidMethodsReportANullResult() throws Throwable {
    Object woven = woven(entries(Recorder.class));
    StringBuilder out = new StringBuilder();

    call(woven, "doNothing");
    call(woven, "voidWithBranches", 1, out);
    call(woven, "voidWithBranches", -1, out);

    assertThat(out).hasToString("positivenot positive");
    assertThat(OUTCOMES).hasSize(3).allSatisfy(o -> {
      assertThat(o.result()).isNull();
      assertThat(o.thrown()).isNull();
    });
    assertThat(OUTCOMES.get(1).args()).containsExactly(1, out);
  }

  @Test
  void argumentsAreCapturedAtEntryBeforeTheMethodReassignsThem() throws Throwable {
    Object woven = woven(entries(Recorder.class));

    assertThat(call(woven, "reassignParameters", 21, "original", 99L)).isEqualTo(42 + 7 - 1);

    assertThat(lastOutcome().args()).containsExactly(21, "original", 99L);
    assertThat(lastOutcome().result()).isEqualTo(48);
  }

  @Test
  void theSameExceptionInstanceReachesCallerAndMapper() throws Throwable {
    Object woven = woven(entries(Recorder.class));
    RuntimeException boom = new IllegalStateException("boom");
    IOException io = new IOException("io");

    assertThatThrownBy(() -> call(woven, "alwaysThrows", boom)).isSameAs(boom);
    assertThat(lastOutcome().thrown()).isSameAs(boom);
    assertThat(lastOutcome().result()).isNull();
    assertThat(lastOutcome().args()).containsExactly(boom);

    assertThatThrownBy(() -> call(woven, "synchronizedThrows", boom)).isSameAs(boom);
    assertThat(lastOutcome().thrown()).isSameAs(boom);

    assertThatThrownBy(() -> call(woven, "checkedThrow", io)).isSameAs(io);
    assertThat(lastOutcome().thrown()).isSameAs(io);

    // thrown by the JVM inside the body, caught by the method itself: no throw is reported
    OUTCOMES.clear();
    assertThat(call(woven, "tryCatchFinally", -1)).isEqualTo(-1);
    assertThat(OUTCOMES).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo(-1));
  }

  @Test
  void aFailingMapperChangesNoResultAndNoException() throws Throwable {
    Object original = new Shapes();
    Object woven = woven(entries(Mappers.Throwing.class));
    RuntimeException boom = new IllegalStateException("boom");

    same(original, woven, "mulLong", 3L, 4);
    same(original, woven, "halfDouble", 3.0);
    same(original, woven, "tableSwitch", 1);
    same(original, woven, "tryCatchFinally", -2);
    same(original, woven, "nestedTry", 3);
    call(woven, "doNothing");
    assertThatThrownBy(() -> call(woven, "alwaysThrows", boom)).isSameAs(boom);
  }

  @Test
  void anUnreachableDispatcherOrMapperClassChangesNothing() throws Throwable {
    Object original = new Shapes();
    // the mapper class does not exist: the woven ldc fails with NoClassDefFoundError at the call site
    Object noMapper = woven(entries(Recorder.class).stream()
        .map(e -> new IndexEntry(e.owner(), e.method(), e.descriptor(), "com.nowhere.NoMapper")).toList());
    // MapperDispatch itself cannot be seen from the woven class's loader
    byte[] bytes = wovenBytes(entries(Recorder.class));
    Object noDispatcher =
        load(new WovenLoader(Map.of(Shapes.class.getName(), bytes), Set.of("io.trackweave.api.internal.MapperDispatch")));
    RuntimeException boom = new IllegalStateException("boom");

    for (Object woven : List.of(noMapper, noDispatcher)) {
      same(original, woven, "addInts", 1, 2);
      same(original, woven, "mixWide", "a", 1L, 2.0, 3, "b");
      same(original, woven, "earlyReturnInTry", false);
      same(original, woven, "synchronizedWide", 1L, 1.0);
      call(woven, "doNothing");
      assertThatThrownBy(() -> call(woven, "alwaysThrows", boom)).isSameAs(boom);
      assertThatThrownBy(() -> call(woven, "synchronizedThrows", boom)).isSameAs(boom);
    }
    assertThat(OUTCOMES).isEmpty();
  }

  @Test
  void aWovenClassIsNeverWovenTwice() throws Throwable {
    byte[] once = wovenBytes(entries(Recorder.class));
    assertThat(new ClassWeaver(listener)
        .weave(getClass().getClassLoader(), "io/trackweave/agent/fixture/Shapes", once, entries(Recorder.class), true, Exclusions.NONE))
        .isNull();

    Object woven = load(new WovenLoader(Map.of(Shapes.class.getName(), once)));
    call(woven, "addInts", 1, 1);
    assertThat(OUTCOMES).hasSize(1);
  }

  @Test
  void constructorsInitialisersAndSyntheticMethodsAreNotWoven() throws Throwable {
    List<IndexEntry> entries = new ArrayList<>(entries(Recorder.class));
    entries.add(new IndexEntry(Shapes.class.getName(), "<init>", "()V", Recorder.class.getName()));
    Object woven = woven(entries);

    assertThat(OUTCOMES).isEmpty(); // the constructor ran unwoven
    assertThat(heard).anySatisfy(h -> assertThat(h).startsWith("problem").contains("<init>()V"));
    ((Runnable) call(woven, "capturing", "abc")).run();
    assertThat(OUTCOMES).hasSize(1); // capturing itself, not its lambda
  }

  @Test
  void classFilesBeforeJava7AreReportedNotWoven() throws IOException {
    byte[] bytes = classFile(Shapes.class);
    bytes[6] = 0;
    bytes[7] = 50; // Java 6: frames optional, so none can be trusted

    assertThat(new ClassWeaver(listener)
        .weave(getClass().getClassLoader(), "io/trackweave/agent/fixture/Shapes", bytes, entries(Recorder.class), false, Exclusions.NONE))
        .isNull();
    assertThat(heard).singleElement().asString().contains("predates Java 7");
  }
}
