package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {
  private static final String HEAD = "plan: p\nversion: 1\nidentifier: id\n";

  private static List<PlanProblem> problems(String text) {
    PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, "plan.yaml"));
    assertThat(e).as("the plan should have been rejected").isNotNull();
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo("plan.yaml"));
    return e.problems();
  }

  private static PlanProblem onlyProblem(String text) {
    List<PlanProblem> problems = problems(text);
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void reportsEveryLintErrorWithKeyAndLine() {
    String text = String.join("\n",
        "plan: \"\"", //                                         1
        "version: 0", //                                          2
        "identifier: user_id", //                                 3
        "extras: true", //                                        4
        "attributes:", //                                         5
        "  firstName: { type: string }", //                       6
        "  score: { type: int }", //                              7
        "events:", //                                             8
        "  OrderPlaced:", //                                      9
        "    descripton: typo", //                                10
        "    schema:", //                                         11
        "      type: object", //                                  12
        "      additionalProperties: maybe", //                   13
        "      properties:", //                                   14
        "        sku: { type: string, minlength: 1 }", //         15
        "        price: { type: number, pattern: \"[a-\" }", //   16
        "        at: { type: string, format: epoch }", //         17
        "        qty: { type: integer, minimum: \"1\" }", //      18
        "        size: { type: integer, maxItems: 2.5 }", //      19
        "        tags: { type: array, items: [ { type: string } ] }", // 20
        "  refund_issued:", //                                    21
        "    schema: { type: array }", //                         22
        "");
    List<PlanProblem> problems = problems(text);

    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line).containsExactly(
        tuple("plan", 1),
        tuple("version", 2),
        tuple("identifier", 3),
        tuple("extras", 4),
        tuple("attributes.firstName", 6),
        tuple("attributes.score.type", 7),
        tuple("events.OrderPlaced", 9),
        tuple("events.OrderPlaced.descripton", 10),
        tuple("events.OrderPlaced.schema.additionalProperties", 13),
        tuple("events.OrderPlaced.schema.properties.sku.minlength", 15),
        tuple("events.OrderPlaced.schema.properties.price.pattern", 16),
        tuple("events.OrderPlaced.schema.properties.price.pattern", 16),
        tuple("events.OrderPlaced.schema.properties.at.format", 17),
        tuple("events.OrderPlaced.schema.properties.qty.minimum", 18),
        tuple("events.OrderPlaced.schema.properties.size.maxItems", 19),
        tuple("events.OrderPlaced.schema.properties.size.maxItems", 19),
        tuple("events.OrderPlaced.schema.properties.tags.items", 20),
        tuple("events.refund_issued.schema", 22));
    assertThat(problems.get(0).message()).contains("non-empty name");
    assertThat(problems.get(1).message()).contains("positive whole number");
    assertThat(problems.get(2).message()).contains("id, email, cio_id");
    assertThat(problems.get(4).message()).contains("rename it to 'first_name'");
    assertThat(problems.get(5).message()).contains("did you mean 'integer'?");
    assertThat(problems.get(6).message()).contains("rename it to 'order_placed'");
    assertThat(problems.get(7).message()).contains("did you mean 'description'?");
    assertThat(problems.get(8).message()).contains("true or false");
    assertThat(problems.get(9).message()).contains("did you mean 'minLength'?");
    assertThat(problems).extracting(PlanProblem::message)
        .anySatisfy(m -> assertThat(m).contains("not a valid Java regular expression"))
        .anySatisfy(m -> assertThat(m).contains("pattern applies to string values"));
    assertThat(problems.get(12).message()).contains("date-time, date, email, uri, unix-time");
    assertThat(problems.get(17).message()).contains("must be 'type: object'");
    assertThat(problems.get(0).toString()).isEqualTo("plan.yaml:1: plan: " + problems.get(0).message());
  }

  @Test
  void exceptionMessageListsEveryProblemOnItsOwnLine() {
    PlanException e = catchThrowableOfType(PlanException.class,
        () -> PlanLoader.parse("plan: p\nversion: -1\nidentifier: phone\n", "x.yaml"));

    assertThat(e.getMessage().split("\n")).hasSize(e.problems().size()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(e.getMessage()).contains("x.yaml:2: version:", "x.yaml:3: identifier:", "no 'events' mapping");
  }

  @Test
  void duplicateKeyIsAnErrorNamingBothLines() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    schema: { type: object }\n"
        + "  a:\n    schema: { type: object }\n");

    assertThat(p.key()).isEqualTo("events.a");
    assertThat(p.line()).isEqualTo(7);
    assertThat(p.message()).contains("duplicate key 'a'", "first at line 5");
  }

  @Test
  void everyDuplicateKeyIsReportedNotJustTheFirst() {
    List<PlanProblem> problems = problems(HEAD + "version: 2\nevents:\n  a:\n    schema:\n      type: object\n"
        + "      type: string\n");

    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line)
        .containsExactly(tuple("version", 4), tuple("events.a.schema.type", 9));
  }

  @Test
  void duplicateKeyInJsonIsAnErrorToo() {
    PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(
        "{\"plan\": \"p\", \"version\": 1, \"identifier\": \"id\",\n \"events\": {},\n \"version\": 2}", "p.json"));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("version");
      assertThat(p.line()).isEqualTo(3);
    });
  }

  @Test
  void unknownKeywordNamesFileKeyAndLine() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    schema:\n      type: object\n      properties:\n"
        + "        name: { type: string, oneOf: [] }\n");

    assertThat(p.toString()).startsWith("plan.yaml:9: events.a.schema.properties.name.oneOf: ");
    assertThat(p.message()).contains("JSON Schema keyword Trackweave does not support", "minLength");
  }

  @Test
  void referenceCycleIsAnError() {
    List<PlanProblem> problems = problems(HEAD + "events:\n  a:\n    schema: { $ref: \"#/$defs/x\" }\n"
        + "$defs:\n  x: { type: object, properties: { y: { $ref: \"#/$defs/y\" } } }\n"
        + "  y: { type: object, properties: { back: { $ref: \"#/$defs/x\" } } }\n"
        + "  node: { type: object, properties: { kids: { type: array, items: { $ref: \"#/$defs/node\" } } } }\n");

    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line).containsExactly(
        tuple("$defs.y.properties.back.$ref", 9), tuple("$defs.node.properties.kids.items.$ref", 10));
    assertThat(problems.get(0).message()).contains("reference cycle x -> y -> x");
    assertThat(problems.get(1).message()).contains("reference cycle node -> node");
  }

  @Test
  void pureReferenceChainCycleEnds() {
    List<PlanProblem> problems = problems(HEAD + "events:\n  a:\n    schema: { $ref: \"#/$defs/x\" }\n"
        + "$defs:\n  x: { $ref: \"#/$defs/y\" }\n  y: { $ref: \"#/$defs/x\" }\n");

    assertThat(problems).extracting(PlanProblem::message)
        .anySatisfy(m -> assertThat(m).contains("reference cycle"));
  }

  @Test
  void danglingReferenceIsAnError() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    schema:\n      type: object\n      properties:\n"
        + "        items: { type: array, items: { $ref: \"#/$defs/line_itme\" } }\n"
        + "$defs:\n  line_item: { type: object }\n");

    assertThat(p.key()).isEqualTo("events.a.schema.properties.items.items.$ref");
    assertThat(p.line()).isEqualTo(9);
    assertThat(p.message()).contains("does not resolve", "did you mean 'line_item'?");
  }

  @Test
  void referenceOnlyInTheDefsForm() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    schema: { $ref: \"#/definitions/x\" }\n");

    assertThat(p.key()).isEqualTo("events.a.schema.$ref");
    assertThat(p.message()).contains("#/$defs/<name>");
  }

  @Test
  void defsOnlyAtTopLevel() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    schema:\n      type: object\n      $defs: {}\n");

    assertThat(p.key()).isEqualTo("events.a.schema.$defs");
    assertThat(p.message()).contains("only at the top level");
  }

  @Test
  void keywordsBesideRefAreErrors() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    schema:\n      type: object\n      properties:\n"
        + "        x: { $ref: \"#/$defs/d\", description: fine, minLength: 2 }\n$defs:\n  d: { type: string }\n");

    assertThat(p.key()).isEqualTo("events.a.schema.properties.x.minLength");
  }

  @Test
  void dedupeMustNameAProperty() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    dedupe: order_di\n    schema:\n      type: object\n"
        + "      required: [order_id]\n      properties: { order_id: { type: string } }\n");

    assertThat(p.key()).isEqualTo("events.a.dedupe");
    assertThat(p.line()).isEqualTo(6);
    assertThat(p.message()).contains("not a property", "did you mean 'order_id'?");
  }

  @Test
  void dedupeMustBeRequired() {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    dedupe: order_id\n    schema:\n      type: object\n"
        + "      properties: { order_id: { type: string } }\n");

    assertThat(p.key()).isEqualTo("events.a.dedupe");
    assertThat(p.message()).contains("not required", "add it to the event schema's 'required' list");
  }

  @Test
  void dedupeMustBeStringOrInteger() {
    List<PlanProblem> problems = problems(HEAD + "events:\n"
        + "  a:\n    dedupe: amount\n    schema:\n      type: object\n      required: [amount]\n"
        + "      properties: { amount: { type: number } }\n"
        + "  b:\n    dedupe: code\n    schema:\n      type: object\n      required: [code]\n"
        + "      properties: { code: { type: [string, \"null\"] } }\n"
        + "  c:\n    dedupe: ref\n    schema:\n      type: object\n      required: [ref]\n"
        + "      properties: { ref: { $ref: \"#/$defs/ref\" } }\n"
        + "$defs:\n  ref: { type: object }\n");

    assertThat(problems).extracting(PlanProblem::key, PlanProblem::line)
        .containsExactly(tuple("events.a.dedupe", 6), tuple("events.b.dedupe", 12), tuple("events.c.dedupe", 18));
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("must be of type string or integer"));
  }

  @Test
  void dedupeMayBeAnIntegerReachedThroughARef() throws Exception {
    TrackingPlan plan = PlanLoader.parse(HEAD + "events:\n  a:\n    dedupe: n\n    schema:\n      type: object\n"
        + "      required: [n]\n      properties: { n: { $ref: \"#/$defs/seq\" } }\n$defs:\n  seq: { type: integer }\n",
        "plan.yaml");

    assertThat(plan.event("a").dedupe()).isEqualTo("n");
  }

  @Test
  void requiredMustBeDeclaredOnlyWhenAdditionalPropertiesIsFalse() throws Exception {
    PlanProblem p = onlyProblem(HEAD + "events:\n  a:\n    schema:\n      type: object\n"
        + "      required: [sku, qty]\n      additionalProperties: false\n      properties: { sku: { type: string } }\n");
    assertThat(p.key()).isEqualTo("events.a.schema.required[1]");
    assertThat(p.message()).contains("'qty'");

    TrackingPlan open = PlanLoader.parse(HEAD + "events:\n  a:\n    schema:\n      type: object\n"
        + "      required: [sku, qty]\n      properties: { sku: { type: string } }\n", "plan.yaml");
    assertThat(open.event("a").schema().required()).containsExactly("sku", "qty");
  }

  @Test
  void propertyNamesAreSnakeCaseEverywhere() {
    List<PlanProblem> problems = problems(HEAD + "events:\n  a:\n    schema:\n      type: object\n"
        + "      properties: { orderId: { type: string } }\n"
        + "$defs:\n  LineItem: { type: object, properties: { unitPriceUSD: { type: number } } }\n");

    assertThat(problems).extracting(PlanProblem::key)
        .containsExactly("events.a.schema.properties.orderId", "$defs.LineItem.properties.unitPriceUSD");
    assertThat(problems.get(1).message()).contains("'unit_price_usd'");
  }

  @Test
  void numericKeywordsMustHoldTheRightKindOfNumber() {
    List<PlanProblem> problems = problems(HEAD + "attributes:\n"
        + "  a: { type: string, minLength: -1 }\n"
        + "  b: { type: string, maxLength: 1.5 }\n"
        + "  c: { type: number, maximum: ten }\n"
        + "  d: { type: array, minItems: \"2\" }\n"
        + "  e: { type: integer, minimum: 5, maximum: 1 }\n"
        + "  f: { type: string, minLength: 3.0 }\n"
        + "events: {}\n");

    assertThat(problems).extracting(PlanProblem::key).containsExactly("attributes.a.minLength",
        "attributes.b.maxLength", "attributes.c.maximum", "attributes.d.minItems", "attributes.e.minimum");
  }

  @Test
  void typeNamesAndListsAreChecked() throws Exception {
    List<PlanProblem> problems = problems(HEAD + "attributes:\n"
        + "  a: { type: [string, null] }\n"
        + "  b: { type: [] }\n"
        + "  c: { type: [string, string] }\n"
        + "  d: { type: String }\n"
        + "events: {}\n");
    assertThat(problems).extracting(PlanProblem::key)
        .containsExactly("attributes.a.type[1]", "attributes.b.type", "attributes.c.type[1]", "attributes.d.type");
    assertThat(problems.get(0).message()).contains("Quote it: \"null\"");

    TrackingPlan plan = PlanLoader.parse(HEAD + "attributes:\n  a: { type: [integer, \"null\"] }\n  b: {}\n"
        + "events: {}\n", "plan.yaml");
    assertThat(plan.attributes().get("a").types()).containsExactlyInAnyOrder(JsonType.INTEGER, JsonType.NULL);
    assertThat(plan.attributes().get("b").types()).isEmpty();
  }

  @Test
  void enumAndConstValuesMustFitTheType() {
    List<PlanProblem> problems = problems(HEAD + "attributes:\n"
        + "  a: { type: string, enum: [x, 2] }\n"
        + "  b: { type: integer, const: 1.5 }\n"
        + "  c: { enum: [] }\n"
        + "  d: { enum: [[1]] }\n"
        + "events: {}\n");

    assertThat(problems).extracting(PlanProblem::key)
        .containsExactly("attributes.a.enum[1]", "attributes.b.const", "attributes.c.enum", "attributes.d.enum[0]");
  }

  @Test
  void formatMustFitTheType() {
    List<PlanProblem> problems = problems(HEAD + "attributes:\n"
        + "  a: { type: string, format: unix-time }\n"
        + "  b: { type: integer, format: date-time }\n"
        + "events: {}\n");

    assertThat(problems).extracting(PlanProblem::key).containsExactly("attributes.a.format", "attributes.b.format");
  }

  @Test
  void readsEnumAndConstAsPlainJavaValues() throws Exception {
    TrackingPlan plan = PlanLoader.parse(HEAD + "attributes:\n"
        + "  a: { enum: [x, 2, 2.5, true, null] }\n  b: { const: null }\n  c: { type: integer, const: 7 }\n"
        + "events: {}\n", "plan.yaml");

    assertThat(plan.attributes().get("a").enumValues())
        .containsExactly("x", 2L, new java.math.BigDecimal("2.5"), true, null);
    assertThat(plan.attributes().get("b").hasConst()).isTrue();
    assertThat(plan.attributes().get("b").constValue()).isNull();
    assertThat(plan.attributes().get("c").constValue()).isEqualTo(7L);
    assertThat(plan.attributes().get("a").hasConst()).isFalse();
  }

  @Test
  void missingTopLevelKeysAreReported() {
    List<PlanProblem> problems = problems("attributes: {}\n");

    assertThat(problems).extracting(PlanProblem::message).anySatisfy(m -> assertThat(m).contains("missing 'plan'"))
        .anySatisfy(m -> assertThat(m).contains("missing 'version'"))
        .anySatisfy(m -> assertThat(m).contains("missing 'identifier'"))
        .anySatisfy(m -> assertThat(m).contains("no 'events' mapping"));
  }

  @Test
  void eventKeysAndShape() {
    List<PlanProblem> problems = problems(HEAD + "events:\n  a: 3\n  b: {}\n  c:\n    schema: { type: object }\n"
        + "    type: object\n");

    assertThat(problems).extracting(PlanProblem::key).containsExactly("events.a", "events.b", "events.c.type");
    assertThat(problems.get(1).message()).contains("has no schema");
    assertThat(problems.get(2).message()).contains("schema keywords go under 'events.c.schema'");
  }

  @Test
  void syntaxErrorReportsTheLine() {
    PlanProblem p = onlyProblem("plan: p\nversion: 1\nidentifier: [id\nevents: {}\n");

    assertThat(p.line()).isGreaterThanOrEqualTo(3);
    assertThat(p.message()).startsWith("cannot read the YAML");
  }

  @Test
  void emptyPlanAndNonMappingRoot() {
    assertThat(onlyProblem("# nothing\n").message()).contains("empty");
    assertThat(onlyProblem("- a\n- b\n").message()).contains("a list");
  }

  @Test
  void secondDocumentIsAnError() {
    PlanProblem p = onlyProblem(HEAD + "events: {}\n---\nplan: q\n");

    assertThat(p.line()).isEqualTo(6); // where the second document starts
    assertThat(p.message()).contains("more than one document");
  }

  @Test
  void onlyTrueAndFalseAreBooleansAsInYaml12() throws Exception {
    TrackingPlan plan = PlanLoader.parse(HEAD + "attributes:\n"
        + "  country: { type: string, enum: [US, NO, yes, off, y] }\n"
        + "  flag: { type: boolean, enum: [true, False] }\nevents: {}\n", "plan.yaml");

    assertThat(plan.attributes().get("country").enumValues()).containsExactly("US", "NO", "yes", "off", "y");
    assertThat(plan.attributes().get("flag").enumValues()).containsExactly(true, false);
  }

  @Test
  void yamlAliasesAreRejected() {
    List<PlanProblem> problems = problems(HEAD + "attributes:\n  a: &s { type: string }\n  b: *s\nevents: {}\n");

    assertThat(problems).extracting(PlanProblem::key).contains("attributes.b");
  }

  @Test
  void jsonPlanIsEquivalentToTheYamlOne() throws Exception {
    TrackingPlan yaml = PlanLoader.load(ShopPlanTest.shopPlan());
    TrackingPlan json = PlanLoader.load(ShopPlanTest.shopPlan().resolveSibling("shop-tracking-plan.json"));

    assertThat(json.source()).endsWith(".json");
    assertThat(json.name()).isEqualTo(yaml.name());
    assertThat(json.version()).isEqualTo(yaml.version());
    assertThat(json.identifier()).isEqualTo(yaml.identifier());
    assertThat(json.attributes()).isEqualTo(yaml.attributes());
    assertThat(json.events()).isEqualTo(yaml.events());
    assertThat(json.defs()).isEqualTo(yaml.defs());
  }

  @Test
  void parseDetectsJsonAndYaml() throws Exception {
    String json = Files.readString(ShopPlanTest.shopPlan().resolveSibling("shop-tracking-plan.json"));
    TrackingPlan fromJson = PlanLoader.parse(json, "inline");
    TrackingPlan fromYaml = PlanLoader.parse(Files.readString(ShopPlanTest.shopPlan()), "inline");

    assertThat(fromJson).isEqualTo(fromYaml);
    // A YAML flow mapping that is not strict JSON still reads.
    TrackingPlan flow = PlanLoader.parse("{plan: p, version: 1, identifier: email, events: {}}", "inline");
    assertThat(flow.identifier()).isEqualTo("email");
  }

  @Test
  void jsonErrorsCarryLines() {
    PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(
        "{\"plan\": \"p\",\n \"version\": \"1\",\n \"identifier\": \"id\",\n \"events\": {}}", "p.json"));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("version");
      assertThat(p.line()).isEqualTo(2);
    });
  }

  @Test
  void loadChoosesTheFormatByExtension(@TempDir Path dir) throws Exception {
    Path yml = Files.writeString(dir.resolve("plan.yml"), HEAD + "events: {}\n");
    assertThat(PlanLoader.load(yml).source()).isEqualTo(yml.toString());

    Path json = Files.writeString(dir.resolve("plan.json"), "plan: p\nversion: 1\n");
    assertThat(catchThrowableOfType(PlanException.class, () -> PlanLoader.load(json)).problems())
        .singleElement().satisfies(p -> assertThat(p.message()).startsWith("cannot read the JSON"));

    Path txt = Files.writeString(dir.resolve("plan.txt"), HEAD);
    assertThat(catchThrowableOfType(PlanException.class, () -> PlanLoader.load(txt)).getMessage())
        .contains(".yaml, .yml or .json");

    assertThat(catchThrowableOfType(PlanException.class, () -> PlanLoader.load(dir.resolve("none.yaml")))
        .getMessage()).contains("no such file");

    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, (HEAD + "events: {}\n# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
    assertThat(catchThrowableOfType(PlanException.class, () -> PlanLoader.load(latin1)).getMessage())
        .contains("UTF-8");
  }

  @Test
  void anEventWithoutPropertiesIsFine() throws Exception {
    TrackingPlan plan = PlanLoader.parse(HEAD + "events:\n  app_opened:\n    schema: { type: object, "
        + "additionalProperties: false }\n", "plan.yaml");

    assertThat(plan.event("app_opened").schema().properties()).isEmpty();
    assertThat(plan.attributes()).isEmpty();
    assertThat(plan.defs()).isEmpty();
  }
}
