package io.trackweave.runtime.internal.capture;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.Device;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Rejection;
import io.trackweave.runtime.internal.operation.Ulid;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.util.function.LongSupplier;

/**
 * The caller's side of the runtime: checks a call cheaply, stamps it (time now, ULID), drops an
 * in-process duplicate, and enqueues it. Never throws, blocks, does I/O (logging included) or encodes
 * JSON; everything refused is counted with its reason, and the batching thread warns about drops.
 */
public final class Capture implements Intake {
  /** Timestamps above this are milliseconds by mistake (unix seconds reach it in the year 5138). */
  private static final long MAX_PLAUSIBLE_SECONDS = 100_000_000_000L;

  private final Ledger ledger;
  private final OperationQueue queue;
  private final Overflow overflow;
  private final DedupeFilter dedupe;
  private final ApiVersion apiVersion;
  private final Admission admission;
  private final LongSupplier clockMillis;
  private final Backfill backfill;
  private volatile boolean closed;

  public Capture(
      Ledger ledger,
      OperationQueue queue,
      Overflow overflow,
      DedupeFilter dedupe,
      ApiVersion apiVersion,
      LongSupplier clockMillis) {
    this(ledger, queue, overflow, dedupe, apiVersion, clockMillis, Backfill.OFF);
  }

  public Capture(
      Ledger ledger,
      OperationQueue queue,
      Overflow overflow,
      DedupeFilter dedupe,
      ApiVersion apiVersion,
      LongSupplier clockMillis,
      Backfill backfill) {
    this.backfill = backfill;
    this.ledger = ledger;
    this.queue = queue;
    this.overflow = overflow;
    this.dedupe = dedupe;
    this.apiVersion = apiVersion;
    this.admission = new Admission(apiVersion);
    this.clockMillis = clockMillis;
  }

  /** From now on every call is dropped as {@code closed}. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void identify(Person person, Fields attributes, boolean updateOnly) {
    Rejection problem = admission.person(person);
    if (problem != null) {
      reject(Action.IDENTIFY, null, problem);
      return;
    }
    long size = Measure.personAttributes(attributes);
    if (size < 0) {
      reject(Action.IDENTIFY, null, Measure.rejection(size));
      return;
    }
    Rejection nested = admission.identifyAttributes(attributes);
    if (nested != null) {
      reject(Action.IDENTIFY, null, nested);
      return;
    }
    if (Admission.tooLarge(size)) {
      reject(Action.IDENTIFY, null, Rejection.OPERATION_TOO_LARGE);
      return;
    }
    long now = clockMillis.getAsLong();
    enqueue(
        new Operation(Action.IDENTIFY, person, null, null, nonNull(attributes), now / 1000,
            Ulid.randomHigh(now), Ulid.randomLow(), updateOnly, null, null, Admission.estimate(size, person)),
        false);
  }

  @Override
  public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
    if (person != null && !person.isIdentified() && person.anonymousId() != null) {
      trackAnonymous(person.anonymousId(), event, properties, timestamp, dedupeKey);
      return;
    }
    Rejection problem = admission.person(person);
    if (problem != null) {
      reject(Action.EVENT, event, problem);
      return;
    }
    capturedEvent(Action.EVENT, person, event, properties, timestamp, dedupeKey);
  }

  /** An event for someone known only by {@code anonymousId} (which may be null: an event with no person). */
  @Override
  public void trackAnonymous(String anonymousId, String event, Fields properties, long timestamp, String dedupeKey) {
    capturedEvent(Action.ANONYMOUS_EVENT, Person.anonymous(anonymousId), event, properties, timestamp, dedupeKey);
  }

