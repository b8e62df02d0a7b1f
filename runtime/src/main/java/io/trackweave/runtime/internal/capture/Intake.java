package io.trackweave.runtime.internal.capture;

import io.trackweave.api.Fields;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.Device;

/**
 * Where the runtime hands each call on the caller's thread: the live {@link Capture}, or, for a runtime
 * that could not start (no credentials, an endpoint that would expose them, a transport missing from the
 * class path), {@link DisabledIntake}, which only counts the call. The runtime holds one or the other,
 * so no operation needs to ask which.
 *
 * <p>Same contract as {@link Capture}: never blocks and never does I/O. The runtime still wraps each
 * call so that nothing thrown here reaches business code.
 */
public sealed interface Intake permits Capture, DisabledIntake {
  void identify(Person person, Fields attributes, boolean updateOnly);

  void track(Person person, String event, Fields properties, long timestamp, String dedupeKey);

  void trackAnonymous(String anonymousId, String event, Fields properties, long timestamp, String dedupeKey);

  void delete(Person person);

  void suppress(Person person);

  void unsuppress(Person person);

  void addDevice(Person person, Device device);

  void deleteDevice(Person person, String token);

  void mergeCustomers(Person primary, Person secondary);

  void identifyObject(ObjectRef object, Fields attributes, Person person);

  void deleteObject(ObjectRef object);

  void relate(Person person, ObjectRef object, Fields relationshipAttributes, boolean related);

  /** From now on no call is taken (the live capture drops them as {@code closed}). */
  void close();
}
