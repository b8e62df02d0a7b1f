package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic of {@link io.trackweave.processor.diagnostic.Message} that code can provoke: its text, and the line it lands on. Fixtures
 * are one class, {@code com.shop.Svc}; {@link #svc} puts its body from line 8 on.
 */
class DiagnosticsTest {
  private static final int FIRST = 8;

  /** {@code com.shop.Svc} with these body lines, the first on line {@value #FIRST}. */
  static JavaFileObject svc(String... body) {
    List<String> lines = new ArrayList<>(List.of(
        "package com.shop;",                                   // 1
        "import io.trackweave.annotations.*;",                 // 2
        "import java.math.BigDecimal;",                        // 3
        "import java.time.*;",                                 // 4
        "import java.util.*;",                                 // 5
        "import java.util.concurrent.*;",                      // 6
        "public abstract class Svc {"));                       // 7
    lines.addAll(List.of(body));
    lines.add("}");
    return JavaFileObjects.forSourceLines("com.shop.Svc", lines.toArray(new String[0]));
  }

  private static Compilation withShopPlan(JavaFileObject svc) {
    return Harness.compile(Harness.SHOP_PLAN, svc,
        JavaFileObjects.forResource("shop/com/shop/Currency.java"),
        JavaFileObjects.forResource("shop/com/shop/LineItem.java"),
        JavaFileObjects.forResource("shop/com/shop/NonNull.java"));
  }

  private static void error(Compilation c, JavaFileObject file, int line, String... fragments) {
    assertThat(c).failed();
    for (String fragment : fragments) {
      assertThat(c).hadErrorContaining(fragment).inFile(file).onLine(line);
    }
  }

  /**
   * An error on line {@code line}, at the column where {@code at} starts on it: the annotation value (or
   * annotation) the message blames, as MapStruct reports it.
   */
  private static void errorAt(Compilation c, JavaFileObject file, int line, String at, String... fragments) {
    assertThat(c).failed();
    long column = column(file, line, at);
    for (String fragment : fragments) {
      assertThat(c).hadErrorContaining(fragment).inFile(file).onLine(line).atColumn(column);
    }
  }

  private static void warningAt(Compilation c, JavaFileObject file, int line, String at, String... fragments) {
    long column = column(file, line, at);
    for (String fragment : fragments) {
      assertThat(c).hadWarningContaining(fragment).inFile(file).onLine(line).atColumn(column);
    }
  }

  /** The 1-based column of {@code text} on {@code line} of the file. */
  static long column(JavaFileObject file, int line, String text) {
    try {
      String source = file.getCharContent(true).toString().split("\n", -1)[line - 1];
      int at = source.indexOf(text);
      if (at < 0) {
        throw new AssertionError("'" + text + "' is not on line " + line + ": " + source);
      }
      return at + 1;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** No message of the compilation has the fragment. */
  private static void nowhere(Compilation c, String fragment) {
    org.assertj.core.api.Assertions.assertThat(c.diagnostics())
        .noneMatch(d -> d.getMessage(java.util.Locale.ROOT).contains(fragment));
  }

  @Test
  void unknownEventWithDidYouMean() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"order_complete\")",
        "  public void pay(@CustomerId String id) {}");
    Compilation c = withShopPlan(svc);
    errorAt(c, svc, FIRST, "\"order_complete\"",
        "event 'order_complete' is not in tracking plan 'shop-retention' (" + Harness.resource(Harness.SHOP_PLAN)
            + "); did you mean 'order_completed'? Fix: use an event listed under 'events', or add"
            + " 'order_complete' to the plan");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aHintEndsItsSentenceWithoutAStrayPeriod() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_create\")",
        "  public void create(@CustomerId String id) {}",
        "  @TrackEvent(\"nothing_like_any_event\")",
        "  public void other(@CustomerId String id) {}");
    Compilation c = withShopPlan(svc);
    errorAt(c, svc, FIRST, "\"subscription_create\"", "did you mean 'subscription_created'? Fix: use an event");
    errorAt(c, svc, FIRST + 2, "\"nothing_like_any_event\"",
        Harness.resource(Harness.SHOP_PLAN) + "). Fix: use an event listed under 'events'");
    nowhere(c, "?.");
  }

  @Test
  void requiredPropertyNeverMapped() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id, @Prop @com.shop.NonNull String sku,",
        "      @Prop @com.shop.NonNull String category, double price) {}");
    errorAt(withShopPlan(svc), svc, FIRST, "\"product_viewed\"",
        "required property 'price' of event 'product_viewed' is never mapped",
        "events.product_viewed.schema.required",
        "(parameter 'price' has that name but no @Prop)");
  }

  @Test
  void javaTypeDoesNotFitTheSchemaType() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id, @Prop @com.shop.NonNull String sku,",
        "      @Prop @com.shop.NonNull String category,",
        "      @Prop @com.shop.NonNull String price) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 3, "price)",
        "Property 'price' of event 'product_viewed': Java type java.lang.String does not fit the plan's type"
            + " number (plan 'shop-retention': events.product_viewed.schema.properties.price)",
        "Fix: use double, float, BigDecimal, or an integer type");
  }

  @Test
  void javaTypeDoesNotFitInsideArraysThroughRef() {
    JavaFileObject svc = svc(
        "  public record Item(@com.shop.NonNull String sku, @com.shop.NonNull String productName,",
        "      String quantity, double unitPrice) {}",
        "  @TrackEvent(\"checkout_started\")",
        "  public void start(@CustomerId String id, @Prop(\"checkout_id\") @com.shop.NonNull String checkoutId,",
        "      @Prop(\"cart_value\") double cartValue, @Prop @com.shop.NonNull com.shop.Currency currency,",
        "      @Prop @com.shop.NonNull List<Item> items) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 1, "quantity",
        "Property 'items[].quantity' of event 'checkout_started': Java type java.lang.String does not fit the"
            + " plan's type integer (plan 'shop-retention': $defs.line_item.properties.quantity)");
  }

  @Test
  void arrayElementThatIsNotAnObject() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"checkout_started\")",
        "  public void start(@CustomerId String id, @Prop(\"checkout_id\") @com.shop.NonNull String checkoutId,",
        "      @Prop(\"cart_value\") double cartValue, @Prop @com.shop.NonNull com.shop.Currency currency,",
        "      @Prop @com.shop.NonNull List<String> items) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 3, "items)",
        "Property 'items[]' of event 'checkout_started': Java type java.lang.String does not fit the plan's"
            + " type object with additionalProperties: false (plan 'shop-retention': $defs.line_item)");
  }

  @Test
  void mappedPropertyNotAllowed() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id, @Prop @com.shop.NonNull String sku,",
        "      @Prop @com.shop.NonNull String category, @Prop double price,",
        "      @Prop String categroy2, @Prop(\"colour\") String colour) {}");
    Compilation c = withShopPlan(svc);
    // a parameter cannot be @NotTracked: the fix says what works for a parameter
    errorAt(c, svc, FIRST + 3, "\"colour\"",
        "property 'colour' is not allowed in event 'product_viewed': the plan lists only [sku, category, price]"
            + " and sets additionalProperties: false (plan 'shop-retention': events.product_viewed.schema)."
            + " Fix: rename it with @Prop(\"...\") to a listed property or remove @Prop from the parameter, or add"
            + " 'colour' to the plan");
    // without a written name, the error lands on the @Prop itself
    errorAt(c, svc, FIRST + 3, "@Prop String categroy2",
        "property 'categroy2' is not allowed in event 'product_viewed'", "; did you mean 'category'? Fix:");
    nowhere(c, "@NotTracked");
  }

  @Test
  void returnValueNotAllowedSaysToRemoveItsProp() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  @Prop(\"colour\")",
        "  public String view(@CustomerId String id, @Prop @com.shop.NonNull String sku,",
        "      @Prop @com.shop.NonNull String category, @Prop double price) { return \"red\"; }");
    errorAt(withShopPlan(svc), svc, FIRST + 1, "\"colour\"",
        "property 'colour' is not allowed in event 'product_viewed'",
        "Fix: rename it with @Prop(\"...\") to a listed property or remove @Prop from the method, or add 'colour'");
  }

  @Test
  void nestedComponentNotAllowedLandsOnTheComponent() {
    JavaFileObject svc = svc(
        "  public record Item(@com.shop.NonNull String sku, @com.shop.NonNull String productName,",
        "      int quantity, double unitPrice,",
        "      String colour) {}",
        "  @TrackEvent(\"checkout_started\")",
        "  public void start(@CustomerId String id, @Prop(\"checkout_id\") @com.shop.NonNull String checkoutId,",
        "      @Prop(\"cart_value\") double cartValue, @Prop @com.shop.NonNull com.shop.Currency currency,",
        "      @Prop @com.shop.NonNull List<Item> items) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 2, "colour",
        "property 'colour' is not allowed in 'items[]' of event 'checkout_started'", "$defs.line_item",
        "Fix: rename it with @Prop(\"...\") to a listed property or leave it out with @NotTracked, or add 'colour'"
            + " to the plan");
  }

  @Test
  void enumConstantOutsideThePlansEnum() {
    JavaFileObject svc = svc(
        "  public enum Money { USD, EUR, JPY }",
        "  @TrackEvent(\"payment_failed\")",
        "  public void fail(@CustomerId String id, @Prop(\"payment_id\") @com.shop.NonNull String paymentId,",
        "      @Prop double amount, @Prop @com.shop.NonNull Money currency) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 3, "currency)",
        "Property 'currency' of event 'payment_failed': enum Money has constant [JPY] with no value in the plan's"
            + " enum [USD, EUR, GBP] (plan 'shop-retention': events.payment_failed.schema.properties.currency.enum)."
            + " A constant matches the plan value spelled as the constant, or as its lowercase snake_case"
            + " (TOO_MUCH_COFFEE -> too_much_coffee), and one enum uses one spelling. Fix: rename or remove the"
            + " constant, or add the value to the plan's enum");
  }

  @Test
  void enumConstantsMatchThePlansSnakeCaseValues() {
    JavaFileObject svc = svc(
        "  public enum Reason { PRICE, TOO_MUCH_INVENTORY, DID_NOT_WORK, OTHER }",
        "  public enum Wrong { PRICE, TOO_MUCH_COFFEE }",
        "  @TrackEvent(\"subscription_canceled\")",
        "  public void cancel(@CustomerId String id, @Prop(\"subscription_id\") @com.shop.NonNull String subscriptionId,",
        "      @Prop @com.shop.NonNull Reason reason) {}",
        "  @TrackEvent(\"subscription_canceled\")",
        "  public void cancel2(@CustomerId String id, @Prop(\"subscription_id\") @com.shop.NonNull String subscriptionId,",
        "      @Prop(\"reason\") @com.shop.NonNull Wrong wrong) {}");
    Compilation c = withShopPlan(svc);
    errorAt(c, svc, FIRST + 7, "wrong)",
        "Property 'reason' of event 'subscription_canceled': enum Wrong has constant [TOO_MUCH_COFFEE] with no"
            + " value in the plan's enum [price, too_much_inventory, did_not_work, other]");
    assertThat(c).hadErrorCount(1); // Reason's constants are the plan's values in snake_case
  }

  @Test
  void noPersonIdentifier() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@Prop(\"subscription_id\") @com.shop.NonNull String subscriptionId) {}");
    errorAt(withShopPlan(svc), svc, FIRST, "\"subscription_paused\"",
        "event 'subscription_paused' has no person: nothing is marked @CustomerId or @AnonymousId",
        "holds the customer's id with @CustomerId");
  }

  @Test
  void twoPersonIdentifiers() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@CustomerId String id,",
        "      @CustomerId String otherId,",
        "      @Prop(\"subscription_id\") @com.shop.NonNull String subscriptionId) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 2, "@CustomerId",
        "a second @CustomerId on parameter 'otherId': the customer id already comes from parameter 'id'");
  }

  @Test
  void identifyWithoutCustomerId() {
    JavaFileObject svc = svc(
        "  @IdentifyOn",
        "  public void register(@AnonymousId String visitor, @Attr String email) {}");
    errorAt(withShopPlan(svc), svc, FIRST, "@IdentifyOn",
        "@IdentifyOn on Svc.register() has no @CustomerId: identify needs the person's id");
  }

  @Test
  void dedupeKeyNotMapped() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_created\")",
        "  public void create(@CustomerId String id, @Prop @com.shop.NonNull String plan,",
        "      @Prop(\"interval_days\") int intervalDays) {}");
    errorAt(withShopPlan(svc), svc, FIRST, "\"subscription_created\"",
        "event 'subscription_created' deduplicates on 'subscription_id' (plan 'shop-retention':"
            + " events.subscription_created.dedupe), but nothing maps 'subscription_id'",
        "required property 'subscription_id' of event 'subscription_created' is never mapped");
  }

  @Test
  void identifyAttributeNotInThePlan() {
    JavaFileObject svc = svc(
        "  @IdentifyOn",
        "  public void register(@CustomerId String id,",
        "      @Attr(\"emial\") String email) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 2, "\"emial\"",
        "attribute 'emial' is not in the attributes of tracking plan 'shop-retention'", "; did you mean 'email'? Fix:");
  }

  @Test
  void nullableSourceForARequiredPropertyIsAWarning() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@CustomerId String id,",
        "      @Prop(\"subscription_id\") String subscriptionId) {}");
    Compilation c = withShopPlan(svc);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining(
            "Property 'subscription_id' of event 'subscription_paused' is required (plan 'shop-retention':"
                + " events.subscription_paused.schema.required), but its source parameter 'subscriptionId' of"
                + " type java.lang.String may be null")
        .inFile(svc).onLine(FIRST + 2).atColumn(column(svc, FIRST + 2, "subscriptionId)"));
  }

  private static Compilation withShopPlan(String option, JavaFileObject svc) {
    return Harness.compile(Harness.SHOP_PLAN, List.of(option), List.of(svc,
        JavaFileObjects.forResource("shop/com/shop/Currency.java"),
        JavaFileObjects.forResource("shop/com/shop/LineItem.java"),
        JavaFileObjects.forResource("shop/com/shop/NonNull.java")));
  }

  private static JavaFileObject nullableSubscriptionId() {
    return svc(
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@CustomerId String id,",
        "      @Prop(\"subscription_id\") String subscriptionId) {}");
  }

  @Test
  void nullableRequiredCanBeMadeAnError() {
    JavaFileObject svc = nullableSubscriptionId();
    Compilation c = withShopPlan("-Atrackweave.nullableRequired=error", svc);
    errorAt(c, svc, FIRST + 2, "subscriptionId)", "Property 'subscription_id' of event 'subscription_paused' is required",
        "source parameter 'subscriptionId' of type java.lang.String may be null");
    assertThat(c).hadWarningCount(0);
  }

  @Test
  void nullableRequiredCanBeIgnored() {
    Compilation c = withShopPlan("-Atrackweave.nullableRequired=ignore", nullableSubscriptionId());
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.shop.Svc_pause_TrackweaveMapper");
  }

  @Test
  void nullableRequiredWarnIsTheDefaultSpelledOut() {
    JavaFileObject svc = nullableSubscriptionId();
    Compilation c = withShopPlan("-Atrackweave.nullableRequired=warn", svc);
    assertThat(c).succeeded();
    warningAt(c, svc, FIRST + 2, "subscriptionId)", "may be null");
  }

  @Test
  void anUnknownNullableRequiredValueIsAnErrorAndTheCheckStillWarns() {
    Compilation c = withShopPlan("-Atrackweave.nullableRequired=fatal", nullableSubscriptionId());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("-Atrackweave.nullableRequired=fatal is not one of warn, error, ignore. Fix: use"
        + " one of those values, or leave the option out for the default 'warn'");
    assertThat(c).hadWarningContaining("may be null");
  }

  @Test
  void optionalSourceForARequiredPropertyIsAWarning() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@CustomerId String id,",
        "      @Prop(\"subscription_id\") Optional<String> subscriptionId) {}");
    Compilation c = withShopPlan(svc);
    assertThat(c).succeeded();
    warningAt(c, svc, FIRST + 2, "subscriptionId)", "may be empty");
  }

  @Test
  void abstractMethodCannotBeWoven() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_paused\")",
        "  public abstract void pause(@CustomerId String id);");
    errorAt(withShopPlan(svc), svc, FIRST, "@TrackEvent",
        "@TrackEvent on abstract method Svc.pause(): weaving adds tracking to a method body, and this method has none");
  }

  @Test
  void nativeMethodCannotBeWoven() {
    JavaFileObject svc = svc(
        "  @IdentifyOn",
        "  public native void register(@CustomerId String id);");
    errorAt(withShopPlan(svc), svc, FIRST, "@IdentifyOn", "@IdentifyOn on native method Svc.register()");
  }

  @Test
  void interfaceMethodWithoutBodyCannotBeWoven() {
    JavaFileObject api = JavaFileObjects.forSourceLines("com.shop.Api",
        "package com.shop;",
        "import io.trackweave.annotations.*;",
        "public interface Api {",
        "  @IdentifyOn",
        "  void register(@CustomerId String id);",
        "}");
    Compilation c = Harness.compile(Harness.SHOP_PLAN, api);
    errorAt(c, api, 4, "@IdentifyOn", "@IdentifyOn on abstract method Api.register()");
  }

  @Test
  void javaTypeWithNoJsonForm() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"payment_failed\")",
        "  public void fail(@CustomerId String id, @Prop(\"payment_id\") @com.shop.NonNull String paymentId,",
        "      @Prop double amount, @Prop @com.shop.NonNull com.shop.Currency currency,",
        "      @Prop(\"decline_code\") Thread declineCode) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 3, "declineCode)",
        "Property 'decline_code' of event 'payment_failed': Java type java.lang.Thread has no JSON form (a JDK type"
            + " that is not in the mapping table). Fix: use a String, number, boolean, enum, java.time type,"
            + " collection, Map<String, T>, record or class with getters, or remove its @Prop or @Attr");
  }

  @Test
  void aPayloadMemberWithNoJsonFormCanBeLeftOutWithNotTracked() {
    JavaFileObject svc = svc(
        "  public record Job(String name,",
        "      Thread worker) {}",
        "  @TrackEvent(\"job_done\")",
        "  public void done(@CustomerId String id, @Payload Job job) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 1, "worker",
        "Property 'worker' of event 'job_done': Java type java.lang.Thread has no JSON form",
        "record or class with getters, or leave it out with @NotTracked");
  }

  @Test
  void recursivePayloadType() {
    JavaFileObject svc = svc(
        "  public record Node(String name,",
        "      List<Node> children) {}",
        "  @TrackEvent(\"tree_viewed\")",
        "  public void view(@CustomerId String id, @Prop Node root) {}");
    Compilation c = Harness.compile(null, svc);
    errorAt(c, svc, FIRST + 1, "children",
        "Property 'root.children[]' of event 'tree_viewed': type Node contains itself (Node -> Node)",
        "Fix: mark the back-reference @NotTracked");
  }

  @Test
  void typeTheMapperCannotSee() {
    JavaFileObject svc = svc(
        "  private record Secret(String sku) {}",
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id,",
        "      @Payload Secret secret) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 3, "secret)",
        "Parameter 'secret': type com.shop.Svc.Secret is not visible from package 'com.shop'");
  }

  @Test
  void returnValueIsNotThereWhenTheMethodThrows() {
    JavaFileObject svc = svc(
        "  public record Failure(String paymentId) {}",
        "  @TrackEvent(value = \"payment_failed\", on = Fire.ALWAYS)",
        "  @Payload",
        "  public Failure charge(@CustomerId String id) { return null; }");
    errorAt(Harness.compile(null, svc), svc, FIRST + 1, ".ALWAYS", // javac places a field access at its dot
        "reads the return value, but @TrackEvent also fires when Svc.charge() throws");
  }

  @Test
  void payloadOnAVoidMethod() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  @Payload",
        "  public void view(@CustomerId String id) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 1, "@Payload",
        "@Payload on the method maps its return value, but view() returns nothing");
  }

  @Test
  void propWithoutTrackAndAttrWithoutIdentify() {
    JavaFileObject svc = svc(
        "  @IdentifyOn",
        "  public void register(@CustomerId String id,",
        "      @Prop String email) {}",
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id,",
        "      @Attr String sku) {}");
    Compilation c = Harness.compile(null, svc);
    errorAt(c, svc, FIRST + 2, "@Prop", "@Prop on parameter 'email', but Svc.register() has no @TrackEvent");
    errorAt(c, svc, FIRST + 5, "@Attr", "@Attr on parameter 'sku', but Svc.view() has no @IdentifyOn");
  }

  @Test
  void payloadThatIsNotAnObject() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id,",
        "      @Payload String sku) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 2, "@Payload",
        "@Payload on parameter 'sku' of type java.lang.String: a payload must be a record or a class with getters");
  }

  @Test
  void customerIdThatIsNotAScalar() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(",
        "      @CustomerId List<String> ids) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 2, "ids)",
        "@CustomerId on parameter 'ids' of type java.util.List<java.lang.String>: an identifier is sent as a string");
  }

  @Test
  void eventTimestampOfTheWrongType() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id,",
        "      @EventTimestamp String when) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 2, "when)",
        "@EventTimestamp on parameter 'when' of type java.lang.String: the event time must be an Instant");
  }

  @Test
  void eventTimestampOnIdentifyIsIgnoredWithAWarning() {
    JavaFileObject svc = svc(
        "  @IdentifyOn",
        "  public void register(@CustomerId String id,",
        "      @EventTimestamp Instant when) {}");
    Compilation c = Harness.compile(null, svc);
    assertThat(c).succeeded();
    warningAt(c, svc, FIRST + 2, "@EventTimestamp", "@EventTimestamp on parameter 'when' is ignored");
  }

  @Test
  void sameNameMappedTwice() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id, @Prop String sku,",
        "      @Prop(\"sku\") String otherSku) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 2, "\"sku\"",
        "property 'sku' is mapped twice in event 'product_viewed' (also from parameter 'sku'). Fix: rename one with"
            + " @Prop/@Attr, or remove the annotation from one of them");
  }

  @Test
  void aPayloadMemberMappedTwiceSaysToLeaveOneOut() {
    JavaFileObject svc = svc(
        "  public record View(String sku) {}",
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id, @Prop String sku, @Payload View view) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST, "sku)",
        "property 'sku' is mapped twice in event 'product_viewed' (also from parameter 'sku'). Fix: rename one with"
            + " @Prop/@Attr, or leave one out with @NotTracked");
  }

  @Test
  void aTypeMismatchNamesTheJavaTypesThatFitThePlan() {
    JavaFileObject svc = svc(
        "  @IdentifyOn",
        "  public void register(@CustomerId String id,",
        "      @Attr(\"email_opt_in\") String optIn,",
        "      @Attr(\"email\") int email) {}");
    Compilation c = withShopPlan(svc);
    errorAt(c, svc, FIRST + 2, "optIn,", "Attribute 'email_opt_in': Java type java.lang.String does not"
        + " fit the plan's type boolean (plan 'shop-retention': attributes.email_opt_in). Fix: use boolean or Boolean,"
        + " or change the plan");
    errorAt(c, svc, FIRST + 3, "email)", "Attribute 'email': Java type int does not fit the plan's type"
        + " string (format email) (plan 'shop-retention': attributes.email). Fix: use String, UUID or an enum, or"
        + " change the plan");
  }

  @Test
  void aTypeWithNoJsonFormSaysWhy() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"odd_shapes\")",
        "  public void odd(@CustomerId String id,",
        "      @Prop(\"a\") List a,",
        "      @Prop(\"b\") Map b,",
        "      @Prop(\"c\") Map<Integer, String> c,",
        "      @Prop(\"d\") Optional d) {}",
        "  @TrackEvent(\"job_done\")",
        "  @Prop(\"worker\")",
        "  public Thread done(@CustomerId String id) { return null; }");
    Compilation c = Harness.compile(null, svc);
    String what = "Fix: use a String, number, boolean, enum, java.time type, collection, Map<String, T>, record or"
        + " class with getters, or ";
    errorAt(c, svc, FIRST + 2, "a,", "Property 'a' of event 'odd_shapes': Java type java.util.List has no JSON form"
        + " (a raw collection: its element type is unknown). " + what + "remove its @Prop or @Attr");
    errorAt(c, svc, FIRST + 3, "b,", "Java type java.util.Map has no JSON form (a raw map: its value type is unknown)");
    errorAt(c, svc, FIRST + 4, "c,", "Java type java.util.Map<java.lang.Integer,java.lang.String> has no JSON form"
        + " (a map whose keys are not Strings)");
    errorAt(c, svc, FIRST + 5, "d)", "Java type java.util.Optional has no JSON form (a raw Optional)");
    // the return value cannot be @NotTracked: the fix says to take the mark off the method
    errorAt(c, svc, FIRST + 8, "done(", "Property 'worker' of event 'job_done': Java type java.lang.Thread has no"
        + " JSON form (a JDK type that is not in the mapping table). " + what + "remove @Prop or @Attr from the method");
  }

  @Test
  void aRootTypeBuiltFromTypeVariablesCannotBeNamedByTheMapper() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"tags_set\")",
        "  public <T> void tag(@CustomerId String id,",
        "      @Prop List<T> tags) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST + 2, "tags)", "Parameter 'tags': Java type java.util.List<T> has no"
        + " JSON form (a generic type built from type variables). Fix: use a String, number, boolean, enum, java.time"
        + " type, collection, Map<String, T>, record or class with getters, or remove its @Prop or @Attr");
  }

  @Test
  void aTypeThatCannotBeResolvedHasNoJsonForm() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"thing_done\")",
        "  public void done(@CustomerId String id,",
        "      @Prop(\"thing\") Missing thing) {}");
    Compilation c = Harness.compile(null, svc);
    errorAt(c, svc, FIRST + 2, "thing)", "Property 'thing' of event 'thing_done': Java type Missing has no JSON form"
        + " (the type cannot be resolved). Fix: use a String, number, boolean, enum, java.time type, collection,"
        + " Map<String, T>, record or class with getters, or remove its @Prop or @Attr");
    assertThat(c).hadErrorContaining("cannot find symbol"); // javac's own error stays
  }

  @Test
  void typesOfAKindThatHasNoJsonFormSayWhichKind() {
    JavaFileObject svc = svc(
        "  public @interface Label {}",
        "  @TrackEvent(\"thing_ranked\")",
        "  public <T extends Number & Comparable<T>> void rank(@CustomerId String id,",
        "      @Prop(\"score\") T score,",
        "      @Prop(\"label\") Label label) {}");
    Compilation c = Harness.compile(null, svc);
    errorAt(c, svc, FIRST + 3, "score,", "Property 'score' of event 'thing_ranked': Java type T has no JSON form"
        + " (a type of kind intersection). Fix:");
    errorAt(c, svc, FIRST + 4, "label)", "Property 'label' of event 'thing_ranked': Java type com.shop.Svc.Label has"
        + " no JSON form (a type of kind annotation type). Fix:");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void aTypeMismatchNamesTheJavaTypesForDatesArraysAndOpenObjects() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"report_generated\")",
        "  public void report(@CustomerId String id, @Prop(\"report_number\") long number,",
        "      @Prop(\"generated_at\") int generatedAt,",
        "      @Prop(\"due_on\") int dueOn,",
        "      @Prop(\"counts\") int counts,",
        "      @Prop(\"tags\") int tags) {}");
    Compilation c = Harness.compile("plans/features-plan.yaml", svc);
    String event = "Property '%s' of event 'report_generated': Java type int does not fit the plan's type %s (plan"
        + " 'features': events.report_generated.schema.properties.%s). Fix: use %s, or change the plan";
    errorAt(c, svc, FIRST + 2, "generatedAt,", String.format(event, "generated_at", "string (format date-time)",
        "generated_at", "Instant, OffsetDateTime or ZonedDateTime"));
    errorAt(c, svc, FIRST + 3, "dueOn,", String.format(event, "due_on", "string (format date)", "due_on", "LocalDate"));
    errorAt(c, svc, FIRST + 4, "counts,", String.format(event, "counts", "array", "counts", "an array or a Collection"));
    errorAt(c, svc, FIRST + 5, "tags)", String.format(event, "tags", "object", "tags",
        "a record, a class with getters, or Map<String, T>"));
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void aPropertyThePlanAllowsOnlyAsNullFitsNoJavaType() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"form_sent\")",
        "  public void send(@CustomerId String id,",
        "      @Prop(\"reserved\") String reserved) {}");
    errorAt(Harness.compile("plans/null-only-plan.yaml", svc), svc, FIRST + 2, "reserved)",
        "Property 'reserved' of event 'form_sent': Java type java.lang.String does not fit the plan's type null (plan"
            + " 'null-only': events.form_sent.schema.properties.reserved). Fix: use nothing (the plan allows only"
            + " null: leave the property out), or change the plan");
  }

  @Test
  void aSecondAnonymousIdOrEventTimestampOnOneMethod() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"page_viewed\")",
        "  public void view(@AnonymousId String visitor,",
        "      @AnonymousId String device,",
        "      @EventTimestamp Instant at,",
        "      @EventTimestamp Instant seenAt) {}");
    Compilation c = Harness.compile(null, svc);
    errorAt(c, svc, FIRST + 2, "@AnonymousId", "a second @AnonymousId on parameter 'device': the anonymous id already"
        + " comes from parameter 'visitor'. Fix: keep exactly one @AnonymousId");
    errorAt(c, svc, FIRST + 4, "@EventTimestamp", "a second @EventTimestamp on parameter 'seenAt': the event time"
        + " already comes from parameter 'at'. Fix: keep exactly one @EventTimestamp");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void namesThatAreNotSnakeCaseWithoutAPlan() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"OrderCompleted\")",
        "  public void pay(@CustomerId String id) {}");
    errorAt(Harness.compile(null, svc), svc, FIRST, "\"OrderCompleted\"",
        "event name 'OrderCompleted' is not lowercase snake_case. Fix: rename it, e.g. 'order_completed'");
  }

  @Test
  void propertyAndAttributeNamesThatAreNotSnakeCaseWithoutAPlan() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"order_completed\") @IdentifyOn",
        "  public void pay(@CustomerId String id, @Prop(\"orderId\") String orderId,",
        "      @Attr(\"firstName\") String firstName) {}");
    Compilation c = Harness.compile(null, svc);
    errorAt(c, svc, FIRST + 1, "\"orderId\"",
        "property name 'orderId' is not lowercase snake_case. Fix: rename it, e.g. 'order_id'");
    errorAt(c, svc, FIRST + 2, "\"firstName\"",
        "attribute name 'firstName' is not lowercase snake_case. Fix: rename it, e.g. 'first_name'");
  }

  @Test
  void getterOfAPayloadClassCarriesItsError() {
    JavaFileObject svc = svc(
        "  public static class Product {",
        "    public String getSku() { return \"s\"; }",
        "    public String getCategory() { return \"c\"; }",
        "    public String getPrice() { return \"1\"; }",
        "  }",
        "  @TrackEvent(\"product_viewed\")",
        "  @Payload",
        "  public Product view(@CustomerId String id) { return new Product(); }");
    errorAt(withShopPlan(svc), svc, FIRST + 3, "getPrice",
        "Property 'price' of event 'product_viewed': Java type java.lang.String does not fit the plan's type number");
  }

  @Test
  void aMapWhereThePlanForbidsUnknownKeys() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"checkout_started\")",
        "  public void start(@CustomerId String id, @Prop(\"checkout_id\") @com.shop.NonNull String checkoutId,",
        "      @Prop(\"cart_value\") double cartValue, @Prop @com.shop.NonNull com.shop.Currency currency,",
        "      @Prop @com.shop.NonNull List<Map<String, Object>> items) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 3, "items)",
        "Property 'items[]' of event 'checkout_started': Java type java.util.Map<java.lang.String,java.lang.Object>"
            + " does not fit the plan's type object with additionalProperties: false",
        "a Map's keys are unknown at compile time");
  }

  @Test
  void dateTypeThatDoesNotFitAUnixTimeInteger() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@CustomerId String id, @Prop(\"subscription_id\") @com.shop.NonNull String subscriptionId,",
        "      @Prop(\"resume_at\") LocalDate resumeAt) {}");
    errorAt(withShopPlan(svc), svc, FIRST + 2, "resumeAt)",
        "Property 'resume_at' of event 'subscription_paused': Java type java.time.LocalDate does not fit the"
            + " plan's type integer (format unix-time)",
        "Fix: use Instant, OffsetDateTime, ZonedDateTime or a long of unix seconds");
  }

  @Test
  void trackingAnnotationsOnAMethodThatIsNotTrackedAreAWarning() {
    JavaFileObject svc = svc(
        "  public record Order(@CustomerId String customerId, @Prop(\"order_id\") String id) {}",
        "  public void pay(@CustomerId String id,",
        "      @Prop(\"order_id\") String orderId, @Payload Order order) {}",
        "  @Attr(\"plan\")",
        "  public String upgrade(String plan) { return plan; }");
    Compilation c = Harness.compile(null, svc);
    assertThat(c).succeeded();
    warningAt(c, svc, FIRST + 1, "@CustomerId",
        "@CustomerId on parameter 'id' does nothing: Svc.pay() has none of @TrackEvent, @IdentifyOn, @IdentifyObject"
            + " and @DeleteObject, so nothing is sent from it. Fix: add @TrackEvent(\"<event>\"), @IdentifyOn or"
            + " @IdentifyObject(\"<type>\") to Svc.pay(), or remove @CustomerId");
    warningAt(c, svc, FIRST + 2, "@Prop", "@Prop on parameter 'orderId' does nothing: Svc.pay()");
    warningAt(c, svc, FIRST + 2, "@Payload", "@Payload on parameter 'order' does nothing: Svc.pay()");
    warningAt(c, svc, FIRST + 3, "@Attr", "@Attr on method Svc.upgrade() does nothing: Svc.upgrade()");
    // the record's components (and what javac copies from them to its accessors and constructor) are payload
    // members, where the marks belong
    assertThat(c).hadWarningCount(4);
  }

  private static JavaFileObject jspecify(String name) {
    return JavaFileObjects.forSourceLines("org.jspecify.annotations." + name,
        "package org.jspecify.annotations;",
        "import java.lang.annotation.*;",
        "@Target({ElementType.TYPE_USE" + (name.startsWith("Null") && !name.equals("Nullable")
            ? ", ElementType.TYPE, ElementType.PACKAGE, ElementType.METHOD})" : "})"),
        "public @interface " + name + " {}");
  }

  @Test
  void jspecifyNonNullAndNullMarkedSilenceTheNullableCheck() {
    JavaFileObject svc = JavaFileObjects.forSourceLines("com.shop.Svc",
        "package com.shop;",
        "import io.trackweave.annotations.*;",
        "import org.jspecify.annotations.*;",
        "public class Svc {",
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@CustomerId String id, @Prop(\"subscription_id\") @NonNull String subscriptionId) {}",
        "  @NullMarked public static class Marked {",
        "    @TrackEvent(\"subscription_paused\")",
        "    public void pause(@CustomerId String id, @Prop(\"subscription_id\") String subscriptionId) {}",
        "    @TrackEvent(\"subscription_canceled\")",
        "    public void cancel(@CustomerId String id, @Prop(\"subscription_id\") String subscriptionId,",
        "        @Prop @Nullable CancelReason reason) {}",
        "  }",
        "}");
    Compilation c = Harness.compile(Harness.SHOP_PLAN, List.of(svc, jspecify("NonNull"), jspecify("NullMarked"),
        jspecify("Nullable"), JavaFileObjects.forResource("shop/com/shop/CancelReason.java")));
    assertThat(c).succeeded();
    // only the source that says it may be null is reported, and the warning names JSpecify
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("Property 'reason' of event 'subscription_canceled' is required (plan"
            + " 'shop-retention': events.subscription_canceled.schema.required), but its source parameter 'reason'"
            + " of type com.shop.CancelReason may be null. At run time the call is still made and a missing value is"
            + " counted as a violation. Fix: annotate the source @org.jspecify.annotations.NonNull (or mark its class"
            + " or package @org.jspecify.annotations.NullMarked; any annotation named NonNull or NotNull is"
            + " recognised too), use a primitive, or make the property optional in the plan")
        .inFile(svc).onLine(12).atColumn(column(svc, 12, "reason)"));
  }

  @Test
  void nullMarkedOnThePackageSilencesTheNullableCheckAndNullUnmarkedRestoresIt() {
    JavaFileObject info = JavaFileObjects.forSourceLines("com.marked.package-info",
        "@org.jspecify.annotations.NullMarked",
        "package com.marked;");
    JavaFileObject svc = JavaFileObjects.forSourceLines("com.marked.Svc",
        "package com.marked;",
        "import io.trackweave.annotations.*;",
        "public class Svc {",
        "  @TrackEvent(\"subscription_paused\")",
        "  public void pause(@CustomerId String id, @Prop(\"subscription_id\") String subscriptionId) {}",
        "  @org.jspecify.annotations.NullUnmarked public static class Legacy {",
        "    @TrackEvent(\"subscription_paused\")",
        "    public void pause(@CustomerId String id, @Prop(\"subscription_id\") String subscriptionId) {}",
        "  }",
        "}");
    Compilation c = Harness.compile(Harness.SHOP_PLAN, List.of(info, svc, jspecify("NullMarked"),
        jspecify("NullUnmarked")));
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    warningAt(c, svc, 8, "subscriptionId)", "source parameter 'subscriptionId' of type java.lang.String may be null");
  }

  @Test
  void severalNullableRequiredPropertiesAreOneWarningOnTheEvent() {
    JavaFileObject svc = svc(
        "  @TrackEvent(\"payment_failed\")",
        "  public void fail(@CustomerId String id, @Prop(\"payment_id\") String paymentId,",
        "      @Prop double amount, @Prop com.shop.Currency currency, @Prop(\"decline_code\") String code) {}");
    Compilation c = withShopPlan(svc);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    warningAt(c, svc, FIRST, "\"payment_failed\"",
        "event 'payment_failed' has 2 required properties whose sources may be missing (plan 'shop-retention'):"
            + " 'payment_id' from parameter 'paymentId' of type java.lang.String may be null; 'currency' from"
            + " parameter 'currency' of type com.shop.Currency may be null. At run time the call is still made");
  }

  /**
   * README's diagnostics example is a copy of a real run: compiling its class against the demo's plan gives
   * exactly the messages it shows, on the lines and columns it shows (the plan's path aside).
   */
  @Test
  void theReadmeExampleIsWhatTheProcessorSays() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
    int from = readme.indexOf("```java\n", readme.indexOf("When code and plan disagree")) + "```java\n".length();
    String body = readme.substring(from, readme.indexOf("```", from));
    int out = readme.indexOf("```\n", readme.indexOf("output copied from that run")) + "```\n".length();
    String shown = readme.substring(out, readme.indexOf("```", out));
    JavaFileObject example = JavaFileObjects.forSourceString("com.shop.PaymentService",
        "package com.shop;\n\nimport io.trackweave.annotations.CustomerId;\nimport io.trackweave.annotations.Prop;\n"
            + "import io.trackweave.annotations.TrackEvent;\n\n" + body);
    Compilation c = Harness.javac("-Atrackweave.plan=" + java.nio.file.Path.of("../demo-app/tracking-plan.yaml")
        .toAbsolutePath().normalize()).compile(example);
    assertThat(c).failed();
    org.assertj.core.api.Assertions.assertThat(c.diagnostics()).hasSize(2);
    for (javax.tools.Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String line = ":" + d.getLineNumber() + ": error: " + d.getMessage(java.util.Locale.ROOT);
      String plan = "\\([^()]*tracking-plan\\.yaml\\)";
      org.assertj.core.api.Assertions.assertThat(shown.replaceAll(plan, "(plan)")).contains(line.replaceAll(plan, "(plan)"));
      String caret = " ".repeat((int) d.getColumnNumber() - 1) + "^";
      org.assertj.core.api.Assertions.assertThat(shown).contains("\n" + caret + "\n");
    }
  }

  @Test
  void timingOptionNotesTheProcessorsStages() {
    Compilation c = Harness.compile(Harness.SHOP_PLAN, List.of("-Atrackweave.timing=true"), Harness.shop());
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).hadNoteContaining("trackweave timing: ");
    assertThat(c).hadNoteContaining(" mappers; plan ");
    Compilation quiet = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
    org.assertj.core.api.Assertions.assertThat(quiet.notes())
        .noneMatch(d -> d.getMessage(null).contains("trackweave timing"));
  }
}
