package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.internal.TrackedMethodAdvisor;
import io.trackweave.spring.boot.internal.WeavingDetection;
import io.trackweave.spring.boot.shop.Orders;
import io.trackweave.spring.boot.shop.Refunds;
import io.trackweave.testkit.TrackApiEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The advisor proxies what it must, and never what woven code reports already. */
class AdvisorTest {
  private final TrackApiEmulator emulator = TrackApiEmulator.start();
  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TrackweaveAutoConfiguration.class))
          .withBean(Orders.class)
          .withBean(Refunds.class)
          .withPropertyValues(
              "trackweave.endpoint=" + emulator.endpoint(),
              "trackweave.site.id=" + emulator.siteId(),
              "trackweave.api.key=" + emulator.apiKey(),
              "trackweave.jmx=false",
              "trackweave.spool.enabled=false");

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aClassWovenAtBuildTimeIsLeftToItsWovenCodeAndTrackedOnce() {
    assertThat(WeavingDetection.wovenAtBuildTime(Refunds.class)).isTrue();
    assertThat(WeavingDetection.wovenAtBuildTime(Orders.class)).isFalse();
    contexts.run(context -> {
      assertThat(AopUtils.isAopProxy(context.getBean(Orders.class))).isTrue();
      assertThat(AopUtils.isAopProxy(context.getBean(Refunds.class))).isFalse();

      context.getBean(Refunds.class).refund("c-1", "r-1");
      context.getBean(Orders.class).complete("c-1", "o-1", 5);
      context.getBean(TrackweaveRuntime.class).flush(Duration.ofSeconds(5));

      assertThat(emulator.events()).extracting(e -> e.name()).containsExactlyInAnyOrder("refund_issued", "order_completed");
    });
  }

  @Test
  void withTheAgentAttachedTheAdvisorMatchesNothing() throws Exception {
    // the agent's own weaving is tested with -javaagent in agent/; here, only that the advisor defers to it
    assertThat(WeavingDetection.agentAttached()).isFalse();
    var complete = Orders.class.getMethod("complete", String.class, String.class, double.class);
    assertThat(new TrackedMethodAdvisor(false).matches(complete, Orders.class)).isTrue();
    assertThat(new TrackedMethodAdvisor(true).matches(complete, Orders.class)).isFalse();
    assertThat(new TrackedMethodAdvisor(false).matches(Orders.class.getMethod("completeInternally", String.class, String.class, double.class), Orders.class))
        .isFalse();
  }
}
