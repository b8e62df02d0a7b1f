package io.trackweave.processor.write;

import static io.trackweave.processor.write.ApiTypes.FIELDS;
import static io.trackweave.processor.write.ApiTypes.IDENTIFIER_TYPE;
import static io.trackweave.processor.write.ApiTypes.OBJECT_REF;
import static io.trackweave.processor.write.ApiTypes.PERSON;
import static io.trackweave.processor.write.ApiTypes.TRACKER;

import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.ObjectSpec;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.JavaShape.Kind;
import io.trackweave.processor.model.ObjectAction;
import io.trackweave.processor.model.Shapes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The statements of a mapper's actions ({@code identify}, {@code object}, {@code track}): who the person is,
 * the object's reference, the event time and dedupe key, and the calls on the tracker. Each action gets fresh
 * local names; the values it sends are written by a {@link ValueWriter}.
 */
final class ActionWriter {
  static final String IDENTIFY = "identify";
  static final String OBJECT = "object";
  static final String TRACK = "track";

  private final Shapes shapes;
  private final MapperSpec spec;
  private final List<? extends VariableElement> params;
  private final Set<String> reserved;
  /** The tracker's name in every method of the mapper. */
  final String tracker;
  /** Constants of the plan's enum values that Strings are checked against: name -> [path, values...]. */
  final Map<String, List<String>> allowed = new LinkedHashMap<>();
  private Scope scope;
  /** The value writer of the action being written (its locals come from {@link #scope}). */
  private ValueWriter values;
  /** The name of the return value's parameter in the method being written. */
  String resultVar;

  ActionWriter(Shapes shapes, MapperSpec spec, List<? extends VariableElement> params, Set<String> reserved,
      String tracker) {
    this.shapes = shapes;
    this.spec = spec;
    this.params = params;
    this.reserved = new HashSet<>(reserved);
    this.reserved.add(tracker);
    this.tracker = tracker;
  }

  /** The statements of one action: {@code identify}, {@code object} or {@code track}. */
  Code of(String action) {
    return switch (action) {
      case IDENTIFY -> identify();
      case OBJECT -> object();
      default -> track();
    };
  }

  /** {@code identifyObject} (relating the person in the same call, or with its own {@code relate}), or {@code deleteObject}. */
  private Code object() {
    scope = new Scope(reserved);
    values = new ValueWriter(scope, tracker, "null", allowed);
    ObjectSpec object = spec.object();
    Code.Builder code = Code.builder();
    String where = spec.model().where();
    Id id = person(code, object.id(), "objectId");
    if (id.nullable()) {
      code.beginControlFlow("if ($L == null)", id.name())
          .addStatement("$L.violation(null, null, $S)", tracker,
              "object " + object.type().name() + " not sent: the object id is null (" + where + ")")
          .addStatement("return")
          .endControlFlow();
    }
    String ref = scope.name("object");
    code.addStatement("$T $L = $T.of(OBJECT_TYPE_ID, $L)", OBJECT_REF, ref, OBJECT_REF, id.name());
    if (object.action().kind() == ObjectAction.Kind.DELETE) {
      code.addStatement("$L.deleteObject($L)", tracker, ref);
      return code.build();
    }
    Code person = Code.of("null");
    String customerId = null;
    boolean personNullable = false;
    if (object.action().relate()) {
      Id customer = person(code, spec.customerId(), "customerId");
      customerId = customer.name();
      personNullable = customer.nullable();
      if (personNullable) {
        code.beginControlFlow("if ($L == null)", customerId)
            .addStatement("$L.violation(null, null, $S)", tracker, "object " + object.type().name()
                + " not related to a person: the customer id is null (" + where + ")")
            .endControlFlow();
      }
      Code identified = Code.of("$T.identified($T.$L, $L)", PERSON, IDENTIFIER_TYPE, spec.identifierType().name(),
          customerId);
      person = personNullable ? Code.of("$L == null ? null : $L", customerId, identified) : identified;
    }
    String attributes = scope.name("attributes");
    code.addStatement("$T.Builder $L = $T.builder($L)", FIELDS, attributes, FIELDS, object.attributes().size());
    writeAll(code, object.attributes(), attributes);
    if (object.relationship().isEmpty()) {
      code.addStatement("$L.identifyObject($L, $L.build(), $L)", tracker, ref, attributes, person);
      return code.build();
    }
    // the relationship has attributes of its own, which only relate carries; the person still goes with
    // the identify, because the Data Pipelines API writes an object's attributes only through a person
    code.addStatement("$L.identifyObject($L, $L.build(), $L)", tracker, ref, attributes, person);
    if (personNullable) {
      code.beginControlFlow("if ($L != null)", customerId);
    }
    String relationship = scope.name("relationship");
    code.addStatement("$T.Builder $L = $T.builder($L)", FIELDS, relationship, FIELDS, object.relationship().size());
    writeAll(code, object.relationship(), relationship);
    code.addStatement("$L.relate($T.identified($T.$L, $L), $L, $L.build(), true)", tracker, PERSON, IDENTIFIER_TYPE,
        spec.identifierType().name(), customerId, ref, relationship);
    if (personNullable) {
      code.endControlFlow();
    }
    return code.build();
  }

