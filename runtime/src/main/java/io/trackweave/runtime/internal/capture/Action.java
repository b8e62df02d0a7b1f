package io.trackweave.runtime.internal.capture;

/** What an operation does, named as the Track API's v2 {@code action} names it. */
public enum Action {
  IDENTIFY("identify"),
  EVENT("event"),
  /** An event for a person known only by an anonymous id; the v2 batch has no such action, so it goes to v1 {@code POST /api/v1/events}. */
  ANONYMOUS_EVENT("event"),
  DELETE("delete"),
  SUPPRESS("suppress"),
  UNSUPPRESS("unsuppress"),
  ADD_DEVICE("add_device"),
  DELETE_DEVICE("delete_device"),
  MERGE("merge");

  private final String wireName;

  Action(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** True when the v2 batch endpoint can carry it. */
  public boolean batchable() {
    return this != ANONYMOUS_EVENT;
  }
}
