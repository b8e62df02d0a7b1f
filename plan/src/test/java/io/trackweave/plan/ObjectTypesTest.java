package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's {@code objects}: the model they load into, and every lint rule, each on its line and key. */
class ObjectTypesTest {
  private static final String BASE = String.join("\n",
      "plan: shop", //                                 1
      "version: 1", //                                 2
      "identifier: id", //                             3
      "events:", //                                    4
      "  order_completed:", //                         5
      "    schema: { type: object }", //               6
      "$defs:", //                                     7
      "  money: { type: number, minimum: 0 }", //      8
      "objects:", //                                   9
      "");

  private static List<PlanProblem> problems(String text) {
    PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, "plan.yaml"));
    assertThat(e).as("the plan should have been rejected").isNotNull();
    return e.problems();
  }

  @Test
  void loadsObjectTypesIntoTheModel() throws Exception {
    TrackingPlan plan = PlanLoader.parse(BASE + String.join("\n",
        "  subscription:", //                                                10
        "    type_id: \"2\"", //                                             11
        "    description: A customer's plan subscription.", //               12
        "    attributes:", //                                                13
        "      plan: { type: string, enum: [basic, pro] }", //               14
        "      renews_at: { type: integer, format: unix-time }", //          15
        "      price: { $ref: \"#/$defs/money\" }", //                       16
        "    relationship:", //                                              17
        "      role: { type: string }", //                                   18
        "  account:", //                                                     19
        "    type_id: 1", //                                                 20
        ""), "plan.yaml");

    assertThat(plan.objects()).containsOnlyKeys("subscription", "account");
    ObjectType subscription = plan.object("subscription");
    assertThat(subscription.typeId()).isEqualTo("2");
    assertThat(subscription.description()).isEqualTo("A customer's plan subscription.");
    assertThat(subscription.attributes()).containsOnlyKeys("plan", "renews_at", "price");
    assertThat(subscription.attributes().get("plan").enumValues()).containsExactly("basic", "pro");
    assertThat(subscription.attributes().get("renews_at").format()).isEqualTo("unix-time");
    assertThat(plan.resolve(subscription.attributes().get("price")).types()).containsExactly(JsonType.NUMBER);
    assertThat(subscription.relationship()).containsOnlyKeys("role");
    assertThat(plan.object("account").typeId()).as("an unquoted number is the same id").isEqualTo("1");
    assertThat(plan.object("account").attributes()).isEmpty();
    assertThat(plan.object("account").relationship()).isEmpty();
  }

  @Test
  void aPlanWithoutObjectsHasNone() throws Exception {
    assertThat(PlanLoader.parse(BASE.replace("objects:\n", ""), "plan.yaml").objects()).isEmpty();
  }

  @Test
  void everyMistakeIsReportedOnItsKeyAndLine() {
    List<PlanProblem> problems = problems(BASE + String.join("\n",
        "  subscription:", //                                                10
        "    type_id: \"2\"", //                                             11
        "    attributes:", //                                                12
        "      plan: { type: strin }", //                                    13
        "      renewsAt: { type: integer }", //                              14
        "      seats: { type: integer, minimun: 1 }", //                     15
        "    relationship:", //                                              16
        "      role: { type: string, foo: 1 }", //                           17
        "    properties: {}", //                                             18
        "  Account:", //                                                     19
        "    type_id: 2", //                                                 20
        "  order:", //                                                       21
        "    description: no id", //                                         22
        "  team:", //                                                        23
        "    type_id: zero", //                                              24
        "    relationshp: {}", //                                            25
        "  plan_item: 3", //                                                 26
        "  price:", //                                                       27
        "    type_id: \"9\"", //                                             28
        "    attributes: [amount]", //                                       29
        ""));

    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line).contains(
        tuple("objects.subscription.attributes.plan.type", 13),
        tuple("objects.subscription.attributes.renewsAt", 14),
        tuple("objects.subscription.attributes.seats.minimun", 15),
        tuple("objects.subscription.relationship.role.foo", 17),
        tuple("objects.subscription.properties", 18),
        tuple("objects.Account", 19),
        tuple("objects.Account.type_id", 20),
        tuple("objects.order", 21),
        tuple("objects.team.type_id", 24),
        tuple("objects.team.relationshp", 25),
        tuple("objects.plan_item", 26),
        tuple("objects.price.attributes", 29));
    assertThat(message(problems, "objects.subscription.attributes.plan.type")).contains("unknown type 'strin'");
    assertThat(message(problems, "objects.subscription.attributes.renewsAt"))
        .contains("attribute name 'renewsAt' is not lowercase snake_case")
        .contains("rename it to 'renews_at'");
    assertThat(message(problems, "objects.subscription.attributes.seats.minimun")).contains("did you mean 'minimum'");
    assertThat(message(problems, "objects.subscription.relationship.role.foo")).contains("unknown keyword 'foo'");
    assertThat(message(problems, "objects.subscription.properties"))
        .contains("unknown object type key 'properties'", "goes under 'objects.subscription.attributes.<name>'");
    assertThat(message(problems, "objects.Account")).contains("object type name 'Account'", "'account'");
    assertThat(message(problems, "objects.Account.type_id"))
        .contains("type_id 2 is also the type_id of object type 'subscription'");
    assertThat(message(problems, "objects.order")).contains("has no type_id", "type_id: \"<n>\"");
    assertThat(message(problems, "objects.team.type_id")).contains("a whole number from 1", "the text 'zero'");
    assertThat(message(problems, "objects.team.relationshp")).contains("did you mean 'relationship'");
    assertThat(message(problems, "objects.plan_item")).contains("must be a mapping with type_id");
    assertThat(message(problems, "objects.price.attributes")).contains("must be a mapping", "a list");
  }

  @Test
  void objectsMustBeAMappingAndRefsInsideThemResolve() {
    assertThat(problems(BASE + "  [subscription]\n")).extracting(PlanProblem::key).contains("objects");
    List<PlanProblem> problems = problems(BASE + String.join("\n",
        "  subscription:", //                                                10
        "    type_id: \"2\"", //                                             11
        "    attributes:", //                                                12
        "      price: { $ref: \"#/$defs/mony\" }", //                        13
        ""));
    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line)
        .containsExactly(tuple("objects.subscription.attributes.price.$ref", 13));
    assertThat(problems.get(0).message()).contains("does not resolve", "did you mean 'money'");
  }

  @Test
  void typeIdZeroIsNotAnObjectType() {
    List<PlanProblem> problems = problems(BASE + "  subscription: { type_id: 0 }\n");
    assertThat(problems).extracting(PlanProblem::key).containsExactly("objects.subscription.type_id");
  }

  private static String message(List<PlanProblem> problems, String key) {
    return problems.stream().filter(p -> p.key().equals(key)).map(PlanProblem::message).findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + key + " in " + problems));
  }
}
