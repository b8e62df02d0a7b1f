package io.trackweave.runtime.internal.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Ulid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes operations as the Track API's v2 batch items with Jackson's streaming generator, into one reused
 * buffer (one encoder per sender thread; not thread-safe), and frames them as {@code {"batch":[...]}} bodies.
 * Items follow the batch schema ({@code type}, {@code identifiers}, {@code action}; event data in {@code
 * attributes}); {@link V1Encoder} writes the v1 requests, {@link JsonValues} the values both share.
 */
public final class OperationEncoder {
  static final byte[] BATCH_PREFIX = "{\"batch\":[".getBytes(StandardCharsets.US_ASCII);
  static final byte[] BATCH_SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMMA = {','};
  /** Bytes a body adds around its items: the prefix and suffix. */
  public static final int BODY_OVERHEAD = BATCH_PREFIX.length + BATCH_SUFFIX.length;

  private final GrowableBytes out = new GrowableBytes(64 * 1024);
  private final GrowableBytes plainBody = new GrowableBytes(64 * 1024);
  private final EncodedItems items = new EncodedItems(out);
  private final char[] ulidChars = new char[26];
  private JsonGenerator gen;

  public OperationEncoder() {
    gen = newGenerator();
  }

  private JsonGenerator newGenerator() {
    try {
      JsonGenerator g = JsonValues.FACTORY.createGenerator(out, JsonEncoding.UTF8);
      g.setRootValueSeparator(null); // items are concatenated by hand, with commas
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encodes each operation as one v2 batch item. The result is valid until the next call. */
  public EncodedItems encodeItems(List<Operation> ops) {
    out.reset();
    items.clear();
    for (Operation op : ops) {
      int start = out.size();
      try {
        writeItem(op);
        gen.flush();
        items.add(start, out.size() - start);
      } catch (Exception e) {
        // a broken generator state must not leak into the next item
        gen = newGenerator();
        out.truncate(start);
        items.add(start, -1);
      }
    }
    return items;
  }

  /**
   * The uncompressed body {@code {"batch":[...]}} of the items at {@code indices}, for checks and for
   * sending without gzip.
   */
  public GrowableBytes body(EncodedItems encoded, int[] indices, int from, int to) {
    plainBody.reset();
    frame(encoded, indices, from, to, plainBody); // itself, not plainBody::write: no lambda at the first request
    return plainBody;
  }

  /** The same body, gzip-compressed into {@code gzip}. */
  public GrowableBytes gzipBody(Gzip gzip, EncodedItems encoded, int[] indices, int from, int to) {
    gzip.begin();
    frame(encoded, indices, from, to, gzip::write);
    return gzip.finish();
  }

  /** Where a body's bytes go: the plain buffer or the compressor. */
  interface ByteSink {
    void write(byte[] bytes, int offset, int length);
  }

  /** {@code {"batch":[item,item,...]}} from the already-encoded items, in one pass. */
  static void frame(EncodedItems encoded, int[] indices, int from, int to, ByteSink out) {
    out.write(BATCH_PREFIX, 0, BATCH_PREFIX.length);
    for (int k = from; k < to; k++) {
      if (k > from) {
        out.write(COMMA, 0, COMMA.length);
      }
      int i = indices[k];
      out.write(encoded.buffer(), encoded.start(i), encoded.length(i));
    }
    out.write(BATCH_SUFFIX, 0, BATCH_SUFFIX.length);
  }

  private void writeItem(Operation op) throws IOException {
    JsonGenerator g = gen;
    if (op.action().aboutObject()) {
      writeObjectItem(g, op);
      return;
    }
    g.writeStartObject();
    g.writeStringField("type", "person");
    if (op.action() == Action.MERGE) {
      g.writeStringField("action", "merge");
      g.writeFieldName("primary");
      JsonValues.writeIdentifiers(g, op.person());
      g.writeFieldName("secondary");
      JsonValues.writeIdentifiers(g, op.secondary());
      g.writeEndObject();
      return;
    }
    g.writeFieldName("identifiers");
    JsonValues.writeIdentifiers(g, op.person());
    g.writeStringField("action", op.action().wireName());
    switch (op.action()) {
      case IDENTIFY:
        g.writeNumberField("timestamp", op.timestamp());
        g.writeFieldName("attributes");
        writeAttributes(g, op);
        break;
      case EVENT:
        g.writeFieldName("id");
        writeUlid(g, op);
        g.writeStringField("name", op.name());
        g.writeNumberField("timestamp", op.timestamp());
        if (!op.fields().isEmpty()) {
          g.writeFieldName("attributes");
          JsonValues.writeObject(g, op.fields());
        }
        break;
      case ADD_DEVICE:
        g.writeFieldName("device");
        g.writeStartObject();
        g.writeStringField("token", op.device().token());
        JsonValues.writeTrackDevice(g, op);
        g.writeEndObject();
        break;
      case DELETE_DEVICE:
        g.writeFieldName("device");
        g.writeStartObject();
        g.writeStringField("token", op.deviceToken());
        g.writeEndObject();
        break;
      default:
        break; // delete, suppress, unsuppress: nothing more
    }
    g.writeEndObject();
  }

  /**
   * An item of {@code "type": "object"} (the spec's {@code object_operations}): the object in {@code
   * identifiers}, the person of a relationship in {@code cio_relationships}. These items have no {@code
   * timestamp} in the spec; Customer.io applies them when it processes the batch.
   */
  private static void writeObjectItem(JsonGenerator g, Operation op) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "object");
    g.writeFieldName("identifiers");
    g.writeStartObject();
    g.writeStringField("object_type_id", op.object().typeId());
    g.writeStringField("object_id", op.object().id());
    g.writeEndObject();
    g.writeStringField("action", op.action().itemAction());
    switch (op.action()) {
      case OBJECT_IDENTIFY:
        g.writeFieldName("attributes");
        JsonValues.writeObject(g, op.fields());
        if (op.person() != null) {
          writeRelationship(g, op.person(), Fields.EMPTY);
        }
        break;
      case ADD_RELATIONSHIPS:
      case DELETE_RELATIONSHIPS:
        writeRelationship(g, op.person(), op.fields());
        break;
      default:
        break; // delete: the object alone
    }
    g.writeEndObject();
  }

  /** {@code cio_relationships} with the one person (id, email or cio_id; capture refuses phone). */
  private static void writeRelationship(JsonGenerator g, Person p, Fields attributes) throws IOException {
    if (p.type() == IdentifierType.PHONE) {
      throw new IllegalArgumentException("phone has no cio_relationships form");
    }
    g.writeFieldName("cio_relationships");
    g.writeStartArray();
    g.writeStartObject();
    g.writeFieldName("identifiers");
    JsonValues.writeIdentifiers(g, p);
    if (!attributes.isEmpty()) {
      g.writeFieldName("relationship_attributes");
      JsonValues.writeObject(g, attributes);
    }
    g.writeEndObject();
    g.writeEndArray();
  }

  private void writeAttributes(JsonGenerator g, Operation op) throws IOException {
    g.writeStartObject();
    JsonValues.writeMembers(g, op.fields());
    if (op.person().anonymousId() != null) {
      g.writeStringField("anonymous_id", op.person().anonymousId());
    }
    if (op.updateOnly()) {
      g.writeBooleanField("_update", true);
    }
    g.writeEndObject();
  }

  private void writeUlid(JsonGenerator g, Operation op) throws IOException {
    Ulid.fill(op.idHigh(), op.idLow(), ulidChars);
    g.writeString(ulidChars, 0, 26);
  }

}
