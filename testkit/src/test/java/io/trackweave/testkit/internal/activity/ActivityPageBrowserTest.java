package io.trackweave.testkit.internal.activity;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.plan.PlanLoader;
import io.trackweave.testkit.ManualClock;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Chromium;
import io.trackweave.testkit.support.Ulids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The activity log page in a real headless Chromium: what a person would see, after the script ran. */
class ActivityPageBrowserTest {
  static final String XSS_ATTRIBUTE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','attr')\">";
  static final String XSS_EVENT = "<script>document.body.setAttribute('data-pwned','event')</script>";
  static final String XSS_PERSON = "<img src=x onerror=\"document.body.setAttribute('data-pwned','journey')\">";

  static TrackApiEmulator emulator;
  static Chromium chromium;
  static Path workDir;

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.require();
    workDir = Files.createDirectories(Path.of("target", "chromium"));
    Path plan = Path.of(ActivityPageBrowserTest.class.getResource("/shop-tracking-plan.yaml").toURI());
    ManualClock clock = ManualClock.ofSystemTime();
    emulator = TrackApiEmulator.builder().plan(PlanLoader.load(plan)).clock(clock).start();
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

    // journeys: ada abandons checkout (would be messaged after 2 hours), a backfilled checkout cannot trigger,
    // and a person whose id is markup enters too
    String checkout = "'checkout_id':'c-9','cart_value':20,'currency':'USD','items':[{'sku':'s','product_name':'p','quantity':1,'unit_price':20}]";
    api.put("/api/v1/customers/ada", json("{'email':'ada@example.com','email_opt_in':true,'created_at':1700000000}"));
    api.post("/api/v1/customers/ada/events", json("{'name':'checkout_started','id':'" + Ulids.next() + "','data':{" + checkout + "}}"));
    long old = clock.instant().getEpochSecond() - Duration.ofHours(80).toSeconds();
    api.post("/api/v1/customers/ada/events", json("{'name':'checkout_started','id':'" + Ulids.next() + "','timestamp':" + old + ",'data':{" + checkout + "}}"));
    api.post("/api/v2/batch", "{\"batch\":[{\"type\":\"person\",\"identifiers\":{\"id\":" + ApiClient.JSON.writeValueAsString(XSS_PERSON)
        + "},\"action\":\"identify\",\"attributes\":{\"email\":\"x@example.com\",\"email_opt_in\":true}},"
        + "{\"type\":\"person\",\"identifiers\":{\"id\":" + ApiClient.JSON.writeValueAsString(XSS_PERSON) + "},\"action\":\"event\",\"name\":\"checkout_started\","
        + "\"attributes\":" + json("{" + checkout + "}") + "}]}");
    // the same identify mistake three times: listed once, with a count
    for (int i = 0; i < 3; i++) {
      api.put("/api/v1/customers/repeat", json("{'customer_type':'gold'}"));
    }
    // an anonymous event six minutes after the identify that carried its id: not merged
    api.put("/api/v1/customers/late", json("{'anonymous_id':'visitor-late'}"));
    clock.advance(Duration.ofMinutes(6));
    api.post("/api/v1/events", json("{'name':'product_viewed','anonymous_id':'visitor-late','data':{'sku':'s-1','category':'c','price':1}}"));
    clock.advance(Duration.ofHours(2));
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
    int card42 = dom.indexOf("data-person=\"42\"");
    String person42 = dom.substring(card42, dom.indexOf("</article>", card42));
    assertThat(person42.indexOf("data-event=\"order_completed\"")).isLessThan(person42.indexOf("data-event=\"checkout_started\""));
    // the violating event is marked, with its violations spelled out
    assertThat(dom).containsPattern("class=\"event violated\" data-event=\"order_completed\"");
    assertThat(dom).containsPattern("class=\"event\" data-event=\"checkout_started\"");
    assertThat(dom).contains("class=\"violations\"").contains("currency").contains("BTC");
    assertThat(dom).containsPattern("class=\"person violated\" data-person=\"42\"");
    // anonymous events, calls and counts
    assertThat(dom).contains("data-anonymous=\"guest-7\"").contains("product_viewed");
    assertThat(dom).contains("POST /api/v2/batch").contains(">207<").contains("rejected");
    assertThat(dom).containsPattern("data-count=\"people\"><div class=\"n\">6<");
    assertThat(dom).containsPattern("class=\"count alert\" data-count=\"violations\"");
  }

  @Test
  void showsJourneysTriggersMergesDatesTotalsAndRepeatedViolations() throws Exception {
    String dom = chromium.dumpDom(emulator.url().toString(), 3000, workDir);

    // the clock was moved: the page says so
    assertThat(dom).containsPattern("<div id=\"clock\" class=\"plan\">emulator clock ");
    // each journey, with who entered, what they would be sent, and the event that decided it
    assertThat(dom).contains("data-journey=\"cart_recovery\"").contains("data-journey=\"post_purchase\"");
    assertThat(dom).containsPattern("data-enrolment=\"ada\" data-state=\"active\"");
    assertThat(dom).contains("data-would-message=\"cart_reminder_email\"").contains("would message cart_reminder_email at");
    assertThat(dom).contains("enrolled by checkout_started #");
    assertThat(dom).containsPattern("data-stat=\"entered\"><b>2</b>");
    assertThat(dom).containsPattern("data-stat=\"would message\"><b>2</b>");
    assertThat(dom).contains("not enrolled by checkout_started").contains("(email_opt_in = true does not hold)");
    assertThat(dom).contains("cannot trigger: its timestamp is 80h old");
    // can trigger: yes / no on each event
    assertThat(dom).contains("data-can-trigger=\"no\"").contains("data-can-trigger=\"yes\"");
    assertThat(dom).containsPattern("class=\"count alert\" data-count=\"cannot_trigger\"><div class=\"n\">1<");
    // the late anonymous event, shown as not merged, with why
    assertThat(dom).contains("data-not-merged=\"late\"").contains("identified as late — not merged");
    assertThat(dom).contains("not merged: arrived 6m 0s after the identify of late");
    // unix-time attributes as dates beside the number
    assertThat(dom).contains("1700000000<span class=\"date\" data-unix-time=\"created_at\">2023-11-14T22:13:20Z</span>");
    // per-event totals
    assertThat(dom).containsPattern("data-total=\"checkout_started\"><td>checkout_started</td><td class=\"n\">4</td><td class=\"n\">0</td><td class=\"n\">1</td>");
    // a repeated violation once, with its count
    assertThat(dom).containsPattern("data-person=\"repeat\"");
    int repeat = dom.indexOf("data-person=\"repeat\"");
    String card = dom.substring(repeat, dom.indexOf("</article>", repeat));
    assertThat(card).containsOnlyOnce("must be one of").contains("<span class=\"times\">×3</span>");
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
    assertThat(dom).contains("data-enrolment=\"&lt;img src=x onerror=");
  }

  @Test
  void keepsAScreenshot() throws Exception {
    Path png = Path.of(System.getProperty("trackweave.testkit.screenshot", "target/activity-page.png"));
    Files.deleteIfExists(png);
    chromium.screenshot(emulator.url().toString(), png, 1280, 900, 3000, workDir);
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
