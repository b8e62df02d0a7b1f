package io.trackweave.agent.internal.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.agent.fixture.Checkout;
import io.trackweave.agent.fixture.LegacyCheckout;
import io.trackweave.agent.fixture.Mappers;
import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.agent.fixture.WovenLoader;
import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.matching.ClassBytes;
import io.trackweave.agent.internal.matching.Exclusions;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClassWeaverTest {
  private static final String CHECKOUT = Checkout.class.getName();

  private final List<String> heard = new ArrayList<>();
  private final WeavingListener listener =
      new WeavingListener() {
        @Override
        public void onWoven(String type, List<String> indexed, List<String> fallback) {
          heard.add("woven " + type + " " + indexed + " " + fallback);
        }

        @Override
        public void onProblem(String type, String problem) {
          heard.add("problem " + type + " " + problem);
        }

        @Override
        public void onError(String type, Throwable error) {
          heard.add("error " + type + " " + error);
        }

        @Override
        public void onUnwoven(String type, List<String> methods) {
          heard.add("unwoven " + type + " " + methods);
        }
      };
  private RecordingTracker tracker;

  @BeforeEach
  void install() {
    tracker = RecordingTracker.install();
  }

  @AfterEach
  void uninstall() {
    tracker.close();
  }

  private static IndexEntry entry(String method, String descriptor, Class<?> mapper) {
    return new IndexEntry(CHECKOUT, method, descriptor, mapper.getName());
  }

  private static final List<IndexEntry> ENTRIES =
      List.of(
          entry("confirm", "(Ljava/lang/String;Ljava/lang/String;D)Ljava/lang/String;", Mappers.Confirm.class),
          entry("pay", "(Ljava/lang/String;Ljava/lang/String;)V", Mappers.Pay.class),
          entry(
              "ship",
              "(Ljava/lang/String;Ljava/lang/String;Ljava/util/concurrent/CompletableFuture;)Ljava/util/concurrent/CompletableFuture;",
              Mappers.Ship.class),
          entry("register", "(Ljava/lang/String;Ljava/lang/String;)J", Mappers.Register.class));

  private Object woven(Class<?> type, List<IndexEntry> entries, boolean fallback) throws Exception {
    byte[] original = ClassFileLocator.ForClassLoader.read(type);
    byte[] bytes =
        new ClassWeaver(listener)
            .weave(
                type.getClassLoader(), type.getName().replace('.', '/'), original, entries, fallback, Exclusions.NONE);
    assertThat(bytes).as("woven bytes; heard %s", heard).isNotNull();
    assertThat(ClassBytes.isWoven(bytes)).isTrue();
    Class<?> loaded = new WovenLoader(Map.of(type.getName(), bytes)).loadClass(type.getName());
    return loaded.getConstructor().newInstance();
  }

  private static Object call(Object target, String name, Object... args) throws Throwable {
    for (Method method : target.getClass().getMethods()) {
      if (method.getName().equals(name)) {
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  // the woven copy of Checkout has its own static exception instance
  private static Object declined(Object checkout) throws ReflectiveOperationException {
    return checkout.getClass().getField("DECLINED").get(null);
  }

  @Test
  void indexedMethodCallsItsMapperAfterReturningUnchangedValue() throws Throwable {
    Object checkout = woven(Checkout.class, ENTRIES, false);

    assertThat(call(checkout, "confirm", "c-1", "o-9", 12.5)).isEqualTo("confirmed:o-9");
    assertThat(call(checkout, "register", "c-1", "a@b.c")).isEqualTo(42L);
    assertThat(call(checkout, "untracked", 1)).isEqualTo(2);

    assertThat(tracker.calls).hasSize(2);
    RecordingTracker.Call track = tracker.calls.get(0);
    assertThat(track.person()).isEqualTo(Person.identified(IdentifierType.ID, "c-1"));
    assertThat(track.name()).isEqualTo("order_completed");
    assertThat(track.fields().get("revenue")).isEqualTo(12.5);
    assertThat(track.fields().get("result")).isEqualTo("confirmed:o-9");
    assertThat(track.dedupeKey()).isEqualTo("o-9");
    assertThat(tracker.calls.get(1).kind()).isEqualTo("identify");
    assertThat(heard).singleElement().asString().startsWith("woven " + CHECKOUT);
  }

  @Test
  void thrownExceptionReachesTheCallerUnchangedAndFiresOnThrow() throws Throwable {
    Object checkout = woven(Checkout.class, ENTRIES, false);

    assertThatThrownBy(() -> call(checkout, "pay", "c-1", "o-9")).isSameAs(declined(checkout));

    assertThat(tracker.calls).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("payment_failed");
      assertThat(c.fields().get("reason")).isEqualTo("card declined");
    });
  }

  @Test
  void futureIsReturnedAsItIsAndTrackedWhenItCompletes() throws Throwable {
    Object checkout = woven(Checkout.class, ENTRIES, false);
    CompletableFuture<String> outcome = new CompletableFuture<>();

    Object returned = call(checkout, "ship", "c-1", "o-9", outcome);

    assertThat(returned).isSameAs(outcome);
    assertThat(tracker.calls).isEmpty();
    outcome.complete("dhl");
    assertThat(outcome.join()).isEqualTo("dhl");
    assertThat(tracker.calls).singleElement().satisfies(c -> assertThat(c.fields().get("carrier")).isEqualTo("dhl"));

    CompletableFuture<String> failing = new CompletableFuture<>();
    call(checkout, "ship", "c-2", "o-10", failing);
    failing.completeExceptionally(new IllegalStateException("lost"));
    assertThat(tracker.calls).hasSize(2);
    assertThat(tracker.calls.get(1).fields().get("reason")).isEqualTo("lost");
  }

  @Test
  void aFailingMapperChangesNeitherResultNorException() throws Throwable {
    List<IndexEntry> broken =
        List.of(
            entry("confirm", "(Ljava/lang/String;Ljava/lang/String;D)Ljava/lang/String;", Mappers.Throwing.class),
            entry("pay", "(Ljava/lang/String;Ljava/lang/String;)V", Mappers.Throwing.class),
            entry("register", "(Ljava/lang/String;Ljava/lang/String;)J", Mappers.Throwing.class));
    Object checkout = woven(Checkout.class, broken, false);

    assertThat(call(checkout, "confirm", "c-1", "o-9", 1.0)).isEqualTo("confirmed:o-9");
    assertThat(call(checkout, "register", "c-1", "x")).isEqualTo(42L);
    assertThatThrownBy(() -> call(checkout, "pay", "c-1", "o-9")).isSameAs(declined(checkout));
  }

  @Test
  void aMissingMapperClassChangesNothing() throws Throwable {
    List<IndexEntry> missing =
        List.of(new IndexEntry(CHECKOUT, "confirm", "(Ljava/lang/String;Ljava/lang/String;D)Ljava/lang/String;", "com.nowhere.NoMapper"));
    Object checkout = woven(Checkout.class, missing, false);

    assertThat(call(checkout, "confirm", "c-1", "o-9", 1.0)).isEqualTo("confirmed:o-9");
  }

  @Test
  void annotatedMethodsWithoutEntryGoThroughTheReflectiveFallback() throws Throwable {
    Object legacy = woven(LegacyCheckout.class, List.of(), true);
    Instant placed = Instant.ofEpochSecond(1_700_000_000L);
    var order =
        new LegacyCheckout.Order("c-7", "o-1", 99.5, List.of(new LegacyCheckout.Line("sku-1", 2)), placed, "secret");

    assertThat(call(legacy, "confirm", order)).isSameAs(order);
    assertThat(call(legacy, "view", "anon-1", 3, false)).isEqualTo(3);
    assertThatThrownBy(() -> call(legacy, "view", "anon-1", 4, true)).hasMessage("boom");
    call(legacy, "update", 5L, "yes");

    assertThat(tracker.calls).hasSize(4);
    RecordingTracker.Call completed = tracker.calls.get(0);
    assertThat(completed.person()).isEqualTo(Person.identified(IdentifierType.ID, "c-7"));
    assertThat(completed.timestamp()).isEqualTo(1_700_000_000L);
    Fields props = completed.fields();
    assertThat(props.get("order_id")).isEqualTo("o-1");
    assertThat(props.get("revenue")).isEqualTo(99.5);
    assertThat(props.has("internal_note")).isFalse();
    assertThat(props.has("customer_id")).isFalse();
    FieldArray items = (FieldArray) props.get("items");
    assertThat(((Fields) items.get(0)).get("quantity")).isEqualTo(2L);
    assertThat(tracker.calls.get(1).person()).isEqualTo(Person.anonymous("anon-1"));
    assertThat(tracker.calls.get(1).fields().get("item_count")).isEqualTo(3L);
    assertThat(tracker.calls.get(2).name()).isEqualTo("cart_viewed"); // fires on throw too
    assertThat(tracker.calls.get(3).kind()).isEqualTo("identify-update");
    assertThat(tracker.calls.get(3).fields().get("sms_opt_in")).isEqualTo("yes");
    assertThat(heard).singleElement().asString().contains("LegacyCheckout#confirm(" + LegacyCheckout.Order.class.getName() + ")");
  }

  @Test
  void withTheFallbackOffAnnotatedMethodsWithoutEntryAreNamedAndLeftAlone() throws Exception {
    byte[] original = ClassFileLocator.ForClassLoader.read(LegacyCheckout.class);
    String legacy = LegacyCheckout.class.getName();
    ClassWeaver weaver = new ClassWeaver(listener);
    assertThat(weaver.weave(getClass().getClassLoader(), legacy.replace('.', '/'), original, List.of(), false,
        Exclusions.NONE)).isNull(); // nothing woven: the methods run untracked
    assertThat(heard).isEmpty(); // weaving itself says nothing (the build-time plugin uses it)

    weaver.reportUnwoven(legacy.replace('.', '/'), original, List.of(), Exclusions.NONE);
    assertThat(heard).singleElement().asString()
        .startsWith("unwoven " + legacy)
        .contains(legacy + "#confirm(" + LegacyCheckout.Order.class.getName() + ")")
        .contains(legacy + "#view(java.lang.String, int, boolean)")
        .contains(legacy + "#ship(java.util.concurrent.CompletableFuture)")
        .contains(legacy + "#update(long, java.lang.String)");
    // excluded methods are the user's choice: not reported
    heard.clear();
    weaver.reportUnwoven(legacy.replace('.', '/'), original, List.of(), Exclusions.parse(legacy + "#view"));
    assertThat(heard).singleElement().asString().doesNotContain("#view(");
  }

  @Test
  void fallbackTracksFuturesOnCompletion() throws Throwable {
    Object legacy = woven(LegacyCheckout.class, List.of(), true);
    CompletableFuture<LegacyCheckout.Order> future = new CompletableFuture<>();

    assertThat(call(legacy, "ship", future)).isSameAs(future);
    assertThat(tracker.calls).isEmpty();
    future.complete(new LegacyCheckout.Order("c-8", "o-2", 1, List.of(), null, null));

    assertThat(tracker.calls).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("order_shipped");
      assertThat(c.person().id()).isEqualTo("c-8");
    });
  }

  @Test
  void excludedMethodsAreLeftAlone() throws Throwable {
    byte[] original = ClassFileLocator.ForClassLoader.read(Checkout.class);
    byte[] bytes =
        new ClassWeaver(listener)
            .weave(
                getClass().getClassLoader(),
                CHECKOUT.replace('.', '/'),
                original,
                ENTRIES.subList(0, 1),
                false,
                Exclusions.parse(CHECKOUT + "#confirm"));
    assertThat(bytes).isNull();
  }

  @Test
  void staleIndexEntryIsReported() {
    byte[] original = ClassFileLocator.ForClassLoader.read(Checkout.class);
    new ClassWeaver(listener)
        .weave(
            getClass().getClassLoader(),
            CHECKOUT.replace('.', '/'),
            original,
            List.of(entry("gone", "()V", Mappers.Confirm.class)),
            false,
            Exclusions.NONE);
    assertThat(heard).singleElement().asString().startsWith("problem " + CHECKOUT).contains("gone()V");
  }

  @Test
  void alreadyWovenClassIsNotWovenTwice() throws Exception {
    byte[] original = ClassFileLocator.ForClassLoader.read(Checkout.class);
    ClassWeaver weaver = new ClassWeaver(listener);
    byte[] once = weaver.weave(getClass().getClassLoader(), CHECKOUT.replace('.', '/'), original, ENTRIES, false, Exclusions.NONE);
    assertThat(weaver.weave(getClass().getClassLoader(), CHECKOUT.replace('.', '/'), once, ENTRIES, false, Exclusions.NONE)).isNull();
  }

  @Test
  void weavingFailureIsLoggedNotSilent() {
    Logger logger = Logger.getLogger("io.trackweave.agent");
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      byte[] corrupt = new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9};
      byte[] result =
          new ClassWeaver(new LoggingWeavingListener(new io.trackweave.agent.internal.fallback.FallbackReport()))
              .weave(getClass().getClassLoader(), "com/shop/Broken", corrupt, List.of(entry("x", "()V", Mappers.Confirm.class)), false, Exclusions.NONE);

      assertThat(result).isNull();
      assertThat(records)
          .anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).contains("could not weave com.shop.Broken");
            assertThat(r.getThrown()).isNotNull();
          });
    } finally {
      logger.removeHandler(handler);
    }
  }
}