  private void capturedEvent(Action action, Person person, String event, Fields properties, long timestamp, String dedupeKey) {
    if (action == Action.ANONYMOUS_EVENT && apiVersion == ApiVersion.PIPELINES && person.anonymousId() == null) {
      reject(action, event, Rejection.MISSING_PERSON); // a Pipelines call needs a userId or an anonymousId
      return;
    }
    if (person != null && Admission.tooLong(person.anonymousId())) {
      reject(action, event, Rejection.IDENTIFIER_TOO_LONG);
      return;
    }
    long nameSize = Measure.eventName(event);
    if (nameSize < 0) {
      reject(action, event, Measure.rejection(nameSize));
      return;
    }
    long size = Measure.eventProperties(properties);
    if (size < 0) {
      reject(action, event, Measure.rejection(size));
      return;
    }
    if (Admission.tooLarge(size + nameSize)) {
      reject(action, event, Rejection.OPERATION_TOO_LARGE);
      return;
    }
    long now = clockMillis.getAsLong();
    long seconds;
    if (timestamp == Tracker.NOW) {
      seconds = now / 1000;
    } else if (timestamp > MAX_PLAUSIBLE_SECONDS) {
      seconds = timestamp / 1000; // milliseconds passed where seconds belong: the intent is clear
    } else {
      seconds = timestamp;
    }
    if (backfill.refuses(event, seconds, now / 1000)) {
      reject(action, event, Rejection.BACKFILL_WOULD_TRIGGER);
      return;
    }
    long high;
    long low;
    boolean keyed = dedupeKey != null && !dedupeKey.isEmpty();
    if (keyed) {
      high = Ulid.hashHigh(event, dedupeKey);
      low = Ulid.hashLow(event, dedupeKey);
      if (!dedupe.firstSighting(high, low)) {
        drop("duplicate");
        return;
      }
    } else {
      high = Ulid.randomHigh(now);
      low = Ulid.randomLow();
    }
    enqueue(
        new Operation(action, person, null, event, nonNull(properties), seconds, high, low, false,
            null, null, Admission.estimate(size + nameSize, person)),
        keyed);
  }

  @Override
  public void delete(Person person) {
    simple(Action.DELETE, person);
  }

  @Override
  public void suppress(Person person) {
    simple(Action.SUPPRESS, person);
  }

  @Override
  public void unsuppress(Person person) {
    simple(Action.UNSUPPRESS, person);
  }

  private void simple(Action action, Person person) {
    Rejection problem = admission.person(person);
    if (problem != null) {
      reject(action, null, problem);
      return;
    }
    long now = clockMillis.getAsLong();
    enqueue(new Operation(action, person, null, null, Fields.EMPTY, now / 1000, Ulid.randomHigh(now),
        Ulid.randomLow(), false, null, null, Admission.estimate(0, person)), false);
  }

  @Override
  public void addDevice(Person person, Device device) {
    Rejection problem = admission.person(person);
    if (problem == null && (device == null || device.token() == null || device.token().isEmpty())) {
      problem = Rejection.MISSING_DEVICE_TOKEN;
    }
    if (problem != null) {
      reject(Action.ADD_DEVICE, null, problem);
      return;
    }
    long size = Measure.deviceAttributes(device.attributes());
    if (size < 0) {
      reject(Action.ADD_DEVICE, null, Measure.rejection(size));
      return;
    }
    if (Admission.tooLarge(size + device.token().length())) {
      reject(Action.ADD_DEVICE, null, Rejection.OPERATION_TOO_LARGE);
      return;
    }
    long now = clockMillis.getAsLong();
    enqueue(new Operation(Action.ADD_DEVICE, person, null, null, device.attributes(), now / 1000,
        Ulid.randomHigh(now), Ulid.randomLow(), false, device, device.token(),
        Admission.estimate(size + device.token().length() + 40, person)), false);
  }

  @Override
  public void deleteDevice(Person person, String token) {
    Rejection problem = admission.person(person);
    if (problem == null && (token == null || token.isEmpty())) {
      problem = Rejection.MISSING_DEVICE_TOKEN;
    }
    if (problem != null) {
      reject(Action.DELETE_DEVICE, null, problem);
      return;
    }
    long now = clockMillis.getAsLong();
    enqueue(new Operation(Action.DELETE_DEVICE, person, null, null, Fields.EMPTY, now / 1000,
        Ulid.randomHigh(now), Ulid.randomLow(), false, null, token, Admission.estimate(token.length() + 20, person)), false);
  }

  /** Merges {@code secondary} into {@code primary} (which must exist); {@code secondary} is deleted. */
  @Override
  public void mergeCustomers(Person primary, Person secondary) {
    Rejection problem = admission.person(primary);
    if (problem == null) {
      problem = admission.person(secondary);
    }
    if (problem == null
        && (primary.type() == IdentifierType.PHONE || secondary.type() == IdentifierType.PHONE)) {
      problem = Rejection.PHONE_NOT_MERGEABLE;
    }
    if (problem != null) {
      reject(Action.MERGE, null, problem);
      return;
    }
    long now = clockMillis.getAsLong();
    enqueue(new Operation(Action.MERGE, primary, secondary, null, Fields.EMPTY, now / 1000,
        Ulid.randomHigh(now), Ulid.randomLow(), false, null, null,
        Admission.estimate(secondary.id().length() + 20, primary)), false);
  }

