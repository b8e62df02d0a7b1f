package io.trackweave.runtime.internal.operation;

/**
 * What an operation does, named as the Track API's v2 {@code action} names it. The object actions are
 * named as Customer.io's docs name the operations ({@code object_identify}, {@code object_delete}) so
 * metrics and warnings tell them from a person's identify and delete; their v2 item is {@code "type":
 * "object"} with the plain {@code action} (see {@link #itemAction()}).
 */
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
  MERGE("merge"),
  /** Creates or updates an object, and relates a person to it when one is given. */
  OBJECT_IDENTIFY("object_identify"),
  /** Deletes an object (its relationships go with it). */
  OBJECT_DELETE("object_delete"),
  /** Relates a person to an object, with the relationship's attributes. */
  ADD_RELATIONSHIPS("add_relationships"),
  /** Removes a person's relationship to an object. */
  DELETE_RELATIONSHIPS("delete_relationships");

  private final String wireName;

  Action(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The v2 batch item's {@code action}: {@code identify} and {@code delete} for the object actions. */
  public String itemAction() {
    return switch (this) {
      case OBJECT_IDENTIFY -> "identify";
      case OBJECT_DELETE -> "delete";
      default -> wireName;
    };
  }

  /** True for the actions about an object ({@link Operation#object()} is set). */
  public boolean aboutObject() {
    return this == OBJECT_IDENTIFY || this == OBJECT_DELETE || this == ADD_RELATIONSHIPS
        || this == DELETE_RELATIONSHIPS;
  }

  /** True when the v2 batch endpoint can carry it. */
  public boolean batchable() {
    return this != ANONYMOUS_EVENT;
  }
}
