package io.trackweave.runtime.internal.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.ValueKind;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Ulid;
import io.trackweave.runtime.internal.operation.V1ObjectAttributes;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes one operation as the Track API's v1 request: its method, its per-customer path and its body
 * (event data in {@code data}; identify attributes as the spec's scalars). One per sender thread; the
 * body is reused, so not thread-safe.
 */
final class V1Encoder {
  private final GrowableBytes out = new GrowableBytes(16 * 1024);
  private final char[] ulidChars = new char[26];

  /** The v1 request for one operation. The body is valid until the next call. */
  V1Request encode(Operation op) throws IOException {
    out.reset();
    JsonGenerator g = JsonValues.FACTORY.createGenerator(out, JsonEncoding.UTF8);
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
          JsonValues.writeObject(g, op.fields());
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
        JsonValues.writeTrackDevice(g, op);
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
        JsonValues.writeIdentifiers(g, op.person());
        g.writeFieldName("secondary");
        JsonValues.writeIdentifiers(g, op.secondary());
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
      if (v instanceof Fields f && V1ObjectAttributes.contains(name)) {
        g.writeFieldName(name);
        JsonValues.writeObject(g, f);
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
            JsonValues.writeValue(g, v);
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

  private void writeUlid(JsonGenerator g, Operation op) throws IOException {
    Ulid.fill(op.idHigh(), op.idLow(), ulidChars);
    g.writeString(ulidChars, 0, 26);
  }
}
