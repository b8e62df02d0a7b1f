package io.trackweave.runtime.internal.operation;

import io.trackweave.api.Fields;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.Device;

/**
 * One captured call, immutable: everything the batching thread needs to encode it later. Made on the
 * caller's thread without encoding anything.
 */
public final class Operation {
  private final Action action;
  private final Person person;
  private final Person secondary;
  private final String name;
  private final Fields fields;
  private final long timestamp;
  private final long idHigh;
  private final long idLow;
  private final boolean updateOnly;
  private final Device device;
  private final String deviceToken;
  private final ObjectRef object;
  private final int estimatedBytes;
  private final Receipt receipt;

  /**
   * Told once when an operation read back from the disk spool has settled (delivered, rejected, given
   * up or handed back to the spool), so the spool can delete the record.
   */
  public interface Receipt {
    void settled();

    /**
     * Told, besides {@link #settled()}, when the operation was refused for good, with the reason: the
     * relay dead-letters it with Customer.io's reason.
     */
    default void rejected(String reason, String message) {}
  }

  /** A person's operation, made by capture on the caller's thread. */
  public Operation(
      Action action,
      Person person,
      Person secondary,
      String name,
      Fields fields,
      long timestamp,
      long idHigh,
      long idLow,
      boolean updateOnly,
      Device device,
      String deviceToken,
      int estimatedBytes) {
    this(action, person, secondary, name, fields, timestamp, idHigh, idLow, updateOnly, device, deviceToken,
        null, estimatedBytes, null);
  }

  /** An operation about {@code object} (the object actions); {@code person} is the related person or null. */
  public Operation(Action action, Person person, ObjectRef object, Fields fields, long timestamp, long idHigh,
      long idLow, int estimatedBytes) {
    this(action, person, null, null, fields, timestamp, idHigh, idLow, false, null, null, object, estimatedBytes,
        null);
  }

  private Operation(
      Action action,
      Person person,
      Person secondary,
      String name,
      Fields fields,
      long timestamp,
      long idHigh,
      long idLow,
      boolean updateOnly,
      Device device,
      String deviceToken,
      ObjectRef object,
      int estimatedBytes,
      Receipt receipt) {
    this.receipt = receipt;
    this.object = object;
    this.action = action;
    this.person = person;
    this.secondary = secondary;
    this.name = name;
    this.fields = fields;
    this.timestamp = timestamp;
    this.idHigh = idHigh;
    this.idLow = idLow;
    this.updateOnly = updateOnly;
    this.device = device;
    this.deviceToken = deviceToken;
    this.estimatedBytes = estimatedBytes;
  }

  public Action action() {
    return action;
  }

  /** Who it is about; for {@link Action#MERGE} the primary person. */
  public Person person() {
    return person;
  }

  /** The secondary person of a merge, else null. */
  public Person secondary() {
    return secondary;
  }

  /** The event name, or null. */
  public String name() {
    return name;
  }

  /** Event properties, person attributes, or {@link Fields#EMPTY}. */
  public Fields fields() {
    return fields;
  }

  /** Unix seconds, taken when the call was made. */
  public long timestamp() {
    return timestamp;
  }

  /** The upper 64 bits of the ULID (48-bit milliseconds, then 16 bits of randomness or hash). */
  public long idHigh() {
    return idHigh;
  }

  public long idLow() {
    return idLow;
  }

  /** The ULID in its 26-character text form. */
  public String id() {
    return Ulid.toString(idHigh, idLow);
  }

  /** For identify: only update an existing person, never create one. */
  public boolean updateOnly() {
    return updateOnly;
  }

  /** The device for {@link Action#ADD_DEVICE}, else null. */
  public Device device() {
    return device;
  }

  /** The device token for {@link Action#DELETE_DEVICE} (and add), else null. */
  public String deviceToken() {
    return deviceToken;
  }

  /** The object of an object action ({@link Action#aboutObject()}), else null. */
  public ObjectRef object() {
    return object;
  }

  /** The estimate of its encoded size that the queue's byte bound counts. */
  public int estimatedBytes() {
    return estimatedBytes;
  }

  /** The spool's receipt for an operation it replayed, else null. */
  public Receipt receipt() {
    return receipt;
  }

  /**
   * An operation read back from the disk spool, exactly as it was captured (same timestamp and event
   * id, so a replay is idempotent at Customer.io).
   */
  public static Operation restore(
      Action action,
      Person person,
      Person secondary,
      String name,
      Fields fields,
      long timestamp,
      long idHigh,
      long idLow,
      boolean updateOnly,
      Device device,
      String deviceToken,
      int estimatedBytes,
      Receipt receipt) {
    return restore(action, person, secondary, name, fields, timestamp, idHigh, idLow, updateOnly, device,
        deviceToken, null, estimatedBytes, receipt);
  }

  /** {@link #restore} of an operation that may be about an object. */
  public static Operation restore(
      Action action,
      Person person,
      Person secondary,
      String name,
      Fields fields,
      long timestamp,
      long idHigh,
      long idLow,
      boolean updateOnly,
      Device device,
      String deviceToken,
      ObjectRef object,
      int estimatedBytes,
      Receipt receipt) {
    return new Operation(action, person, secondary, name, fields == null ? Fields.EMPTY : fields, timestamp,
        idHigh, idLow, updateOnly, device, deviceToken, object, estimatedBytes, receipt);
  }

  @Override
  public String toString() {
    return "Operation{" + action.wireName() + (name == null ? "" : " " + name)
        + (object == null ? "" : " object " + object.typeId() + "/" + object.id()) + " " + id() + "}";
  }
}