  private Code identify() {
    scope = new Scope(reserved);
    values = new ValueWriter(scope, tracker, "null", allowed);
    Code.Builder code = Code.builder();
    Id id = person(code, spec.customerId(), "customerId");
    String customerId = id.name();
    if (id.nullable()) {
      code.beginControlFlow("if ($L == null)", customerId)
          .addStatement("$L.violation(null, null, $S)", tracker,
              "identify not sent: the customer id is null (" + spec.model().where() + ")")
          .addStatement("return")
          .endControlFlow();
    }
    String anonymous = "null";
    if (spec.anonymousId() != null) {
      anonymous = person(code, spec.anonymousId(), "anonymousId").name();
    }
    String attributes = scope.name("attributes");
    code.addStatement("$T.Builder $L = $T.builder($L)", FIELDS, attributes, FIELDS, spec.attributes().size());
    writeAll(code, spec.attributes(), attributes);
    code.addStatement("$L.identify(new $T($T.$L, $L, $L), $L.build(), $L)",
        tracker, PERSON, IDENTIFIER_TYPE, spec.identifierType().name(), customerId, anonymous, attributes,
        spec.model().updateOnly());
    return code.build();
  }

  private Code track() {
    scope = new Scope(reserved);
    values = new ValueWriter(scope, tracker, "EVENT", allowed);
    Code.Builder code = Code.builder();
    String notSent = "event not sent: no customer id and no anonymous id (" + spec.model().where() + ")";
    Code person;
    if (spec.customerId() != null && spec.anonymousId() != null) {
      String customerId = person(code, spec.customerId(), "customerId").name();
      String anonymousId = person(code, spec.anonymousId(), "anonymousId").name();
      String who = scope.name("person");
      code.addStatement("$T $L = $L != null ? new $T($T.$L, $L, $L)"
              + " : $L != null ? $T.anonymous($L) : null",
          PERSON, who, customerId, PERSON, IDENTIFIER_TYPE, spec.identifierType().name(), customerId, anonymousId,
          anonymousId, PERSON, anonymousId);
      code.beginControlFlow("if ($L == null)", who)
          .addStatement("$L.violation(EVENT, null, $S)", tracker, notSent).addStatement("return").endControlFlow();
      person = Code.of("$L", who);
    } else {
      boolean identified = spec.customerId() != null;
      Id id = person(code, identified ? spec.customerId() : spec.anonymousId(),
          identified ? "customerId" : "anonymousId");
      String var = id.name();
      if (id.nullable()) {
        code.beginControlFlow("if ($L == null)", var)
            .addStatement("$L.violation(EVENT, null, $S)", tracker, notSent).addStatement("return").endControlFlow();
      }
      person = identified
          ? Code.of("$T.identified($T.$L, $L)", PERSON, IDENTIFIER_TYPE, spec.identifierType().name(), var)
          : Code.of("$T.anonymous($L)", PERSON, var);
    }
    String properties = scope.name("properties");
    code.addStatement("$T.Builder $L = $T.builder($L)", FIELDS, properties, FIELDS, spec.properties().size());
    writeAll(code, spec.properties(), properties);
    Code time = Code.of("$T.NOW", TRACKER);
    Binding ts = spec.timestamp();
    if (ts != null) {
      Kind kind = shapes.of(ts.type()).kind();
      String seconds = switch (kind) {
        case INSTANT -> ".getEpochSecond()";
        case OFFSET_TIME -> ".toEpochSecond()";
        case INT_BOX -> ".longValue()";
        default -> "";
      };
      boolean rootNullable = ts.member() != null && rootIsReference(ts);
      String source = ts.member() == null ? root(ts) : root(ts) + "." + ts.member().accessor() + "()";
      if (!kind.reference() && !rootNullable) {
        time = Code.of("$L", source);
      } else {
        if (rootNullable) {
          source = root(ts) + " == null ? null : " + source;
        }
        String when = scope.name("eventTime");
        String seconds2 = scope.name("timestamp");
        code.addStatement("var $L = $L", when, source);
        code.addStatement("long $L = $L == null ? $T.NOW : $L$L", seconds2, when, TRACKER, when, seconds);
        time = Code.of("$L", seconds2);
      }
    }
    if (spec.dedupe() != null) {
      String fields = scope.name("fields");
      String dedupeKey = scope.name("dedupeKey");
      code.addStatement("$T $L = $L.build()", FIELDS, fields, properties);
      code.addStatement("Object $L = $L.get($S)", dedupeKey, fields, spec.dedupe());
      code.addStatement("$L.track($L, EVENT, $L, $L, $L == null ? null : String.valueOf($L))",
          tracker, person, fields, time, dedupeKey, dedupeKey);
    } else {
      code.addStatement("$L.track($L, EVENT, $L.build(), $L, null)", tracker, person, properties, time);
    }
    return code.build();
  }

