package io.trackweave.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.Enrolment;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.JourneyView;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.PersonView;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole product, end to end: the shop's JVM is woven (by the agent, or at build time), its
 * runtime ships to a real emulator over HTTP, and the emulator must hold exactly the people,
 * attributes and events the scenarios produced, each exactly once.
 */
class DemoEndToEndIT {
  private TrackApiEmulator emulator;

  @BeforeEach
  void startEmulator() {
    emulator = TrackApiEmulator.builder().port(0).plan(DemoLauncher.shopPlan()).start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  /** Over the Track API (v2, the default) and the Data Pipelines API: one setting apart, the same result. */
  @ParameterizedTest(name = "api.version={0}")
  @ValueSource(strings = {"v2", "pipelines"})
  void shopWithAgentTracksEveryScenarioExactlyOnce(String api) throws Exception {
    Path agent = Path.of(System.getProperty("demo.agent"));
    ShopProcess shop = ShopProcess.withAgent(agent, System.getProperty("java.class.path"), credentials(api));

    ShopProcess.Result result = shop.run(Files.createTempFile("demo-agent", ".log"), 120);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertShopState(result.output());
    assertCallsWentTo(api);
  }

  @ParameterizedTest(name = "api.version={0}")
  @ValueSource(strings = {"v2", "pipelines"})
  void shopWovenAtBuildTimeTracksTheSameWithoutAnAgent(String api) throws Exception {
    Path woven = Path.of(System.getProperty("demo.woven"));
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(woven.toFile())) {
      assertThat(jar.getEntry("io/trackweave/demo/shop/PaymentService.class")).isNotNull();
    }
    ShopProcess shop = ShopProcess.woven(ShopProcess.currentClassPathWith(woven, DemoEndToEndIT::isShopClasses), credentials(api));

    ShopProcess.Result result = shop.run(Files.createTempFile("demo-woven", ".log"), 120);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertShopState(result.output());
    assertCallsWentTo(api);
  }