  /**
   * Creates or updates {@code object} with {@code attributes} (the limits of a person's attributes
   * apply: Customer.io's "object and relationship limits"), relating {@code person} to it when not null.
   */
  @Override
  public void identifyObject(ObjectRef object, Fields attributes, Person person) {
    Rejection problem = admission.object(object);
    if (problem == null && person != null) {
      problem = admission.relationshipPerson(person);
    }
    if (problem == null && person == null && apiVersion == ApiVersion.PIPELINES) {
      problem = Rejection.OBJECT_NEEDS_PERSON_ON_PIPELINES;
    }
    if (problem != null) {
      reject(Action.OBJECT_IDENTIFY, null, problem);
      return;
    }
    long size = Measure.personAttributes(attributes);
    if (size < 0) {
      reject(Action.OBJECT_IDENTIFY, null, Measure.rejection(size));
      return;
    }
    if (Admission.tooLarge(size)) {
      reject(Action.OBJECT_IDENTIFY, null, Rejection.OPERATION_TOO_LARGE);
      return;
    }
    enqueueObject(Action.OBJECT_IDENTIFY, person, object, nonNull(attributes), size);
  }

  /** Deletes {@code object}; Customer.io removes its relationships with it. */
  @Override
  public void deleteObject(ObjectRef object) {
    Rejection problem = admission.object(object);
    if (problem != null) {
      reject(Action.OBJECT_DELETE, null, problem);
      return;
    }
    enqueueObject(Action.OBJECT_DELETE, null, object, Fields.EMPTY, 0);
  }

  /**
   * Relates {@code person} to {@code object} with the relationship's own attributes, or, when {@code
   * related} is false, removes that relationship (its attributes are then ignored).
   */
  @Override
  public void relate(Person person, ObjectRef object, Fields relationshipAttributes, boolean related) {
    Action action = related ? Action.ADD_RELATIONSHIPS : Action.DELETE_RELATIONSHIPS;
    Rejection problem = admission.object(object);
    if (problem == null) {
      problem = admission.relationshipPerson(person);
    }
    if (problem != null) {
      reject(action, null, problem);
      return;
    }
    Fields attributes = related ? nonNull(relationshipAttributes) : Fields.EMPTY;
    long size = Measure.personAttributes(attributes);
    if (size < 0) {
      reject(action, null, Measure.rejection(size));
      return;
    }
    if (Admission.tooLarge(size)) {
      reject(action, null, Rejection.OPERATION_TOO_LARGE);
      return;
    }
    enqueueObject(action, person, object, attributes, size);
  }

  private void enqueueObject(Action action, Person person, ObjectRef object, Fields fields, long size) {
    long now = clockMillis.getAsLong();
    long payload = size + object.typeId().length() + object.id().length() + 40;
    enqueue(new Operation(action, person, object, fields, now / 1000, Ulid.randomHigh(now), Ulid.randomLow(),
        Admission.estimate(payload, person)), false);
  }

  private static Fields nonNull(Fields f) {
    return f == null ? Fields.EMPTY : f;
  }

  private void enqueue(Operation op, boolean keyed) {
    if (closed) {
      if (keyed) {
        dedupe.forget(op.idHigh(), op.idLow());
      }
      drop("closed");
      return;
    }
    // while the spool holds a backlog, new calls queue behind it (a person's order is kept); if it
    // cannot take one, the in-memory queue may still: a reordered call beats a lost one
    if (overflow.backlogged() && spill(op)) {
      return;
    }
    if (queue.offer(op)) {
      ledger.enqueued();
      return;
    }
    if (!spill(op)) {
      if (keyed) {
        dedupe.forget(op.idHigh(), op.idLow());
      }
      drop("queue_full");
    }
  }

  private boolean spill(Operation op) {
    boolean taken;
    try {
      taken = overflow.offerWhenFull(op);
    } catch (Throwable t) {
      taken = false;
    }
    if (taken) {
      ledger.spilled(1);
    }
    return taken;
  }

  private void reject(Action action, String name, Rejection r) {
    ledger.rejectedAtCapture(action.wireName(), name, r.reason(), r.message());
  }

  private void drop(String reason) {
    ledger.droppedAtCapture(reason);
  }
}
