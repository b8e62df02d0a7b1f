package io.trackweave.testkit.junit;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.support.ApiClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The object assertions, on objects and relationships posted to the emulator as raw Track API v2 calls (the
 * runtime's object calls are built elsewhere; these assertions do not care who sent them).
 */
class ObjectAssertionTest {
  @RegisterExtension
  static TrackApiExtension api = TrackApiExtension.create().withoutRuntime().timeout(Duration.ofMillis(300));

  ApiClient client;

  @BeforeEach
  void connect() {
    client = new ApiClient(api.emulator());
    client.post("/api/v2/batch", json("{'batch':["
        + "{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'email':'jane@example.com'}},"
        + "{'type':'object','identifiers':{'object_type_id':'1','object_id':'sub-42'},'action':'identify',"
        + "'attributes':{'plan':'pro','seats':3},"
        + "'cio_relationships':[{'identifiers':{'id':'42'},'relationship_attributes':{'role':'owner'}}]}]}"));
  }

  @Test
  void anObjectWithItsAttributesAndRelatedPeople() {
    ObjectView sub = api.assertThat().object("1", "sub-42").withAttribute("plan", "pro").withAttribute("seats", 3)
        .withoutAttribute("trial").relatedTo("42").relatedTo("jane@example.com", "role", "owner")
        .notRelatedTo("43").exists();
    assertThat(sub.cioObjectId()).isNotBlank();
    PersonView jane = api.assertThat().identified("42").relatedTo("1", "sub-42").notRelatedTo("1", "sub-43").exists();
    assertThat(jane.relationships()).hasSize(1);
    api.assertThat().object("1", "sub-43").doesNotExist();
  }

  @Test
  void failureMessagesListTheObjectsReceived() {
    assertThatThrownBy(() -> api.assertThat().object("1", "sub-42").withAttribute("plan", "basic").exists())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected object 1/sub-42 with plan = \"basic\" to exist")
        .hasMessageContaining("found it with attributes {\"plan\":\"pro\",\"seats\":3}")
        .hasMessageContaining("Objects received (1):")
        .hasMessageContaining("1/sub-42")
        .hasMessageContaining("related to [42 {\"role\":\"owner\"}]");
    assertThatThrownBy(() -> api.assertThat().object("1", "sub-42").relatedTo("43").exists())
        .hasMessageContaining("with related to 43 to exist");
    assertThatThrownBy(() -> api.assertThat().object("2", "sub-42").exists())
        .hasMessageContaining("there is no object 2/sub-42");
    assertThatThrownBy(() -> api.assertThat().identified("42").relatedTo("2", "sub-42").exists())
        .hasMessageContaining("Expected person 42 with related to object 2/sub-42 to exist")
        .hasMessageContaining("related to [1/sub-42]");
  }

  @Test
  void aDeletedObjectNoLongerExistsNorIsAnyoneRelatedToIt() {
    client.post("/api/v2/entity",
        json("{'type':'object','identifiers':{'object_type_id':'1','object_id':'sub-42'},'action':'delete'}"));
    api.assertThat().object("1", "sub-42").doesNotExist();
    api.assertThat().identified("42").notRelatedTo("1", "sub-42").exists();
    assertThatThrownBy(() -> api.assertThat().object("1", "sub-42").exists())
        .hasMessageContaining("Objects received (0): none");
  }
}
