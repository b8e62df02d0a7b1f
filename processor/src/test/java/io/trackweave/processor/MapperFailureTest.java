package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.trackweave.api.Fields;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated mapper's typed entry points never throw into the caller, whatever a user's getter or tracker
 * throws; only a VirtualMachineError other than StackOverflowError (the JVM itself failing) goes through.
 */
class MapperFailureTest {
  private static Class<?> payload;
  private static Method afterReturn;

  @BeforeAll
  static void compile() throws Exception {
    Compilation c = Harness.compile(null, DiagnosticsTest.svc(
        "  public static final class Bad {",
        "    public static int mode;",
        "    public String getName() {",
        "      switch (mode) {",
        "        case 0: return getName();",
        "        case 1: throw new NoClassDefFoundError(\"com/gone/Missing\");",
        "        case 2: throw new ExceptionInInitializerError(new IllegalStateException(\"static init\"));",
        "        case 3: throw new OutOfMemoryError(\"pretend\");",
        "        default: return \"fine\";",
        "      }",
        "    }",
        "  }",
        "  @TrackEvent(\"thing_done\")",
        "  public void done(@CustomerId String id, @Payload Bad bad) {}"));
    assertThat(c).succeeded();
    ClassLoader loader = Harness.load(c);
    payload = loader.loadClass("com.shop.Svc$Bad");
    afterReturn = loader.loadClass("com.shop.Svc_done_TrackweaveMapper").getMethod("afterReturn", String.class, payload);
  }

  private static void call(int mode) throws Exception {
    payload.getField("mode").setInt(null, mode);
    afterReturn.invoke(null, "cust-1", payload.getConstructor().newInstance());
  }

  @Test
  void errorsFromAGetterAreViolationsNotThrows() throws Exception {
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      call(0);
      call(1);
      call(2);
      call(4);
      assertThat(recorder.calls).containsExactly(
          "violation thing_done null: track mapping failed: java.lang.StackOverflowError",
          "violation thing_done null: track mapping failed: java.lang.NoClassDefFoundError: com/gone/Missing",
          "violation thing_done null: track mapping failed: java.lang.ExceptionInInitializerError",
          "track person(id=cust-1, anon=null) thing_done {\"name\":\"fine\"} at=now");
    }
  }

  @Test
  void aTrackerThatThrowsWhenToldOfAFailureIsSwallowedToo() throws Exception {
    Tracker throwing = new Tracker() {
      @Override
      public void identify(Person person, Fields attributes, boolean updateOnly) {}

      @Override
      public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {}

      @Override
      public void violation(String event, String property, String problem) {
        throw new IllegalStateException("tracker broken too");
      }
    };
    Tracker previous = Trackweave.install(throwing);
    try {
      call(1);
      call(0);
    } finally {
      Trackweave.install(previous);
    }
  }

  @Test
  void theJvmFailingIsNotHidden() throws Exception {
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      assertThatThrownBy(() -> call(3)).isInstanceOf(InvocationTargetException.class)
          .cause().isInstanceOf(OutOfMemoryError.class).hasMessage("pretend");
      assertThat(recorder.calls).isEmpty();
    }
  }
}
