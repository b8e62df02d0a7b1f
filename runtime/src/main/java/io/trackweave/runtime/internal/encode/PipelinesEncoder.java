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
import java.time.Instant;
import java.util.List;

/**
 * Writes operations as the Data Pipelines API's Segment-style calls (its OpenAPI document in
 * shared/reference): {@code identify} and {@code track} items in {@code POST /v1/batch} (the batch
 * takes identify, track, page, screen and group, not alias), and {@code POST /v1/alias} alone for a
 * merge. People are {@code userId} (an id or an email) and/or {@code anonymousId}, so anonymous events
 * batch like any other. Deletes, suppressions and devices are Customer.io's semantic events ({@code
 * User Deleted}, {@code User Suppressed}, {@code User Unsuppressed}, {@code Device Created or Updated},
 * {@code Device Deleted}). Every call carries the capture time as an ISO-8601 {@code timestamp} and its
 * ULID as {@code messageId} (the spec says Customer.io sets messageId; a caller's is sent so a replay
 * carries the same one, but no deduplication on it is documented: see README's guarantees).
 */
final class PipelinesEncoder implements WireFormat {
  static final String USER_DELETED = "User Deleted";
  static final String USER_SUPPRESSED = "User Suppressed";
  static final String USER_UNSUPPRESSED = "User Unsuppressed";
  static final String DEVICE_CREATED_OR_UPDATED = "Device Created or Updated";
  static final String DEVICE_DELETED = "Device Deleted";
  static final String RELATIONSHIP_DELETED = "Relationship Deleted";
  static final String OBJECT_DELETED = "Object Deleted";

  private final GrowableBytes out = new GrowableBytes(64 * 1024);
  private final GrowableBytes plainBody = new GrowableBytes(64 * 1024);
  private final EncodedItems items = new EncodedItems(out);
  private final char[] ulidChars = new char[26];
  private JsonGenerator gen = newGenerator();

