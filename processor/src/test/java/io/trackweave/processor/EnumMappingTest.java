package io.trackweave.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enums as Java teams write them: a constant {@code TOO_MUCH_INVENTORY} is sent as the plan's
 * {@code too_much_inventory}; a String into an enum property is checked against the plan's values when it is
 * sent, and one that is not among them is counted as a violation and left out.
 */
class EnumMappingTest {
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation c = GoldenMapperTest.compile();
    com.google.testing.compile.CompilationSubject.assertThat(c).succeeded();
    loader = Harness.load(c);
  }

  private static Method afterReturn(String mapper) throws Exception {
    for (Method m : loader.loadClass("com.shop." + mapper).getMethods()) {
      if (m.getName().equals("afterReturn")) {
        return m;
      }
    }
    throw new AssertionError("no afterReturn in " + mapper);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object reason(String name) throws Exception {
    return Enum.valueOf((Class) loader.loadClass("com.shop.Subscriptions$Reason"), name);
  }

  @Test
  void aJavaStyleConstantIsSentInThePlansSpelling() throws Exception {
    Method cancel = afterReturn("Subscriptions_cancel_TrackweaveMapper");
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      cancel.invoke(null, "c1", "s1", reason("TOO_MUCH_INVENTORY"));
      cancel.invoke(null, "c1", "s2", reason("PRICE"));
      assertThat(recorder.calls).containsExactly(
          "track person(id=c1, anon=null) subscription_canceled {\"subscription_id\":\"s1\",\"reason\":\"too_much_inventory\"} at=now",
          "track person(id=c1, anon=null) subscription_canceled {\"subscription_id\":\"s2\",\"reason\":\"price\"} at=now");
    }
  }

  @Test
  void aStringOutsideThePlansEnumIsCountedAndLeftOut() throws Exception {
    Method cancel = afterReturn("Subscriptions_cancelByCode_TrackweaveMapper");
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      cancel.invoke(null, "c1", "s1", "did_not_work");
      cancel.invoke(null, "c1", "s2", "TOO_EXPENSIVE");
      assertThat(recorder.calls).containsExactly(
          "track person(id=c1, anon=null) subscription_canceled {\"subscription_id\":\"s1\",\"reason\":\"did_not_work\"} at=now",
          "violation subscription_canceled reason: value is not one of the plan's enum values"
              + " [price, too_much_inventory, did_not_work, other]",
          // the property is required, so leaving the value out is reported too
          "violation subscription_canceled reason: required property is null or absent",
          "track person(id=c1, anon=null) subscription_canceled {\"subscription_id\":\"s2\"} at=now");
    }
  }
}
