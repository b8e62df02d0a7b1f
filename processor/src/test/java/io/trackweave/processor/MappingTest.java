package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the generated mappers capture for each row of the Java-to-JSON type table, with and without a plan. */
class MappingTest {
  @Test
  void everyJavaTypeMapsAsThePlanSays() throws Exception {
    Compilation c = Harness.compile("plans/features-plan.yaml", List.of(
        JavaFileObjects.forResource("features/com/feat/Reports.java"),
        JavaFileObjects.forResource("features/com/feat/Driver.java")));
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("source component 'generatedAt' of Report of type java.time.OffsetDateTime may be null");
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      Harness.load(c).loadClass("com.feat.Driver").getMethod("run").invoke(null);
      assertThat(recorder.calls).containsExactly(
          "track person(email=ada@example.com, anon=null) report_generated {\"report_number\":42,"
              + "\"generated_at\":\"2026-11-23T10:15:30+01:00\",\"due_on\":\"2026-12-01\",\"tags\":{\"a\":1,\"b\":2},"
              + "\"counts\":[1,2,3],\"ratio\":0.5,\"big\":12345678901234567890,\"initial\":\"R\","
              + "\"token\":\"123e4567-e89b-12d3-a456-426614174000\","
              + "\"owner\":{\"name\":\"Ada\",\"active\":true,\"url\":\"https://x.example\"},\"maybe\":7,\"anything\":3}"
              + " at=1795428930 dedupe=42",
          "identify person(email=ada@example.com, anon=null) {\"birthday\":\"1990-05-17\","
              + "\"preferences\":{\"theme\":\"dark\",\"beta\":true},\"last_seen\":\"2026-11-23T10:15:30Z\","
              + "\"scores\":[3,5]}");
    }
  }

  @Test
  void withoutAPlanMappersUseTheJavaDefaultsAndNeverThrow() throws Exception {
    Compilation c = Harness.compile(null, List.of(
        JavaFileObjects.forResource("plain/com/plain/Plain.java"),
        JavaFileObjects.forResource("plain/com/plain/Driver.java")));
    assertThat(c).succeeded();
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      Harness.load(c).loadClass("com.plain.Driver").getMethod("run").invoke(null);
      assertThat(recorder.calls).containsExactly(
          "violation thing_done null: track mapping failed: java.lang.IllegalStateException: boom",
          "track person(-=null, anon=123e4567-e89b-12d3-a456-426614174000) guest_thing {\"level\":\"HIGH\"} at=now",
          "violation guest_thing null: event not sent: no customer id and no anonymous id (com.plain.Plain#guest)");
    }
  }

  @Test
  void overloadedMethodsEachGetTheirOwnMapper() {
    Compilation c = Harness.compile(null, JavaFileObjects.forResource("plain/com/plain/Plain.java"));
    List<String> pings = Harness.resourceText(c, TrackweaveProcessor.INDEX).lines()
        .filter(l -> l.startsWith("com.plain.Plain ping ")).toList();
    assertThat(pings).hasSize(2);
    assertThat(pings.get(0)).matches("com.plain.Plain ping \\(J\\)V com.plain.Plain_ping_[0-9a-f]+_TrackweaveMapper");
    assertThat(pings.get(1)).matches(
        "com.plain.Plain ping \\(Ljava/lang/String;\\)V com.plain.Plain_ping_[0-9a-f]+_TrackweaveMapper");
  }

  @Test
  void generatedMappersUseNothingButTheApiTheJdkAndUserTypes() throws Exception {
    Compilation c = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
    for (javax.tools.JavaFileObject source : c.generatedSourceFiles()) {
      String text = source.getCharContent(true).toString();
      assertThat(text.lines().filter(l -> l.startsWith("import ")))
          .allMatch(l -> l.startsWith("import io.trackweave.api.") || l.startsWith("import java.")
              || l.startsWith("import com.shop."));
      assertThat(text).doesNotContain("reflect");
    }
  }

  @Test
  void personFromTheResultGettersFromSuperclassesAndFiringOnBothPaths() throws Exception {
    Compilation c = Harness.compile(Harness.SHOP_PLAN, List.of(
        JavaFileObjects.forResource("more/com/more/Accounts.java"),
        JavaFileObjects.forResource("more/com/more/NonNull.java"),
        JavaFileObjects.forResource("more/com/more/Driver.java")));
    assertThat(c).succeededWithoutWarnings();
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      Harness.load(c).loadClass("com.more.Driver").getMethod("run").invoke(null);
      assertThat(recorder.calls).containsExactly(
          "identify person(id=cust-7, anon=visitor-3) {\"email\":\"grace@example.com\",\"is_vip\":true,"
              + "\"first_name\":\"Grace\"}",
          "track person(id=cust-7, anon=null) subscription_created {\"subscription_id\":\"sub-1\","
              + "\"plan\":\"monthly\",\"interval_days\":30} at=now dedupe=sub-1",
          "track person(id=cust-7, anon=null) order_refunded {\"refund_id\":\"ref-1\",\"order_id\":\"ord-1\","
              + "\"amount\":5.00,\"currency\":\"EUR\"} at=now dedupe=ref-1",
          "track person(id=cust-7, anon=null) order_refunded {\"refund_id\":\"ref-1\",\"order_id\":\"ord-1\","
              + "\"amount\":5.00,\"currency\":\"EUR\"} at=now dedupe=ref-1",
          "track person(id=cust-8, anon=null) product_viewed {\"sku\":\"SKU-9\",\"category\":\"tea\","
              + "\"price\":3.0} at=now");
    }
  }

  @Test
  void typeVariablesOfTheSameNameInDifferentMethodsAreNotConfused() throws Exception {
    javax.tools.JavaFileObject svc = DiagnosticsTest.svc(
        "  public record A(String alpha) {}",
        "  public record B(long beta) {}",
        "  @TrackEvent(\"a_seen\")",
        "  public <T extends A> void a(@CustomerId String id, @Payload T value) {}",
        "  @TrackEvent(\"b_seen\")",
        "  public <T extends B> void b(@CustomerId String id, @Payload T value) {}");
    Compilation c = Harness.compile(null, svc);
    assertThat(c).succeeded();
    String catalog = Harness.resourceText(c, TrackweaveProcessor.CATALOG_JSON);
    com.fasterxml.jackson.databind.JsonNode events = new com.fasterxml.jackson.databind.ObjectMapper().readTree(catalog).get("events");
    assertThat(events.get(0).get("fires").get(0).get("properties").get(0).get("name").asText()).isEqualTo("alpha");
    assertThat(events.get(1).get("fires").get(0).get("properties").get(0).get("name").asText()).isEqualTo("beta");
  }

  @Test
  void privateStaticDefaultAndNestedMethodsGetMappersButLocalClassesAreNotSeen() {
    // javac shows annotation processors nothing inside method bodies, so a local class's method is not indexed
    javax.tools.JavaFileObject svc = DiagnosticsTest.svc(
        "  @TrackEvent(\"a\") private void hidden(@CustomerId String id) {}",
        "  @TrackEvent(\"b\") static void shared(@CustomerId String id) {}",
        "  public interface Api { @TrackEvent(\"c\") default void call(@CustomerId String id) {} }",
        "  static final class Inner { @TrackEvent(\"d\") void run(@CustomerId String id) {} }",
        "  void outer() {",
        "    class Local { @TrackEvent(\"e\") void go(@CustomerId String id) {} }",
        "  }");
    Compilation c = Harness.compile(null, svc);
    assertThat(c).succeeded();
    assertThat(Harness.resourceText(c, TrackweaveProcessor.INDEX).lines().skip(1).toList()).containsExactly(
        "com.shop.Svc hidden (Ljava/lang/String;)V com.shop.Svc_hidden_TrackweaveMapper",
        "com.shop.Svc shared (Ljava/lang/String;)V com.shop.Svc_shared_TrackweaveMapper",
        "com.shop.Svc$Api call (Ljava/lang/String;)V com.shop.Svc_Api_call_TrackweaveMapper",
        "com.shop.Svc$Inner run (Ljava/lang/String;)V com.shop.Svc_Inner_run_TrackweaveMapper");
  }

  @Test
  void payloadGettersAreNamedByTheSharedAccessorRule() throws Exception {
    // the processor (compile time) and the agent's reflective fallback (run time) name a getter the same way,
    // because both ask io.trackweave.api.internal.PropertyNames; only the processor's own checks (public, not static,
    // no parameters, no type parameters) come on top
    javax.tools.JavaFileObject svc = DiagnosticsTest.svc(
        "  public static class P {",
        "    public String getURL() { return null; }",
        "    public String getOrderId() { return null; }",
        "    public Boolean isActive() { return null; }",
        "    public boolean isOn() { return true; }",
        "    public String isText() { return null; }",
        "    public String getlower() { return null; }",
        "    public String get() { return null; }",
        "    public static String getStatic() { return null; }",
        "    public String getWith(int i) { return null; }",
        "    public <T> T getGeneric() { return null; }",
        "    String getHidden() { return null; }",
        "  }",
        "  @TrackEvent(\"p_seen\")",
        "  public void p(@CustomerId String id, @Payload P p) {}");
    Compilation c = Harness.compile(null, svc);
    assertThat(c).succeeded();
    com.fasterxml.jackson.databind.JsonNode properties = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Harness.resourceText(c, TrackweaveProcessor.CATALOG_JSON))
        .get("events").get(0).get("fires").get(0).get("properties");
    List<String> mapped = new java.util.ArrayList<>();
    properties.forEach(p -> mapped.add(p.get("name").asText()));
    List<String> expected = new java.util.ArrayList<>();
    for (String[] getter : List.of(new String[] {"getURL", "String"}, new String[] {"getOrderId", "String"},
        new String[] {"isActive", "Boolean"}, new String[] {"isOn", "boolean"}, new String[] {"isText", "String"},
        new String[] {"getlower", "String"}, new String[] {"get", "String"})) {
      String property = io.trackweave.api.internal.PropertyNames.accessorProperty(getter[0],
          getter[1].equalsIgnoreCase("boolean"), false);
      if (property != null) {
        expected.add(io.trackweave.api.internal.PropertyNames.snakeCase(property));
      }
    }
    assertThat(expected).containsExactly("url", "order_id", "active", "on");
    assertThat(mapped).containsExactlyElementsOf(expected);
  }
}