  /** Every call reached the chosen API's endpoints, and none failed. */
  private void assertCallsWentTo(String api) {
    String prefix = api.equals("pipelines") ? "/v1/" : "/api/";
    assertThat(emulator.calls()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.path()).startsWith(prefix);
      assertThat(c.status()).as("%s %s: %s", c.method(), c.path(), c.error()).isEqualTo(200);
    });
  }

  @Test
  void theRunningDemoStopsCleanlyOnCtrlCAndOnSigterm() throws Exception {
    for (String signal : List.of("INT", "TERM")) {
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("demo.jar"),
          "--agent", System.getProperty("demo.agent"), "--port", "0").redirectErrorStream(true);
      builder.environment().remove("CI"); // CI makes the demo exit instead of staying up
      builder.environment().keySet().removeIf(n -> n.startsWith("CUSTOMERIO_") || n.startsWith("TRACKWEAVE_"));
      Process demo = builder.start();
      StringBuilder output = new StringBuilder();
      try (java.io.BufferedReader out = new java.io.BufferedReader(
          new java.io.InputStreamReader(demo.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          output.append(line).append('\n');
          if (line.contains("press Ctrl-C to stop")) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(demo.pid())).inheritIO().start().waitFor();
          }
        }
      }
      assertThat(demo.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as(output.toString()).isTrue();
      assertThat(demo.exitValue()).as("exit status after SIG" + signal + "; output:%n%s", output).isZero();
      assertThat(output.toString()).contains("would message cust-1002  cart_reminder_email")
          .endsWith("trackweave-demo: stopped\n").doesNotContain("Exception");
    }
  }

  /** The plain (unwoven) shop classes: failsafe puts the module's jar on the class path, or its classes. */
  private static boolean isShopClasses(Path entry) {
    String name = entry.getFileName().toString();
    return entry.endsWith(Path.of("target", "classes")) || (name.startsWith("trackweave-demo-app-") && name.endsWith(".jar"));
  }

  private Map<String, String> credentials(String api) {
    return DemoLauncher.emulatorEnvironment(emulator, api);
  }

  private void assertShopState(String shopOutput) {
    // the shop stamps orders and registrations with its own now, and says which
    long now = shopOutput.lines().filter(l -> l.startsWith("shop clock ")).findFirst()
        .map(l -> Instant.parse(l.substring("shop clock ".length())).getEpochSecond())
        .orElseThrow(() -> new AssertionError("the shop did not print its clock:\n" + shopOutput));
    assertThat(emulator.people()).extracting(PersonView::id)
        .as("people in the emulator; shop said:%n%s", shopOutput)
        .containsExactlyInAnyOrder("cust-1001", "cust-1002", "cust-1003");
    assertThat(emulator.counts().violations()).as("plan violations").isZero();
    assertThat(emulator.counts().anonymousEvents()).as("guest events nobody claimed").isZero();

    PersonView ada = person("cust-1001");
    assertThat(text(ada.attributes(), "email")).isEqualTo("ada@example.com");
    assertThat(text(ada.attributes(), "first_name")).isEqualTo("Ada");
    assertThat(ada.attributes().get("email_opt_in").asBoolean()).isTrue();
    assertThat(ada.attributes().get("sms_opt_in").asBoolean()).isFalse();
    assertThat(ada.attributes().get("created_at").asLong()).isEqualTo(now);
    assertThat(ada.attributes().get("total_orders").asLong()).isEqualTo(1);
    assertThat(ada.attributes().get("lifetime_value").decimalValue()).isEqualByComparingTo("52.50");
    assertThat(eventCounts(ada))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "product_viewed", 1,
                "added_to_cart", 2,
                "checkout_started", 1,
                "order_completed", 2,
                "order_refunded", 1,
                "subscription_created", 1,
                "subscription_paused", 1,
                "subscription_canceled", 1));

    // the subscription is an object related to Ada, its status the last one set (over either API)
    ObjectView subscription = emulator.object("1", "sub-1001").orElseThrow(
        () -> new AssertionError("no subscription object; objects: " + emulator.objects()));
    assertThat(text(subscription.attributes(), "plan")).isEqualTo("coffee-monthly");
    assertThat(subscription.attributes().get("interval_days").asLong()).isEqualTo(30);
    assertThat(text(subscription.attributes(), "status")).isEqualTo("canceled");
    assertThat(subscription.relationships()).singleElement().satisfies(r -> {
      assertThat(r.isWith("cust-1001")).isTrue();
      assertThat(text(r.attributes(), "role")).isEqualTo("owner");
    });

    // the provider's webhook ran three times; Customer.io holds one purchase, stamped when it was paid
    List<EventView> retried =
        ada.events().stream()
            .filter(e -> e.name().equals("order_completed") && text(e.properties(), "order_id").equals("ord-1002"))
            .toList();
    assertThat(retried).hasSize(1);
    EventView purchase = retried.get(0);
    assertThat(purchase.timestamp()).isEqualTo(now);
    assertThat(purchase.properties().get("revenue").decimalValue()).isEqualByComparingTo(new BigDecimal("79.00"));
    assertThat(text(purchase.properties(), "currency")).isEqualTo("GBP");
    assertThat(text(purchase.properties(), "discount_code")).isEqualTo("WELCOME10");
    assertThat(purchase.properties().get("is_first_order").asBoolean()).isFalse();
    assertThat(purchase.properties().get("items")).hasSize(1);
    assertThat(text(purchase.properties().get("items").get(0), "product_name")).isEqualTo("Burr grinder");
    assertThat(purchase.properties().has("customer_id")).as("the identifier is not a property").isFalse();

    EventView viewed = only(ada, "product_viewed");
    assertThat(fieldNames(viewed.properties())).containsExactlyInAnyOrder("sku", "category", "price");

    // the guest's cart joined Grace's history when she registered
    PersonView grace = person("cust-1002");
    assertThat(grace.anonymousIds()).containsExactly("visitor-7f3a");
    assertThat(eventCounts(grace)).containsExactlyInAnyOrderEntriesOf(Map.of("added_to_cart", 1, "checkout_started", 1));
    assertThat(grace.attributes().get("sms_opt_in").asBoolean()).isTrue();

    // the declined card was tracked, and the shop still saw the decline (it printed it)
    PersonView linus = person("cust-1003");
    assertThat(eventCounts(linus)).containsExactlyInAnyOrderEntriesOf(Map.of("checkout_started", 1, "payment_failed", 1));
    EventView failed = only(linus, "payment_failed");
    assertThat(text(failed.properties(), "payment_id")).isEqualTo("pay-1003");
    assertThat(text(failed.properties(), "currency")).isEqualTo("EUR");
    assertThat(shopOutput).contains("declined: insufficient_funds");

    // the journeys: Ada paid (cart recovery let her go), Grace left her checkout, Linus gave no consent;
    // Ada's refund ended post-purchase for ord-1001, and the thrice-sent ord-1002 enrolled her once
    JourneyView cart = emulator.snapshot().journey("cart_recovery");
    assertThat(cart.enrolmentsOf("cust-1001")).singleElement().satisfies(e -> {
      assertThat(e.state()).isEqualTo(Enrolment.State.EXITED);
      assertThat(e.exitEvent().name()).isEqualTo("order_completed");
    });
    assertThat(cart.enrolmentsOf("cust-1002")).singleElement()
        .satisfies(e -> assertThat(e.nextMessage()).isEqualTo("cart_reminder_email"));
    assertThat(cart.enrolmentsOf("cust-1003")).isEmpty();
    assertThat(cart.declined()).singleElement().satisfies(d -> assertThat(d.reason()).contains("segment emailable"));
    JourneyView postPurchase = emulator.snapshot().journey("post_purchase");
    assertThat(postPurchase.enrolmentsOf("cust-1001")).extracting(Enrolment::state)
        .containsExactly(Enrolment.State.EXITED, Enrolment.State.ACTIVE);
    assertThat(postPurchase.enrolmentsOf("cust-1001").get(0).exitEvent().name()).isEqualTo("order_refunded");
    assertThat(postPurchase.declined()).isEmpty();
  }

  private PersonView person(String id) {
    return emulator.people().stream().filter(p -> id.equals(p.id())).findFirst().orElseThrow();
  }

  private static EventView only(PersonView person, String name) {
    List<EventView> events = person.events().stream().filter(e -> e.name().equals(name)).toList();
    assertThat(events).as(name + " of " + person.id()).hasSize(1);
    return events.get(0);
  }

  private static Map<String, Integer> eventCounts(PersonView person) {
    Map<String, Integer> counts = new TreeMap<>();
    person.events().forEach(e -> counts.merge(e.name(), 1, Integer::sum));
    return counts;
  }

  private static List<String> fieldNames(JsonNode node) {
    return node.properties().stream().map(Map.Entry::getKey).toList();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
