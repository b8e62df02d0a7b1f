package io.trackweave.testkit.activity;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.plan.PlanLoader;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Chromium;
import io.trackweave.testkit.support.Ulids;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The activity log page in a real headless Chromium: what a person would see, after the script ran. */
class ActivityPageBrowserTest {
  static final String XSS_ATTRIBUTE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','attr')\">";
  static final String XSS_EVENT = "<script>document.body.setAttribute('data-pwned','event')</script>";

  static TrackApiEmulator emulator;
  static Chromium chromium;
  static Path workDir;

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.require();
    workDir = Files.createDirectories(Path.of("target", "chromium"));
    Path plan = Path.of(ActivityPageBrowserTest.class.getResource("/shop-tracking-plan.yaml").toURI());
    emulator = TrackApiEmulator.builder().plan(PlanLoader.load(plan)).start();
    ApiClient api = new ApiClient(emulator);
    api.put("/api/v1/customers/42", json("{'email':'jane@example.com','first_name':'Jane','customer_type':'registered','sms_opt_in':true}"));
    api.post("/api/v2/batch", json("{'batch':["
        + "{'type':'person','identifiers':{'id':'42'},'action':'event','id':'" + Ulids.next() + "','name':'checkout_started',"
        + "'attributes':{'checkout_id':'c-1','cart_value':30.5,'currency':'EUR','items':[{'sku':'s-1','product_name':'Socks','quantity':2,'unit_price':15.25}]}},"
        + "{'type':'person','identifiers':{'id':'42'},'action':'event','id':'" + Ulids.next() + "','name':'order_completed',"
        + "'attributes':{'order_id':'o-1','revenue':30.5,'currency':'BTC','is_first_order':true,'items':[]}},"
        + "{'type':'person','identifiers':{'id':'42'},'action':'event'}]}"));
    api.post("/api/v1/events", json("{'name':'product_viewed','anonymous_id':'guest-7','data':{'sku':'s-9','category':'socks','price':9.5}}"));
    api.put("/api/v1/customers/evil", "{\"first_name\":" + ApiClient.JSON.writeValueAsString(XSS_ATTRIBUTE) + "}");
    api.post("/api/v1/customers/evil/events", "{\"name\":" + ApiClient.JSON.writeValueAsString(XSS_EVENT) + ",\"data\":{\"note\":\"</pre><b>bold</b>\"}}");
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void rendersPeopleEventsViolationsAndCounts() throws Exception {
    String dom = chromium.dumpDom(emulator.url().toString(), 3000, workDir);

    assertThat(dom).contains("data-state=\"live\"");
    assertThat(dom).contains("plan shop-retention v1");
    // people with their attributes
    assertThat(dom).contains("data-person=\"42\"").contains("jane@example.com").contains("first_name").contains("\"Jane\"");
    // events with their properties, newest first
    assertThat(dom).contains("data-event=\"checkout_started\"").contains("data-event=\"order_completed\"").contains("\"checkout_id\": \"c-1\"");
    assertThat(dom.indexOf("data-event=\"order_completed\"")).isLessThan(dom.indexOf("data-event=\"checkout_started\""));
    // the violating event is marked, with its violations spelled out
    assertThat(dom).containsPattern("class=\"event violated\" data-event=\"order_completed\"");
    assertThat(dom).containsPattern("class=\"event\" data-event=\"checkout_started\"");
    assertThat(dom).contains("class=\"violations\"").contains("currency").contains("BTC");
    assertThat(dom).containsPattern("class=\"person violated\" data-person=\"42\"");
    // anonymous events, calls and counts
    assertThat(dom).contains("data-anonymous=\"guest-7\"").contains("product_viewed");
    assertThat(dom).contains("POST /api/v2/batch").contains(">207<").contains("rejected");
    assertThat(dom).containsPattern("data-count=\"people\"><div class=\"n\">2<");
    assertThat(dom).containsPattern("class=\"count alert\" data-count=\"violations\"");
  }

  @Test
  void escapesEverythingItShows() throws Exception {
    String dom = chromium.dumpDom(emulator.url().toString(), 3000, workDir);
    assertThat(dom).contains("data-person=\"evil\"");
    assertThat(dom).as("no injected script or handler ran").doesNotContain("data-pwned=");
    assertThat(dom).contains("&lt;img src=x onerror=");
    assertThat(dom).contains("&lt;script&gt;document.body.setAttribute");
    assertThat(dom).contains("&lt;/pre&gt;&lt;b&gt;bold&lt;/b&gt;");
    assertThat(dom).doesNotContain("<b>bold</b>");
  }

  @Test
  void keepsAScreenshot() throws Exception {
    Path png = Path.of(System.getProperty("trackweave.testkit.screenshot", "target/activity-page.png"));
    Files.deleteIfExists(png);
    chromium.screenshot(emulator.url().toString(), png, 1280, 900, 3000, workDir);
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
