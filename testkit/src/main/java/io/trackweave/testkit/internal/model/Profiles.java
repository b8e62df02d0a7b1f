package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.DeviceView;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.PlanViolation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Customer.io's person operations on profiles: identify (create or update, {@code _update} refusing to create),
 * delete, add and delete a device, merge, suppress and unsuppress. Each finds the person by identifier, refuses
 * what Customer.io refuses (with the reason in the note), and changes the profile; moving activity between owners
 * is {@link Merges}' job.
 *
 * <p>Not thread-safe: {@link Workspace} calls it under its lock.
 */
final class Profiles {
  /** Identify attributes that steer the call rather than being stored on the person. */
  private static final Set<String> RESERVED_ATTRIBUTES =
      Set.of("_update", "_timestamp", "anonymous_id", "id", "cio_id", "cio_relationships");

  private final Clock clock;
  private final IdentityIndex identities;
  private final EventStore events;
  private final ObjectBook objects;
  private final JourneyBook journeys;
  private final Merges merges;

  Profiles(Clock clock, IdentityIndex identities, EventStore events, ObjectBook objects, JourneyBook journeys) {
    this.clock = clock;
    this.identities = identities;
    this.events = events;
    this.objects = objects;
    this.journeys = journeys;
    this.merges = new Merges(clock, identities, events, objects, journeys);
  }

  Applied identify(Operation.Identify op, List<PlanViolation> planViolations) {
    Identifier who = op.who();
    if (who == null) {
      return Applied.ignored("identify without an identifier: dropped");
    }
    if (identities.isSuppressed(who)) {
      return Applied.ignored(who + " is suppressed: identify ignored");
    }
    JsonNode bodyId = op.attributes().get("id");
    JsonNode bodyEmail = op.attributes().get("email");
    List<Identifier> alsoKnownAs = new ArrayList<>(2);
    if (bodyId != null && bodyId.isTextual()) {
      alsoKnownAs.add(Identifier.id(bodyId.asText()));
    }
    if (bodyEmail != null && bodyEmail.isTextual()) {
      alsoKnownAs.add(Identifier.email(bodyEmail.asText()));
    }
    IdentityIndex.Found found = identities.findOrCreate(who, alsoKnownAs, !op.updateOnly());
    if (found == null) {
      return Identifier.CIO_ID.equals(who.type())
          ? Applied.ignored("no person with cio_id " + who.value() + ": identify dropped")
          : Applied.ignored("Failed Attribute Change: no person with " + who + " and _update is set");
    }
    PersonRecord person = found.person();
    String note = (found.created() ? "created person cio_" : "updated person cio_") + person.cioId;
    StringBuilder problems = new StringBuilder();
    identities.assign(person, who, problems);
    if (bodyId != null && bodyId.isTextual()) {
      identities.assign(person, Identifier.id(bodyId.asText()), problems);
    }
    for (Map.Entry<String, JsonNode> field : op.attributes().properties()) {
      String name = field.getKey();
      if (RESERVED_ATTRIBUTES.contains(name)) {
        continue;
      }
      JsonNode value = field.getValue();
      if ("email".equals(name) && value.isTextual()) {
        identities.assign(person, Identifier.email(value.asText()), problems);
      }
      if (value.isNull()) {
        person.attributes.remove(name);
      } else {
        person.attributes.set(name, value.deepCopy());
      }
    }
    person.addViolations(planViolations);
    if (op.anonymousId() != null && !op.anonymousId().isEmpty()) {
      note += merges.anonymous(person, op.anonymousId());
    }
    note += objects.relateAll(person, op.relationships(), !op.deleteRelationships());
    person.updatedAt = clock.instant();
    return Applied.done(note + problems);
  }

  Applied delete(Operation.Delete op) {
    PersonRecord person = identities.find(op.who());
    if (person == null) {
      return Applied.ignored("no person with " + op.who() + ": nothing deleted");
    }
    journeys.onRemove(person, clock.instant(), "person deleted");
    remove(person);
    return Applied.done("deleted person cio_" + person.cioId);
  }

  Applied addDevice(Operation.AddDevice op) {
    if (identities.isSuppressed(op.who())) {
      return Applied.ignored(op.who() + " is suppressed: device ignored");
    }
    IdentityIndex.Found found = identities.findOrCreate(op.who(), List.of(), true);
    if (found == null) {
      return Applied.ignored("no person with cio_id " + op.who().value() + ": device dropped");
    }
    PersonRecord person = found.person();
    ObjectNode attributes =
        op.attributes() != null ? op.attributes().deepCopy() : JsonNodeFactory.instance.objectNode();
    person.devices.put(op.token(), new DeviceView(op.token(), op.platform(), op.lastUsed(), attributes));
    person.updatedAt = clock.instant();
    return Applied.done("device added to cio_" + person.cioId
        + (found.created() ? "; created person cio_" + person.cioId : ""));
  }

  Applied deleteDevice(Operation.DeleteDevice op) {
    PersonRecord person = identities.find(op.who());
    if (person == null || person.devices.remove(op.token()) == null) {
      return Applied.ignored("no such device for " + op.who() + ": nothing deleted");
    }
    person.updatedAt = clock.instant();
    return Applied.done("device removed from cio_" + person.cioId);
  }

  Applied merge(Operation.Merge op) {
    PersonRecord primary = identities.find(op.primary());
    if (primary == null) {
      return Applied.ignored("primary " + op.primary() + " does not exist: nothing merged");
    }
    PersonRecord secondary = identities.find(op.secondary());
    if (secondary == null) {
      return Applied.ignored("secondary " + op.secondary() + " does not exist: nothing merged");
    }
    if (primary == secondary) {
      return Applied.ignored("primary and secondary are the same person: nothing merged");
    }
    merges.people(primary, secondary);
    remove(secondary);
    primary.updatedAt = clock.instant();
    return Applied.done("merged cio_" + secondary.cioId + " into cio_" + primary.cioId);
  }

  Applied suppress(Operation.Suppress op) {
    PersonRecord person = identities.find(op.who());
    identities.suppress(op.who());
    if (person == null) {
      return Applied.done(op.who() + " suppressed (no profile to delete)");
    }
    // suppressing deletes the profile and blocks each of its identifiers
    if (person.id != null) {
      identities.suppress(Identifier.id(person.id));
    }
    if (person.email != null) {
      identities.suppress(Identifier.email(person.email));
    }
    journeys.onRemove(person, clock.instant(), "person suppressed");
    remove(person);
    return Applied.done("person cio_" + person.cioId + " deleted and suppressed");
  }

  Applied unsuppress(Operation.Unsuppress op) {
    if (!identities.unsuppress(op.who())) {
      return Applied.ignored(op.who() + " was not suppressed");
    }
    return Applied.done(op.who() + " unsuppressed");
  }

  /** Forgets a person everywhere: identifiers, events, relationships. */
  private void remove(PersonRecord person) {
    identities.remove(person);
    events.forget(person);
    objects.forget(person);
  }
}
