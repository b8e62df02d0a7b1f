package io.trackweave.testkit.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A person as the emulator holds them (a copy).
 *
 * @param cioId the emulator-assigned cio_id (address it as {@code cio_<cioId>} in v1 paths)
 * @param id the person's id, or null
 * @param email the person's email, or null
 * @param phone the person's phone, or null
 * @param attributes the merged attributes
 * @param events the person's events in arrival order (merged anonymous events included)
 * @param devices the person's devices
 * @param anonymousIds the anonymous ids whose events were merged into this person
 * @param violations plan violations of identify calls for this person, oldest first (bounded)
 * @param relationships the objects this person is related to, in the order they were related
 */
public record PersonView(
    String cioId,
    String id,
    String email,
    String phone,
    ObjectNode attributes,
    List<EventView> events,
    List<DeviceView> devices,
    List<String> anonymousIds,
    List<PlanViolation> violations,
    Instant createdAt,
    Instant updatedAt,
    List<RelationshipView> relationships) {

  public PersonView {
    events = List.copyOf(events);
    devices = List.copyOf(devices);
    anonymousIds = List.copyOf(anonymousIds);
    violations = List.copyOf(violations);
    relationships = List.copyOf(relationships);
  }

  /** True when this person is related to the object {@code objectTypeId}/{@code objectId}. */
  public boolean isRelatedTo(String objectTypeId, String objectId) {
    return relationships.stream().anyMatch(r -> r.isTo(objectTypeId, objectId));
  }

  /** This person's identifiers, the one place that decides who an identifier names and how to show it. */
  public PersonRef ref() {
    return new PersonRef(cioId, id, email, phone);
  }

  /** True when {@code identifier} is this person's id, email (any case), cio_id or phone. */
  public boolean isKnownAs(String identifier) {
    return ref().isKnownAs(identifier);
  }

  /** The best name to show: id, else email, else phone, else {@code cio_<cioId>}. */
  public String displayName() {
    return ref().displayName();
  }
}
