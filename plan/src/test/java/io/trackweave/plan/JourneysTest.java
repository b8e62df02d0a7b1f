package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segments and journeys in the plan: the model they load into, and every lint rule, each on its line. */
class JourneysTest {
  private static final String BASE = String.join("\n",
      "plan: shop", //                                                         1
      "version: 1", //                                                         2
      "identifier: id", //                                                     3
      "attributes:", //                                                        4
      "  email: { type: string }", //                                          5
      "  email_opt_in: { type: boolean }", //                                  6
      "  customer_type: { type: string, enum: [guest, registered, vip] }", //  7
      "  total_orders: { type: integer }", //                                  8
      "events:", //                                                            9
      "  checkout_started:", //                                                10
      "    schema:", //                                                        11
      "      type: object", //                                                 12
      "      additionalProperties: false", //                                  13
      "      properties:", //                                                  14
      "        cart_value: { type: number }", //                               15
      "        currency: { type: string, enum: [USD, EUR] }", //               16
      "  order_completed:", //                                                 17
      "    schema: { type: object }", //                                       18
      "");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<PlanProblem> problems(String text) {
    PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, "plan.yaml"));
    assertThat(e).as("the plan should have been rejected").isNotNull();
    return e.problems();
  }

  @Test
  void loadsSegmentsAndJourneysIntoTheModel() throws Exception {
    TrackingPlan plan = PlanLoader.parse(BASE + String.join("\n",
        "segments:",
        "  emailable:",
        "    description: People we may email.",
        "    where:",
        "      email: { exists: true }",
        "      email_opt_in: true",
        "      customer_type: [registered, vip]",
        "journeys:",
        "  cart_recovery:",
        "    description: checkout_started, then no order_completed within 2 hours",
        "    trigger:",
        "      event: checkout_started",
        "      where: { cart_value: { greater_than: 0 }, currency: USD }",
        "    segment: emailable",
        "    exit_on: [order_completed]",
        "    frequency: every_time",
        "    steps:",
        "      - { wait: 2h, message: cart_reminder }",
        "      - { wait: 1 day, message: cart_last_call }",
        "      - { wait: PT30M, message: nudge }",
        "  welcome:",
        "    trigger: order_completed",
        "    steps: [ { message: thanks } ]",
        ""), "plan.yaml");

    Segment emailable = plan.segment("emailable");
    assertThat(emailable.description()).isEqualTo("People we may email.");
    assertThat(emailable.conditions()).extracting(Condition::toString)
        .containsExactly("email exists", "email_opt_in = true", "customer_type in ['registered', 'vip']");
    assertThat(emailable.contains(JSON.readTree("{\"email\":\"a@b.c\",\"email_opt_in\":true,\"customer_type\":\"vip\"}")))
        .isTrue();
    assertThat(emailable.contains(JSON.readTree("{\"email\":\"a@b.c\",\"email_opt_in\":true,\"customer_type\":\"guest\"}")))
        .isFalse();
    assertThat(emailable.contains(JSON.readTree("{\"email_opt_in\":true,\"customer_type\":\"vip\"}"))).isFalse();

    Journey cart = plan.journey("cart_recovery");
    assertThat(cart.trigger().event()).isEqualTo("checkout_started");
    assertThat(cart.trigger()).hasToString("checkout_started where cart_value > 0 and currency = 'USD'");
    assertThat(cart.trigger().accepts(JSON.readTree("{\"cart_value\":10.5,\"currency\":\"USD\"}"))).isTrue();
    assertThat(cart.trigger().accepts(JSON.readTree("{\"cart_value\":0,\"currency\":\"USD\"}"))).isFalse();
    assertThat(cart.segment()).isEqualTo("emailable");
    assertThat(cart.exitOn()).containsExactly("order_completed");
    assertThat(cart.frequency()).isEqualTo(Journey.Frequency.EVERY_TIME);
    assertThat(cart.steps()).containsExactly(
        new Journey.Step(Duration.ofHours(2), "cart_reminder"),
        new Journey.Step(Duration.ofDays(1), "cart_last_call"),
        new Journey.Step(Duration.ofMinutes(30), "nudge"));
    Journey welcome = plan.journey("welcome");
    assertThat(welcome.frequency()).isEqualTo(Journey.Frequency.ONCE);
    assertThat(welcome.segment()).isNull();
    assertThat(welcome.steps()).containsExactly(new Journey.Step(Duration.ZERO, "thanks"));
  }

  @Test
  void aPlanWithoutJourneysHasNone() throws Exception {
    TrackingPlan plan = PlanLoader.parse(BASE, "plan.yaml");
    assertThat(plan.journeys()).isEmpty();
    assertThat(plan.segments()).isEmpty();
  }

  @Test
  void checksJourneysAgainstTheEventsAndAttributesOnTheirLines() {
    List<PlanProblem> problems = problems(BASE + String.join("\n",
        "segments:", //                                                  19
        "  emailable:", //                                               20
        "    where:", //                                                 21
        "      emial: { exists: true }", //                              22 unknown attribute
        "      customer_type: { equals: VIP }", //                       23 not in the enum
        "      total_orders: { greater_than: few }", //                  24 not a number
        "      email_opt_in: { is: true }", //                           25 unknown operator
        "journeys:", //                                                  26
        "  cart_recovery:", //                                           27
        "    trigger:", //                                               28
        "      event: checkout_started", //                              29
        "      where: { cart_total: { greater_than: 0 } }", //           30 not a property
        "    segment: emailabel", //                                     31 unknown segment
        "    exit_on:", //                                               32
        "      - order_completed", //                                    33
        "      - order_complete", //                                     34 not in the plan
        "      - checkout_started", //                                   35 the trigger itself
        "    frequency: always", //                                      36
        "    steps:", //                                                 37
        "      - { wait: 2 fortnights, message: cart_reminder }", //     38 bad duration
        "      - { wait: 3, message: x }", //                            39 no unit
        "      - { wait: 1h }", //                                       40 no message
        "  winback:", //                                                 41
        "    trigger: { event: subscription_canceled }", //              42 not in the plan
        "    steps: [ { wait: 30d, message: come_back } ]", //           43
        ""));

    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line).containsExactly(
        tuple("segments.emailable.where.emial", 22),
        tuple("segments.emailable.where.customer_type.equals", 23),
        tuple("segments.emailable.where.total_orders.greater_than", 24),
        tuple("segments.emailable.where.email_opt_in.is", 25),
        tuple("journeys.cart_recovery.trigger.where.cart_total", 30),
        tuple("journeys.cart_recovery.segment", 31),
        tuple("journeys.cart_recovery.exit_on[1]", 34),
        tuple("journeys.cart_recovery.exit_on[2]", 35),
        tuple("journeys.cart_recovery.frequency", 36),
        tuple("journeys.cart_recovery.steps[0].wait", 38),
        tuple("journeys.cart_recovery.steps[1].wait", 39),
        tuple("journeys.cart_recovery.steps[2]", 40),
        tuple("journeys.winback.trigger.event", 42));
    assertThat(problems.get(0).message()).contains("'emial'").contains("did you mean 'email'");
    assertThat(problems.get(1).message()).contains("'VIP'").contains("[guest, registered, vip]");
    assertThat(problems.get(4).message()).contains("not a property of event 'checkout_started'")
        .contains("cart_value");
    assertThat(problems.get(5).message()).contains("did you mean 'emailable'");
    assertThat(problems.get(6).message()).contains("exit event 'order_complete' is not in the plan's events")
        .contains("did you mean 'order_completed'");
    assertThat(problems.get(7).message()).contains("both the trigger and an exit");
    assertThat(problems.get(9).message()).contains("wait must be a duration").contains("'2 fortnights'");
    assertThat(problems.get(10).message()).contains("Add a unit, e.g. '3h'");
    assertThat(problems.get(12).message()).contains("'subscription_canceled' is not in the plan's events");
  }

  @Test
  void rejectsMalformedJourneyShapes() {
    List<PlanProblem> problems = problems(BASE + String.join("\n",
        "segments:", //                          19
        "  Emailable:", //                        20 not snake_case, and no where
        "    description: x", //                  21
        "journeys:", //                          22
        "  no_trigger:", //                       23
        "    steps: [ { message: m } ]", //       24
        "  no_steps:", //                         25
        "    trigger: checkout_started", //       26
        "    goal: order_completed", //           27 unknown key
        ""));
    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line).containsExactly(
        tuple("segments.Emailable", 20),
        tuple("segments.Emailable", 20),
        tuple("journeys.no_trigger", 23),
        tuple("journeys.no_steps", 25),
        tuple("journeys.no_steps.goal", 27));
    assertThat(problems.get(1).message()).contains("needs 'where:'");
    assertThat(problems.get(2).message()).contains("needs a trigger");
    assertThat(problems.get(3).message()).contains("needs 'steps:'");
    assertThat(problems.get(4).message()).contains("unknown key 'goal'").contains("exit_on");
  }

  @Test
  void parsesDurationsInTheDocumentedForms() {
    assertThat(JourneyLinter.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(JourneyLinter.parseDuration("30 minutes")).isEqualTo(Duration.ofMinutes(30));
    assertThat(JourneyLinter.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(JourneyLinter.parseDuration("3 days")).isEqualTo(Duration.ofDays(3));
    assertThat(JourneyLinter.parseDuration("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(JourneyLinter.parseDuration("P1DT2H")).isEqualTo(Duration.ofHours(26));
    assertThat(JourneyLinter.parseDuration("-2h")).isNull();
    assertThat(JourneyLinter.parseDuration("PT-2H")).isNull();
    assertThat(JourneyLinter.parseDuration("soon")).isNull();
  }
}
