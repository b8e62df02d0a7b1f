package io.trackweave.agent.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.Checkout;
import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.annotations.Prop;
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
}
