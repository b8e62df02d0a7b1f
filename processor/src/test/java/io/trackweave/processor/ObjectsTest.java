package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.trackweave.api.internal.MapperDispatch;
import io.trackweave.processor.write.Catalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Methods that identify, relate and delete Customer.io objects, against a plan with an {@code objects}
 * section: they compile cleanly, their mappers make exactly these tracker calls (with the plan's type_id),
 * the index names them for weaving, and the catalog lists the object types and who writes them.
 */
class ObjectsTest {
  static final String PLAN = "plans/objects-plan.yaml";

  static List<JavaFileObject> sources() {
    return List.of(JavaFileObjects.forResource("objects/com/acme/Tier.java"),
        JavaFileObjects.forResource("objects/com/acme/Subscription.java"),
        JavaFileObjects.forResource("objects/com/acme/Subscriptions.java"));
  }

  static Compilation compile() {
    return Harness.compile(PLAN, sources());
  }

  @Test
  void mappersCallTheTrackersObjectMethodsWithThePlansTypeId() throws Exception {
    Compilation c = compile();
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = Harness.load(c);
    Class<?> tier = loader.loadClass("com.acme.Tier");
    Object pro = tier.getEnumConstants()[1];
    Object subscription = loader.loadClass("com.acme.Subscriptions").getConstructor().newInstance();
    Object result = subscription.getClass().getMethod("subscribe", String.class, tier).invoke(subscription, "c-1", pro);
    UUID id = UUID.fromString("00000000-0000-0000-0000-00000000002a");
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      dispatch(loader, "subscribe", new Object[] {"c-1", pro}, result);
      dispatch(loader, "subscribe", new Object[] {null, pro}, result);
      dispatch(loader, "invite", new Object[] {7L, "sub-9", "member", 4}, null);
      dispatch(loader, "invite", new Object[] {7L, "sub-9", "admin", 4}, null);
      dispatch(loader, "invite", new Object[] {7L, null, "member", 4}, null);
      dispatch(loader, "reprice", new Object[] {id, new BigDecimal("9.90")}, null);
      dispatch(loader, "purge", new Object[] {"sub-9"}, null);
      dispatch(loader, "cancel", new Object[] {result}, null);
      dispatch(loader, "cancel", new Object[] {null}, null);
      dispatch(loader, "start", new Object[] {"c-1", "pro", 12L, "Acme"}, null);
      assertThat(recorder.calls).containsExactly(
          "identifyObject object(2/sub-c-1) {\"plan\":\"pro\",\"renews_at\":1700000000,\"seats\":3}"
              + " related person(id=c-1, anon=null)",
          "violation null null: object subscription not related to a person: the customer id is null"
              + " (com.acme.Subscriptions#subscribe)",
          "identifyObject object(2/sub-c-1) {\"plan\":\"pro\",\"renews_at\":1700000000,\"seats\":3}",
          "identifyObject object(2/sub-9) {\"seats\":4} related person(id=7, anon=null)",
          "relate person(id=7, anon=null) object(2/sub-9) {\"role\":\"member\"}",
          "identifyObject object(2/sub-9) {\"seats\":4} related person(id=7, anon=null)",
          "violation null subscription.relationship.role: value is not one of the plan's enum values [owner, member]",
          "relate person(id=7, anon=null) object(2/sub-9) {}",
          "violation null null: object subscription not sent: the object id is null"
              + " (com.acme.Subscriptions#invite)",
          "identifyObject object(2/" + id + ") {\"price\":9.90}",
          "deleteObject object(2/sub-9)",
          "deleteObject object(2/sub-c-1)",
          "violation null null: object subscription not sent: the object id is null"
              + " (com.acme.Subscriptions#cancel)",
          "identifyObject object(1/12) {\"name\":\"Acme\"}",
          "track person(id=c-1, anon=null) subscription_started {\"plan\":\"pro\"} at=now");
    }
  }

  private static void dispatch(ClassLoader loader, String method, Object[] args, Object result) throws Exception {
    MapperDispatch.exit(loader.loadClass("com.acme.Subscriptions_" + method + "_TrackweaveMapper"), args, result, null);
  }

  @Test
  void theIndexNamesEveryObjectMethodForWeaving() {
    String index = Harness.resourceText(compile(), TrackweaveProcessor.INDEX);
    assertThat(index).contains(
        "com.acme.Subscriptions subscribe (Ljava/lang/String;Lcom/acme/Tier;)Lcom/acme/Subscription;"
            + " com.acme.Subscriptions_subscribe_TrackweaveMapper",
        "com.acme.Subscriptions invite (JLjava/lang/String;Ljava/lang/String;I)V"
            + " com.acme.Subscriptions_invite_TrackweaveMapper",
        "com.acme.Subscriptions purge (Ljava/lang/String;)V com.acme.Subscriptions_purge_TrackweaveMapper",
        "com.acme.Subscriptions reprice (Ljava/util/UUID;Ljava/math/BigDecimal;)V"
            + " com.acme.Subscriptions_reprice_TrackweaveMapper",
        "com.acme.Subscriptions start (Ljava/lang/String;Ljava/lang/String;JLjava/lang/String;)V"
            + " com.acme.Subscriptions_start_TrackweaveMapper");
  }

  @Test
  void theCatalogListsObjectTypesAndTheMethodsThatWriteThem() throws Exception {
    Compilation c = compile();
    JsonNode catalog = new ObjectMapper().readTree(Harness.resourceText(c, TrackweaveProcessor.CATALOG_JSON));
    JsonNode objects = catalog.get("objects");
    assertThat(objects).extracting(o -> o.get("name").asText() + "=" + o.get("type_id").asText())
        .containsExactly("account=1", "subscription=2");
    JsonNode subscription = objects.get(1);
    assertThat(subscription.get("description").asText()).isEqualTo("A customer's paid plan.");
    assertThat(subscription.get("attributes")).extracting(a -> a.get("name").asText() + ":" + a.get("type").asText())
        .containsExactly("plan:string", "renews_at:integer (unix-time)", "seats:integer", "price:number");
    assertThat(subscription.get("relationship")).extracting(a -> a.get("name").asText()).containsExactly("role");
    assertThat(subscription.get("written_by")).extracting(w -> w.get("where").asText() + " " + w.get("action").asText()
        + " " + w.get("relate").asBoolean()).containsExactly(
            "com.acme.Subscriptions#cancel delete false",
            "com.acme.Subscriptions#invite identify true",
            "com.acme.Subscriptions#purge delete false",
            "com.acme.Subscriptions#reprice identify false",
            "com.acme.Subscriptions#subscribe identify true");
    JsonNode invite = subscription.get("written_by").get(1);
    assertThat(invite.get("attributes")).extracting(a -> a.get("name").asText() + " from " + a.get("from").asText())
        .containsExactly("seats from parameter 'seats'");
    assertThat(invite.get("relationship")).extracting(a -> a.get("name").asText()).containsExactly("role");

    String md = Harness.resourceText(c, TrackweaveProcessor.CATALOG_MD);
    assertThat(md).contains("## Objects\n\n### account (type_id 1)\n\n"
        + "- `com.acme.Subscriptions#start` identifies it on RETURN; attributes `name`\n");
    assertThat(md).contains("### subscription (type_id 2)\n\nA customer's paid plan.\n\n");
    assertThat(md).contains("- `com.acme.Subscriptions#invite` identifies it on RETURN, relating the person;"
        + " attributes `seats`; relationship `role`\n");
    assertThat(md).contains("- `com.acme.Subscriptions#purge` deletes it on RETURN\n");
  }

  @Test
  void anIncrementalBuildKeepsTheObjectWritesOfClassesItDidNotRecompile() throws Exception {
    String json = Harness.resourceText(compile(), TrackweaveProcessor.CATALOG_JSON);
    String invite = "com.acme.Subscriptions_invite_TrackweaveMapper";
    List<Catalog.Entry> kept = Catalog.retained(json, Map.of(invite, "(JLjava/lang/String;Ljava/lang/String;I)V"));
    assertThat(kept).singleElement().satisfies(e -> {
      assertThat(e.where()).isEqualTo("com.acme.Subscriptions#invite");
      assertThat(e.object()).isEqualTo(new Catalog.ObjectWrite("subscription", "identify", true,
          List.of(new Catalog.Attribute("seats", "integer", "parameter 'seats'")),
          List.of(new Catalog.Attribute("role", "string", "parameter 'role'"))));
    });
    // written again from the kept entry alone, the catalog still says who writes the object
    JsonNode again = new ObjectMapper().readTree(new Catalog(null, List.of(), kept).json());
    assertThat(again.get("objects").get(0).get("written_by").get(0).get("mapper").asText()).isEqualTo(invite);
  }
}
