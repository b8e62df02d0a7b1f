package io.trackweave.runtime.internal.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.Person;
import io.trackweave.api.ValueKind;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How a property value, a {@link Fields} and a person's identifiers are written as JSON, the same for every
 * API's encoder (Track v2 items, v1 requests, Pipelines calls).
 */
final class JsonValues {
  /** One factory for every encoder: the generators write into buffers the encoders own and reuse. */
  static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private JsonValues() {}

  /** A double as Customer.io's text attributes show it: integral values without {@code .0}. */
  static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
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

  /** {@code {"<type>": "<id>"}}: the Track API's {@code identifiers} object. */
  static void writeIdentifiers(JsonGenerator g, Person p) throws IOException {
    g.writeStartObject();
    g.writeStringField(p.type().wireName(), p.id());
    g.writeEndObject();
  }

  /** A device's members as both Track API versions write them: platform, last use, string attributes. */
  static void writeTrackDevice(JsonGenerator g, Operation op) throws IOException {
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
}
