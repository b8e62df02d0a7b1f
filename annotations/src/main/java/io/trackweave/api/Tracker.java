package io.trackweave.api;

/**
 * What generated mappers and woven code call: the runtime implements it and installs itself with
 * {@link Trackweave#install(Tracker)}. Implementations never throw, never block and never do I/O on the
 * caller's thread: they capture and enqueue.
 */
public interface Tracker {
  /** Passed as {@code timestamp} when the event happened now: the runtime takes the capture time. */
  long NOW = Long.MIN_VALUE;

  /** Creates or updates a person's attributes; with {@code updateOnly} never creates a profile. */
  void identify(Person person, Fields attributes, boolean updateOnly);

  /**
   * Tracks an event for a person (or, for a person known only by an anonymous id, an anonymous event).
   *
   * @param timestamp unix seconds when the event happened, or {@link #NOW}
   * @param dedupeKey the plan's dedupe property value (e.g. the order id), or null: the same
   *     (event, key) always gets the same event id, so retries and replays never count twice
   */
  void track(Person person, String event, Fields properties, long timestamp, String dedupeKey);

  /**
   * Creates or updates an object's attributes (Track API {@code object_identify}; Data Pipelines
   * {@code group}) and, when {@code person} is not null, relates that person to it in the same call.
   */
  default void identifyObject(ObjectRef object, Fields attributes, Person person) {}

  /** Deletes an object (Track API {@code object_delete}). */
  default void deleteObject(ObjectRef object) {}

  /**
   * Relates a person to an object ({@code add_relationships}), with the relationship's own
   * attributes (empty for none), or, with {@code related} false, removes that relationship
   * ({@code delete_relationships}).
   */
  default void relate(Person person, ObjectRef object, Fields relationshipAttributes, boolean related) {}

  /**
   * Reports that a live value broke the tracking plan (e.g. a required property was null). The call
   * is still made; the violation is counted and logged so the drift is visible.
   */
  default void violation(String event, String property, String problem) {}

  /** The tracker in place until a runtime installs itself: it drops everything, silently and cheaply. */
  Tracker NOOP =
      new Tracker() {
        @Override
        public void identify(Person person, Fields attributes, boolean updateOnly) {}

        @Override
        public void track(
            Person person, String event, Fields properties, long timestamp, String dedupeKey) {}

        @Override
        public String toString() {
          return "Tracker.NOOP";
        }
      };
}
