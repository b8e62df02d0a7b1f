package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.DeviceView;
import io.trackweave.testkit.model.PersonRef;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.PlanViolation;
import io.trackweave.testkit.model.RelationshipView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One person as the workspace holds them. Guarded by the workspace's lock. */
final class PersonRecord extends EventOwner {
  static final int MAX_VIOLATIONS = 50;

  final String cioId;
  /** When the latest identify carrying each anonymous id arrived. */
  final Map<String, Instant> claimedAt = new HashMap<>();
  final Instant createdAt;
  final ObjectNode attributes = JsonNodeFactory.instance.objectNode();
  final Map<String, DeviceView> devices = new LinkedHashMap<>();
  final Set<String> anonymousIds = new LinkedHashSet<>();
  final ArrayDeque<PlanViolation> violations = new ArrayDeque<>();
  String id;
  String email;
  String phone;
  Instant updatedAt;

  PersonRecord(String cioId, Instant createdAt) {
    this.cioId = cioId;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  PersonRef ref() {
    return new PersonRef(cioId, id, email, phone);
  }

  /** Keeps the latest {@link #MAX_VIOLATIONS} plan violations. */
  void addViolations(Iterable<PlanViolation> more) {
    for (PlanViolation v : more) {
      violations.addLast(v);
    }
    while (violations.size() > MAX_VIOLATIONS) {
      violations.removeFirst();
    }
  }

  PersonView view(int maxEvents, List<RelationshipView> relationships) {
    List<DeviceView> deviceCopies = new ArrayList<>(devices.size());
    for (DeviceView d : devices.values()) {
      deviceCopies.add(new DeviceView(d.token(), d.platform(), d.lastUsed(), d.attributes().deepCopy()));
    }
    return new PersonView(
        cioId, id, email, phone, attributes.deepCopy(), views(maxEvents), deviceCopies,
        new ArrayList<>(anonymousIds), new ArrayList<>(violations), createdAt, updatedAt, relationships);
  }
}
