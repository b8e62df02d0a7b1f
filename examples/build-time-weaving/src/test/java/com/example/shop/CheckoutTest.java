package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackweave.testkit.junit.TrackApiExtension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checkout was woven at build time; no agent runs, the extension installs a runtime pointed at its emulator. */
class CheckoutTest {
  @RegisterExtension
  static TrackApiExtension api = TrackApiExtension.withPlan("tracking-plan.yaml");

  private final Checkout checkout = new Checkout();

  @Test
  void theClassFileIsWovenAndNoAgentRuns() throws IOException {
    try (InputStream in = Checkout.class.getResourceAsStream("Checkout.class")) {
      assertTrue(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("io/trackweave/api/internal/MapperDispatch"));
    }
    assertFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-javaagent:")));
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
