package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.PlanViolation;
import java.time.Instant;
import java.util.List;

/** One event as stored; its owner changes when an anonymous id is claimed or people merge. */
final class StoredEvent {
  final long seq;
  final String id;
  final String name;
  final String type;
  final long timestamp;
  final Instant receivedAt;
  final ObjectNode properties;
  final String anonymousId;
  final List<PlanViolation> violations;
  final boolean canTrigger;
  /** Why an anonymous event was not merged, or null. */
  String note;
  /** Null once the event is gone (evicted, expired, its person deleted): the arrival queue drops it lazily. */
  EventOwner owner;

  StoredEvent(
      long seq, String id, String name, String type, long timestamp, Instant receivedAt,
      ObjectNode properties, String anonymousId, List<PlanViolation> violations, boolean canTrigger,
      String note) {
    this.seq = seq;
    this.id = id;
    this.name = name;
    this.type = type;
    this.timestamp = timestamp;
    this.receivedAt = receivedAt;
    this.properties = properties;
    this.anonymousId = anonymousId;
    this.violations = violations;
    this.canTrigger = canTrigger;
    this.note = note;
  }

  EventView view() {
    return new EventView(
        seq, id, name, type, timestamp, receivedAt, properties.deepCopy(), anonymousId, violations, canTrigger,
        note);
  }
}
