package io.trackweave.runtime.kafka.internal;

import io.trackweave.api.Person;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.spool.OperationCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How one captured operation is a Kafka record (docs/scale-out.md, "The record"):
 *
 * <ul>
 *   <li><b>key</b>: the person, UTF-8 {@code <identifier type>:<identifier>} ({@code id:42}, {@code
 *       email:ada@example.com}), or {@code anonymous:<anonymous id>}; the primary person of a merge; no
 *       key when there is no person at all. One person's operations therefore stay in one partition, in
 *       the order they were captured. An object's operation without a person (deleting an object, or
 *       identifying one without relating anyone) is keyed {@code object:<object_type_id>:<object_id>},
 *       so one object's operations stay in order too.
 *   <li><b>value</b>: the operation in {@link OperationCodec}'s binary form, the disk spool's: the first
 *       byte is the encoding version ({@value #VERSION_TEXT} for people's operations, {@value
 *       #OBJECT_VERSION_TEXT} for the object actions: object identify and delete, add and delete
 *       relationships, which also carry the object's type id and id), then the action, person, name,
 *       fields, capture timestamp and event id (a ULID) in a fixed order with stable codes. A reader
 *       refuses versions newer than its own (the relay dead-letters them).
 *   <li><b>timestamp</b>: the capture time (milliseconds).
 *   <li><b>headers</b> (for people and tools; the relay reads only the value): {@code trackweave.version}
 *       (the value's first byte, as text),
 *       {@code trackweave.event.id} and {@code trackweave.action}, UTF-8 text.
 * </ul>
 */
public final class RecordFormat {
  public static final String VERSION_TEXT = "1";
  public static final String OBJECT_VERSION_TEXT = "2";
  public static final String HEADER_VERSION = "trackweave.version";
  public static final String HEADER_EVENT_ID = "trackweave.event.id";
  public static final String HEADER_ACTION = "trackweave.action";

  private RecordFormat() {}

  /** The record key for {@code op}: its person, or null when it has none. */
  public static byte[] key(Operation op) {
    String k = keyText(op.person());
    if (k == null && op.object() != null) {
      k = "object:" + op.object().typeId() + ":" + op.object().id();
    }
    return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
  }

  static String keyText(Person p) {
    if (p == null) {
      return null;
    }
    if (p.isIdentified()) {
      return p.type().wireName() + ":" + p.id();
    }
    return p.anonymousId() == null ? null : "anonymous:" + p.anonymousId();
  }

  /** The record for {@code op}, its value encoded by {@code codec} (one per thread). */
  public static ProducerRecord<byte[], byte[]> record(String topic, Operation op, OperationCodec codec) {
    codec.encode(op);
    Headers headers = new RecordHeaders()
        .add(HEADER_VERSION, bytes(String.valueOf(codec.bytes()[0])))
        .add(HEADER_EVENT_ID, bytes(op.id()))
        .add(HEADER_ACTION, bytes(op.action().name().toLowerCase(java.util.Locale.ROOT)));
    return new ProducerRecord<>(topic, null, op.timestamp() * 1000, key(op), codec.toByteArray(), headers);
  }

  /**
   * The operation a record's value carries, with {@code receipt} to be told when it settles.
   *
   * @throws OperationCodec.Malformed when the value is not an operation, or was written by a newer
   *     encoding version ({@link OperationCodec.Malformed#newerVersion()})
   */
  public static Operation decode(byte[] value, Operation.Receipt receipt) throws OperationCodec.Malformed {
    if (value == null || value.length == 0) {
      throw emptyValue();
    }
    return OperationCodec.decode(value, 0, value.length, receipt);
  }

  private static OperationCodec.Malformed emptyValue() {
    try {
      OperationCodec.decode(new byte[0], 0, 0, null);
    } catch (OperationCodec.Malformed m) {
      return m;
    }
    throw new IllegalStateException("an empty value decoded");
  }

  /** A header's text, or null. */
  public static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