  private JsonGenerator newGenerator() {
    try {
      JsonGenerator g = JsonValues.FACTORY.createGenerator(out, JsonEncoding.UTF8);
      g.setRootValueSeparator(null);
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean batches(Action action) {
    return action != Action.MERGE; // alias is not among the batch's call types
  }

  @Override
  public String batchPath() {
    return "v1/batch";
  }

  @Override
  public EncodedItems encodeItems(List<Operation> ops) {
    out.reset();
    items.clear();
    for (Operation op : ops) {
      int start = out.size();
      try {
        writeCall(gen, op, true);
        gen.flush();
        items.add(start, out.size() - start);
      } catch (Exception e) {
        gen = newGenerator();
        out.truncate(start);
        items.add(start, -1);
      }
    }
    return items;
  }

  @Override
  public int bodyOverhead() {
    return OperationEncoder.BODY_OVERHEAD; // {"batch":[...]}, as the Track API's
  }

  @Override
  public GrowableBytes body(EncodedItems encoded, int[] indices, int from, int to) {
    plainBody.reset();
    OperationEncoder.frame(encoded, indices, from, to, plainBody::write);
    return plainBody;
  }

  @Override
  public GrowableBytes gzipBody(Gzip gzip, EncodedItems encoded, int[] indices, int from, int to) {
    gzip.begin();
    OperationEncoder.frame(encoded, indices, from, to, gzip::write);
    return gzip.finish();
  }

  @Override
  public V1Request encodeSingle(Operation op) throws IOException {
    out.reset();
    gen = newGenerator();
    writeCall(gen, op, false);
    gen.flush();
    String path = op.action() == Action.MERGE ? "v1/alias" : "v1/" + callType(op.action());
    return new V1Request("POST", path, out.array(), out.size());
  }

  @Override
  public boolean splitsRejectedBatch() {
    return true; // strict mode answers 400 for the whole batch, naming no item
  }

  /** The call type ({@code identify}, {@code track}, {@code alias}) that carries {@code action}. */
  static String callType(Action action) {
    switch (action) {
      case IDENTIFY:
        return "identify";
      case MERGE:
        return "alias";
      case OBJECT_IDENTIFY:
      case ADD_RELATIONSHIPS:
        return "group";
      default:
        return "track";
    }
  }

  /** One call; {@code typed} writes its {@code type} (required in a batch, implied by a single endpoint). */
  private void writeCall(JsonGenerator g, Operation op, boolean typed) throws IOException {
    g.writeStartObject();
    if (typed) {
      g.writeStringField("type", callType(op.action()));
    }
    switch (op.action()) {
      case MERGE:
        // the secondary person is merged into the primary, which is kept
        g.writeStringField("previousId", userId(op.secondary()));
        g.writeStringField("userId", userId(op.person()));
        break;
      case IDENTIFY:
        writePerson(g, op.person());
        g.writeFieldName("traits");
        g.writeStartObject();
        JsonValues.writeMembers(g, op.fields());
        if (op.person().type() == IdentifierType.EMAIL && !has(op.fields(), "email")) {
          g.writeStringField("email", op.person().id());
        }
        g.writeEndObject();
        break;
      case EVENT:
      case ANONYMOUS_EVENT:
        writePerson(g, op.person());
        g.writeStringField("event", op.name());
        if (!op.fields().isEmpty()) {
          g.writeFieldName("properties");
          JsonValues.writeObject(g, op.fields());
        }
        break;
      case DELETE:
        writeSemantic(g, op, USER_DELETED);
        break;
      case SUPPRESS:
        writeSemantic(g, op, USER_SUPPRESSED);
        break;
      case UNSUPPRESS:
        writeSemantic(g, op, USER_UNSUPPRESSED);
        break;
      case ADD_DEVICE:
        writeSemantic(g, op, DEVICE_CREATED_OR_UPDATED);
        writeDevice(g, op.device().token(), op.device().platform().wireName());
        if (!op.fields().isEmpty() || op.device().lastUsed() > 0) {
          g.writeFieldName("properties");
          g.writeStartObject();
          Fields attrs = op.fields();
          for (int i = 0; i < attrs.size(); i++) {
            Object v = attrs.value(i);
            if (v != null) {
              g.writeStringField(attrs.name(i), v instanceof Double d ? JsonValues.plain(d) : v.toString());
            }
          }
          if (op.device().lastUsed() > 0) {
            g.writeNumberField("last_used", op.device().lastUsed());
          }
          g.writeEndObject();
        }
        break;
      case DELETE_DEVICE:
        writeSemantic(g, op, DEVICE_DELETED);
        writeDevice(g, op.deviceToken(), null);
        break;
      case OBJECT_IDENTIFY:
      case ADD_RELATIONSHIPS:
        // group: the person joins the object (groupId), whose type and attributes are traits; a
        // relationship's own attributes are the trait relationshipAttributes
        writePerson(g, op.person());
        g.writeStringField("groupId", op.object().id());
        g.writeFieldName("traits");
        g.writeStartObject();
        g.writeStringField("object_type_id", op.object().typeId());
        if (op.action() == Action.OBJECT_IDENTIFY) {
          Fields attrs = op.fields();
          for (int i = 0, n = attrs.size(); i < n; i++) {
            if (!attrs.name(i).equals("object_type_id")) { // the ObjectRef's type wins, once
              g.writeFieldName(attrs.name(i));
              JsonValues.writeValue(g, attrs.value(i));
            }
          }
        } else if (!op.fields().isEmpty()) {
          g.writeFieldName("relationshipAttributes");
          JsonValues.writeObject(g, op.fields());
        }
        g.writeEndObject();
        break;
      case DELETE_RELATIONSHIPS:
        writeSemantic(g, op, RELATIONSHIP_DELETED);
        writeObjectProperties(g, op);
        break;
      case OBJECT_DELETE:
        // the spec's "Delete Object" requires an anonymousId and no person is involved: the call's own
        // ULID stands in (stable across replays, never anyone's real id)
        Ulid.fill(op.idHigh(), op.idLow(), ulidChars);
        g.writeFieldName("anonymousId");
        g.writeString(ulidChars, 0, 26);
        g.writeStringField("event", OBJECT_DELETED);
        writeObjectProperties(g, op);
        break;
      default:
        throw new IllegalStateException(op.action().name());
    }
    g.writeStringField("timestamp", Instant.ofEpochSecond(op.timestamp()).toString());
    g.writeFieldName("messageId");
    Ulid.fill(op.idHigh(), op.idLow(), ulidChars);
    g.writeString(ulidChars, 0, 26);
    g.writeEndObject();
  }

  /** A semantic event's object: {@code objectId}, and {@code objectTypeId} as the integer the spec types. */
  private static void writeObjectProperties(JsonGenerator g, Operation op) throws IOException {
    g.writeFieldName("properties");
    g.writeStartObject();
    g.writeStringField("objectId", op.object().id());
    g.writeNumberField("objectTypeId", Long.parseLong(op.object().typeId()));
    g.writeEndObject();
  }

  private static void writeSemantic(JsonGenerator g, Operation op, String event) throws IOException {
    writePerson(g, op.person());
    g.writeStringField("event", event);
  }

  private static void writeDevice(JsonGenerator g, String token, String type) throws IOException {
    g.writeFieldName("context");
    g.writeStartObject();
    g.writeFieldName("device");
    g.writeStartObject();
    g.writeStringField("token", token);
    if (type != null) {
      g.writeStringField("type", type);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writePerson(JsonGenerator g, Person p) throws IOException {
    if (p.isIdentified()) {
      g.writeStringField("userId", userId(p));
    }
    if (p.anonymousId() != null) {
      g.writeStringField("anonymousId", p.anonymousId());
    }
  }

  /**
   * The person's {@code userId}: their id, or their email address when that is how they are known
   * (Customer.io then identifies by email). A cio_id or phone has no userId form; capture refuses
   * them for this API, so meeting one here (a spooled call replayed under another API) fails the
   * encoding and is counted as {@code encoding_failed}.
   */
  private static String userId(Person p) {
    if (p.type() != IdentifierType.ID && p.type() != IdentifierType.EMAIL) {
      throw new IllegalArgumentException(p.type().wireName() + " has no Pipelines userId form");
    }
    return p.id();
  }

  private static boolean has(Fields fields, String name) {
    for (int i = 0, n = fields.size(); i < n; i++) {
      if (fields.name(i).equals(name)) {
        return true;
      }
    }
    return false;
  }
}
