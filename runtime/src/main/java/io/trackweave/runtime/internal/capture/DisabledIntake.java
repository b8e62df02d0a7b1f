package io.trackweave.runtime.internal.capture;

import io.trackweave.api.Fields;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.Device;
import io.trackweave.runtime.internal.metrics.Ledger;

/**
 * The intake of a disabled runtime: every call is counted as dropped ({@code disabled}) and nothing
 * else happens. The runtime warned once, when it was created, why it is disabled; a call here neither
 * logs nor warns. It stays the same after {@link #close()}: a disabled runtime's calls are {@code
 * disabled}, not {@code closed}.
 */
public final class DisabledIntake implements Intake {
  private final Ledger ledger;

  public DisabledIntake(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void identify(Person person, Fields attributes, boolean updateOnly) {
    ledger.ignored();
  }

  @Override
  public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
    ledger.ignored();
  }

  @Override
  public void trackAnonymous(String anonymousId, String event, Fields properties, long timestamp, String dedupeKey) {
    ledger.ignored();
  }

  @Override
  public void delete(Person person) {
    ledger.ignored();
  }

  @Override
  public void suppress(Person person) {
    ledger.ignored();
  }

  @Override
  public void unsuppress(Person person) {
    ledger.ignored();
  }

  @Override
  public void addDevice(Person person, Device device) {
    ledger.ignored();
  }

  @Override
  public void deleteDevice(Person person, String token) {
    ledger.ignored();
  }

  @Override
  public void mergeCustomers(Person primary, Person secondary) {
    ledger.ignored();
  }

  @Override
  public void identifyObject(ObjectRef object, Fields attributes, Person person) {
    ledger.ignored();
  }

  @Override
  public void deleteObject(ObjectRef object) {
    ledger.ignored();
  }

  @Override
  public void relate(Person person, ObjectRef object, Fields relationshipAttributes, boolean related) {
    ledger.ignored();
  }

  @Override
  public void close() {
    // nothing was ever taken
  }
}