  /** An identifier's text: a local, or the String parameter itself. */
  private record Id(String name, boolean nullable) {}

  /**
   * The identifier's text as a String: the parameter itself when it is one, else a local named
   * {@code wanted} (or a free variant of it).
   */
  private Id person(Code.Builder code, Binding b, String wanted) {
    if (b.member() == null && shapes.of(b.type()).kind() == Kind.STRING) {
      return new Id(root(b), true);
    }
    String var = scope.name(wanted);
    return new Id(var, declare(code, b, var));
  }

  /** Declares {@code String var} holding the identifier's text; returns whether it may be null. */
  private boolean declare(Code.Builder code, Binding b, String var) {
    Kind kind = shapes.of(b.type()).kind();
    boolean rootNullable = b.member() != null && rootIsReference(b);
    String source = b.member() == null ? root(b) : root(b) + "." + b.member().accessor() + "()";
    if (!kind.reference()) {
      code.addStatement("String $L = $L$L", var, rootNullable ? root(b) + " == null ? null : " : "",
          "String.valueOf(" + source + ")");
      return rootNullable;
    }
    if (kind == Kind.STRING) {
      code.addStatement("String $L = $L$L", var, rootNullable ? root(b) + " == null ? null : " : "", source);
      return true;
    }
    String v = scope.name(var + "Value");
    code.addStatement("var $L = $L$L", v, rootNullable ? root(b) + " == null ? null : " : "", source);
    code.addStatement("String $L = $L == null ? null : $L.toString()", var, v, v);
    return true;
  }

  private String root(Binding b) {
    return b.fromResult() ? resultVar : params.get(b.root()).getSimpleName().toString();
  }

  private boolean rootIsReference(Binding b) {
    TypeMirror t = b.fromResult() ? spec.model().resultType() : params.get(b.root()).asType();
    return t.getKind() == TypeKind.DECLARED || t.getKind() == TypeKind.ARRAY || t.getKind() == TypeKind.TYPEVAR;
  }

  /**
   * The top-level properties or attributes into {@code builder}. Consecutive values read from the same
   * payload share one null check of it; when it is null, each required property it feeds is a violation.
   */
  private void writeAll(Code.Builder code, List<Write> writes, String builder) {
    int i = 0;
    while (i < writes.size()) {
      Write first = writes.get(i);
      Binding b = first.binding();
      if (b.member() == null || !rootIsReference(b)) {
        String source = b.member() == null ? root(b) : root(b) + "." + b.member().accessor() + "()";
        values.field(code, first.node(), source, builder, first.name(), first.path(), first.required());
        i++;
        continue;
      }
      int end = i;
      while (end < writes.size() && writes.get(end).binding().member() != null
          && writes.get(end).binding().root() == b.root()) {
        end++;
      }
      String root = root(b);
      code.beginControlFlow("if ($L != null)", root);
      Code.Builder absent = Code.builder();
      for (Write w : writes.subList(i, end)) {
        values.field(code, w.node(), root + "." + w.binding().member().accessor() + "()", builder, w.name(),
            w.path(), w.required());
        if (w.required()) {
          absent.add(values.violation(w.path()));
        }
      }
      if (!absent.isEmpty()) {
        code.nextControlFlow("else").add(absent.build());
      }
      code.endControlFlow();
      i = end;
    }
  }
}
