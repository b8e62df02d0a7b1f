package io.trackweave.agent.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.Checkout;
import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.agent.internal.fallback.FallbackDispatch;
import io.trackweave.annotations.Prop;
import io.trackweave.api.internal.MapperDispatch;
import java.nio.charset.StandardCharsets;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

class ClassBytesTest {
  static final class OnlyProp {
    void m(@Prop String s) {}
  }

  @Test
  void findsTrackingAnnotationsInRawBytes() {
    assertThat(ClassBytes.mayCarryTrackingAnnotation(ClassFileLocator.ForClassLoader.read(Checkout.class))).isTrue();
    assertThat(ClassBytes.mayCarryTrackingAnnotation(ClassFileLocator.ForClassLoader.read(RecordingTracker.class))).isFalse();
    // other Trackweave annotations alone do not make a method tracked
    assertThat(ClassBytes.mayCarryTrackingAnnotation(ClassFileLocator.ForClassLoader.read(OnlyProp.class))).isFalse();
    assertThat(ClassBytes.mayCarryTrackingAnnotation(new byte[0])).isFalse();
  }

  @Test
  void unwovenClassesAreNotWoven() {
    assertThat(ClassBytes.isWoven(ClassFileLocator.ForClassLoader.read(Checkout.class))).isFalse();
  }

  @Test
  void aClassThatNamesEitherDispatcherIsWoven() {
    // woven code names the dispatchers by internal name: a dispatcher that moves must take this check along
    assertThat(ClassBytes.isWoven(ascii("x" + internalName(MapperDispatch.class) + "y"))).isTrue();
    assertThat(ClassBytes.isWoven(ascii("x" + internalName(FallbackDispatch.class) + "y"))).isTrue();
    assertThat(ClassBytes.isWoven(ascii("io/trackweave/agent/fallback/FallbackDispatch"))).isFalse();
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
