package io.trackweave.runtime.internal.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.internal.ValueKind;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Ulid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes operations as the Track API's JSON with Jackson's streaming generator, into one reused buffer
 * (one encoder per sender thread; not thread-safe). v2 items follow the batch schema ({@code type},
 * {@code identifiers}, {@code action}; event data in {@code attributes}); v1 requests follow the
 * per-endpoint bodies (event data in {@code data}).
 */
public final class OperationEncoder {
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();
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
      JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
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
      writeIdentifiers(g, op.person());
      g.writeFieldName("secondary");
      writeIdentifiers(g, op.secondary());
      g.writeEndObject();
      return;
    }
    g.writeFieldName("identifiers");
    writeIdentifiers(g, op.person());
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
          writeObject(g, op.fields());
        }
        break;
      case ADD_DEVICE:
        g.writeFieldName("device");
        g.writeStartObject();
        g.writeStringField("token", op.device().token());
        writeDeviceCommon(g, op);
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
        writeObject(g, op.fields());
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
    writeIdentifiers(g, p);
    if (!attributes.isEmpty()) {
      g.writeFieldName("relationship_attributes");
      writeObject(g, attributes);
    }
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void writeDeviceCommon(JsonGenerator g, Operation op) throws IOException {
    g.writeStringField("platform", op.device().platform().wireName());
    if (op.device().lastUsed() > 0) {
      g.writeNumberField("last_used", op.device().lastUsed());
    }
    Fields attrs = op.fields();
    if (!attrs.isEmpty()) {
      g.writeFieldName("attributes");
      g.writeStartObject();
      for (int i = 0; i < attrs.size(); i++) {
        Object v = attrs.value(i);
        if (v != null) {
          // Customer.io keeps device attributes as strings
          g.writeStringField(attrs.name(i), v instanceof Double d ? plain(d) : v.toString());
        }
      }
      g.writeEndObject();
    }
  }

  static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private void writeAttributes(JsonGenerator g, Operation op) throws IOException {
    g.writeStartObject();
    writeMembers(g, op.fields());
    if (op.person().anonymousId() != null) {
      g.writeStringField("anonymous_id", op.person().anonymousId());
    }
    if (op.updateOnly()) {
      g.writeBooleanField("_update", true);
    }
    g.writeEndObject();
  }

  private static void writeIdentifiers(JsonGenerator g, Person p) throws IOException {
    g.writeStartObject();
    g.writeStringField(p.type().wireName(), p.id());
    g.writeEndObject();
  }

  private void writeUlid(JsonGenerator g, Operation op) throws IOException {
    Ulid.fill(op.idHigh(), op.idLow(), ulidChars);
    g.writeString(ulidChars, 0, 26);
  }

  static void writeObject(JsonGenerator g, Fields fields) throws IOException {
    g.writeStartObject();
    writeMembers(g, fields);
    g.writeEndObject();
  }

  static void writeMembers(JsonGenerator g, Fields fields) throws IOException {
    for (int i = 0, n = fields.size(); i < n; i++) {
      g.writeFieldName(fields.name(i));
      writeValue(g, fields.value(i));
    }
  }

  static void writeValue(JsonGenerator g, Object v) throws IOException {
    switch (ValueKind.of(v)) {
      case NULL -> g.writeNull();
      case STRING -> g.writeString((String) v);
      case LONG -> g.writeNumber((Long) v);
      case DOUBLE -> g.writeNumber((Double) v);
      case BOOLEAN -> g.writeBoolean((Boolean) v);
      case FIELDS -> writeObject(g, (Fields) v);
      case FIELD_ARRAY -> {
        FieldArray a = (FieldArray) v;
        g.writeStartArray();
        for (int i = 0, n = a.size(); i < n; i++) {
          writeValue(g, a.get(i));
        }
        g.writeEndArray();
      }
      case BIG_DECIMAL -> g.writeNumber((BigDecimal) v);
      case BIG_INTEGER -> g.writeNumber((BigInteger) v);
      case SMALL_INTEGER -> g.writeNumber(((Number) v).intValue());
      case FLOAT -> g.writeNumber((Float) v);
      case ENUM, TEXT, OTHER_NUMBER, OTHER -> g.writeString(v.toString());
    }
  }

  /** The v1 request for one operation. The body is valid until the next call. */
  public V1Request encodeV1(Operation op) throws IOException {
    out.reset();
    gen = newGenerator();
    JsonGenerator g = gen;
    String customer = op.person() != null && op.person().isIdentified() ? v1Identifier(op.person()) : null;
    String base = customer == null ? null : "/api/v1/customers/" + PathSegment.encodeForPath(customer);
    String method;
    String path;
    boolean body = true;
    switch (op.action()) {
      case IDENTIFY:
        method = "PUT";
        path = base;
        g.writeStartObject();
        writeV1Attributes(g, op.fields());
        if (op.person().anonymousId() != null) {
          g.writeStringField("anonymous_id", op.person().anonymousId());
        }
        g.writeNumberField("_timestamp", op.timestamp());
        if (op.updateOnly()) {
          g.writeBooleanField("_update", true);
        }
        g.writeEndObject();
        break;
      case EVENT:
      case ANONYMOUS_EVENT:
        method = "POST";
        path = op.action() == Action.EVENT ? base + "/events" : "/api/v1/events";
        g.writeStartObject();
        g.writeStringField("name", op.name());
        if (op.action() == Action.ANONYMOUS_EVENT && op.person().anonymousId() != null) {
          g.writeStringField("anonymous_id", op.person().anonymousId());
        }
        g.writeFieldName("id");
        writeUlid(g, op);
        g.writeNumberField("timestamp", op.timestamp());
        if (!op.fields().isEmpty()) {
          g.writeFieldName("data");
          writeObject(g, op.fields());
        }
        g.writeEndObject();
        break;
      case DELETE:
        method = "DELETE";
        path = base;
        body = false;
        break;
      case SUPPRESS:
      case UNSUPPRESS:
        method = "POST";
        path = base + "/" + op.action().wireName();
        body = false;
        break;
      case ADD_DEVICE:
        method = "PUT";
        path = base + "/devices";
        g.writeStartObject();
        g.writeFieldName("device");
        g.writeStartObject();
        g.writeStringField("id", op.device().token());
        writeDeviceCommon(g, op);
        g.writeEndObject();
        g.writeEndObject();
        break;
      case DELETE_DEVICE:
        method = "DELETE";
        path = base + "/devices/" + PathSegment.encodeForPath(op.deviceToken());
        body = false;
        break;
      case MERGE:
        method = "POST";
        path = "/api/v1/merge_customers";
        g.writeStartObject();
        g.writeFieldName("primary");
        writeIdentifiers(g, op.person());
        g.writeFieldName("secondary");
        writeIdentifiers(g, op.secondary());
        g.writeEndObject();
        break;
      default:
        throw new IllegalStateException(op.action().name());
    }
    g.flush();
    return new V1Request(method, path, body ? out.array() : null, body ? out.size() : 0);
  }

  /** 2^53: every integer up to it is exact as a double, so an integral double this small is that integer. */
  private static final double EXACT_INTEGERS = 9_007_199_254_740_992d;

  /**
   * A v1 identify's attributes as the spec types them: string, integer or boolean (plus the two named
   * object properties). An integral number is written as that integer; any other number as its exact
   * decimal text (a string is the one allowed type that carries it without rounding). {@code id} and
   * {@code email} are strings in the spec, so numbers there are written as text too. A null is left
   * out (the spec has no null; leaving an attribute out leaves it unchanged). A nested object or array
   * is refused at capture; one that reaches here anyway (a spooled call replayed after the API version
   * changed) fails the encoding and is counted as {@code encoding_failed}.
   */
  private static void writeV1Attributes(JsonGenerator g, Fields fields) throws IOException {
    for (int i = 0, n = fields.size(); i < n; i++) {
      String name = fields.name(i);
      Object v = fields.value(i);
      if (v == null) {
        continue;
      }
      if (v instanceof Fields f && io.trackweave.runtime.internal.capture.Capture.isV1ObjectAttribute(name)) {
        g.writeFieldName(name);
        writeObject(g, f);
        continue;
      }
      g.writeFieldName(name);
      boolean text = name.equals("id") || name.equals("email");
      switch (ValueKind.of(v)) {
        case STRING -> g.writeString((String) v);
        case BOOLEAN -> g.writeBoolean((Boolean) v);
        case LONG, SMALL_INTEGER, BIG_INTEGER -> {
          if (text) {
            g.writeString(v.toString());
          } else {
            writeValue(g, v);
          }
        }
        case DOUBLE, FLOAT, BIG_DECIMAL -> writeV1Number(g, v, text);
        case FIELDS, FIELD_ARRAY ->
            throw new IllegalArgumentException("attribute '" + name + "' is nested; v1 identify takes scalars only");
        case NULL, ENUM, TEXT, OTHER_NUMBER, OTHER -> g.writeString(v.toString()); // NULL: left out above
      }
    }
  }

  private static void writeV1Number(JsonGenerator g, Object v, boolean text) throws IOException {
    BigDecimal exact;
    if (v instanceof BigDecimal b) {
      exact = b;
    } else {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= EXACT_INTEGERS) {
        if (text) {
          g.writeString(Long.toString((long) d));
        } else {
          g.writeNumber((long) d);
        }
        return;
      }
      // the shortest decimal that reads back as this double: what a JSON number would have carried
      exact = new BigDecimal(v instanceof Float f ? Float.toString(f) : Double.toString(d));
    }
    BigDecimal stripped = exact.stripTrailingZeros();
    if (!text && stripped.scale() <= 0) {
      g.writeNumber(stripped.toBigIntegerExact());
    } else {
      g.writeString(stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString());
    }
  }

  /** The v1 path's person: a cio_id is written with its {@code cio_} prefix, as v1 requires. */
  static String v1Identifier(Person p) {
    if (p.type() == IdentifierType.CIO_ID && !p.id().startsWith("cio_")) {
      return "cio_" + p.id();
    }
    return p.id();
  }
}
