package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackweave.testkit.junit.TrackApiExtension;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent (surefire's argLine) weaves Checkout; the extension's emulator receives the calls. */
class CheckoutTest {
  @RegisterExtension
  static TrackApiExtension api = TrackApiExtension.withPlan("tracking-plan.yaml");

  private final Checkout checkout = new Checkout();

  @Test
  void runsWithTheAgentAttached() {
    assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-javaagent:") && a.endsWith("trackweave-agent.jar")));
  }

  @Test
  void aCompletedOrderIsTrackedOnce() {
    checkout.register("42", "ada@example.com");
    checkout.complete("42", "o-1", 12.5);

    api.assertThat().identified("42").withAttribute("email", "ada@example.com").exists();
    api.assertThat().tracked("order_completed").forCustomer("42")
        .withProperty("order_id", "o-1").withProperty("total", 12.5).exactlyOnce();
    api.assertThat().noPlanViolations();
  }
}
