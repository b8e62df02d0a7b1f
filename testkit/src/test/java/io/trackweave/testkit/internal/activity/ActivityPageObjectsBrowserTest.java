package io.trackweave.testkit.internal.activity;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Objects and each person's relationships on the activity page, in a real headless Chromium. */
class ActivityPageObjectsBrowserTest {
  static final String XSS_OBJECT = "<img src=x onerror=\"document.body.setAttribute('data-pwned','object')\">";

  @RegisterExtension
  static final TrackApiExtension testkit = TrackApiExtension.create().withoutRuntime();

  @Test
  void showsObjectsTheirAttributesAndWhoIsRelated() throws Exception {
    TrackApiEmulator emulator = testkit.emulator();
    ApiClient api = new ApiClient(emulator);
    api.post("/api/v2/batch", json("{'batch':["
        + "{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'email':'jane@example.com'}},"
        + "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},'action':'identify',"
        + "'attributes':{'name':'Acme','plan':'enterprise'},"
        + "'cio_relationships':[{'identifiers':{'id':'42'},'relationship_attributes':{'role':'admin'}}]},"
        + "{'type':'object','identifiers':{'object_type_id':'2','object_id':'sub-42'},'action':'identify_anonymous',"
        + "'cio_relationships':[{'identifiers':{'anonymous_id':'visitor-9'}}]}]}"));
    api.post("/api/v2/entity", "{\"type\":\"object\",\"identifiers\":{\"object_type_id\":\"3\",\"object_id\":"
        + ApiClient.JSON.writeValueAsString(XSS_OBJECT) + "},\"action\":\"identify\",\"attributes\":{\"note\":"
        + ApiClient.JSON.writeValueAsString(XSS_OBJECT) + "}}");

    Chromium chromium = Chromium.require();
    Path workDir = Files.createDirectories(Path.of("target", "chromium"));
    String dom = chromium.dumpDom(emulator.url().toString(), 3000, workDir);

    assertThat(dom).contains("data-state=\"live\"");
    // each object with its type, attributes and the people related to it
    assertThat(dom).contains("<span id=\"objects-count\" class=\"badge\">3</span>");
    int acme = dom.indexOf("data-object=\"1/acme\"");
    assertThat(acme).isPositive();
    String card = dom.substring(acme, dom.indexOf("</article>", acme));
    assertThat(card).contains("type 1").contains("cio_object_id ob").contains("plan").contains("\"enterprise\"");
    assertThat(card).contains("data-related=\"42\"").contains("42 {\"role\":\"admin\"}");
    assertThat(dom).contains("data-related=\"anonymous visitor-9\"");
    // each person's relationships on their card
    int jane = dom.indexOf("data-person=\"42\"");
    String person = dom.substring(jane, dom.indexOf("</article>", jane));
    assertThat(person).contains("data-related-to=\"1/acme\"").contains("related to 1/acme {\"role\":\"admin\"}");
    // counts
    assertThat(dom).containsPattern("data-count=\"objects\"><div class=\"n\">3<");
    assertThat(dom).containsPattern("data-count=\"relationships\"><div class=\"n\">2<");
    // the calls, in words
    assertThat(dom).contains("object identify 1/acme [1/acme ~ id=42]");
    // markup in an object's id or attributes is shown, never run
    assertThat(dom).as("no injected script or handler ran").doesNotContain("data-pwned=");
    assertThat(dom).contains("&lt;img src=x onerror=");
  }
}
