package io.trackweave.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.ObjectSpec;
import io.trackweave.processor.check.ValueNode;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.JavaShape.Kind;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.ObjectAction;
import io.trackweave.processor.model.Shapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Generates one mapper class per checked method, as source text rendered once (see {@link Code}; JavaPoet
 * spells the user's types). The mapper reads the payload's leaf values
 * field by field into {@code Fields}, with no reflection and nothing but trackweave-annotations types, the JDK
 * and the user's own types; it never throws into its caller (the one exception, a {@code VirtualMachineError}
 * other than StackOverflowError, is explained at {@code MapperSupport.failed}).
 *
 * <p>Shape of a mapper: constants {@code PLAN}, {@code PLAN_VERSION} (and {@code EVENT}); the
 * {@code EventMapper} methods the woven advice calls, which cast the arguments and delegate to the typed
 * static {@code afterReturn(...)} / {@code afterThrow(...)} that users without the agent may call directly;
 * and private {@code identify}/{@code track} methods that do the work.
 */
public final class MapperWriter {
  private static final String API = "io.trackweave.api";
  /** What only generated code calls, kept out of the user's API. */
  private static final String API_INTERNAL = "io.trackweave.api.internal";
  /** Every mapper imports these (and names all other types fully qualified). */
  private static final List<String> IMPORTS =
      List.of(API + ".Fields", API + ".IdentifierType", API + ".Person", API + ".Tracker", API + ".Trackweave",
          API_INTERNAL + ".EventMapper", API_INTERNAL + ".MapperSupport");
  private static final ClassName TRACKER = ClassName.get(API, "Tracker");
  private static final ClassName TRACKWEAVE = ClassName.get(API, "Trackweave");
  private static final ClassName FIELDS = ClassName.get(API, "Fields");
  private static final ClassName SUPPORT = ClassName.get(API_INTERNAL, "MapperSupport");
  private static final ClassName PERSON = ClassName.get(API, "Person");
  private static final ClassName IDENTIFIER_TYPE = ClassName.get(API, "IdentifierType");
  private static final ClassName OBJECT_REF = ClassName.get(API, "ObjectRef");
  /** The processor that writes mappers, as {@code @Generated} names it. */
  private static final String GENERATOR = "io.trackweave.processor.TrackweaveProcessor";
  /** Names a local must not take: they would obscure the packages of fully qualified type names. */
  private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "io", "com", "org", "net");

  private final Shapes shapes;
  /** {@code javax.annotation.processing.Generated} exists (JDK 9+, and the target release has it). */
  private final boolean generatedAvailable;

  public MapperWriter(Shapes shapes) {
    this.shapes = shapes;
    this.generatedAvailable = shapes.elements().getTypeElement("javax.annotation.processing.Generated") != null;
  }

  /** The mapper's source text. */
  public String write(MapperSpec spec) {
    MethodModel m = spec.model();
    List<? extends VariableElement> params = m.method().getParameters();
    List<String> paramTypes = new ArrayList<>();
    Set<String> reserved = new HashSet<>(PACKAGE_ROOTS);
    for (VariableElement p : params) {
      paramTypes.add(typed(p.asType(), m.packageName()));
      reserved.add(p.getSimpleName().toString());
    }
    String resultType = m.resultType() == null ? null : typed(m.resultType(), m.packageName());
    // the names a reader expects; a parameter of the same name keeps its own, and the local takes a suffix
    String resultName = take("result", reserved);
    String thrownName = take("thrown", reserved);
    String tracker = take("tracker", reserved);
    String failure = take("failure", reserved);

    boolean identifyOnReturn = m.identifies() && MethodModel.onReturn(m.identifyFire());
    boolean trackOnReturn = m.tracks() && MethodModel.onReturn(m.trackFire());
    boolean identifyOnThrow = m.identifies() && MethodModel.onThrow(m.identifyFire());
    boolean trackOnThrow = m.tracks() && MethodModel.onThrow(m.trackFire());
    boolean objectOnReturn = m.writesObject(); // objects are written after a normal return only
    // the person first (a relationship may need the profile), then the object, then the event
    List<String> returnActions = new ArrayList<>();
    List<String> throwActions = new ArrayList<>();
    if (identifyOnReturn) returnActions.add(IDENTIFY);
    if (objectOnReturn) returnActions.add(OBJECT);
    if (trackOnReturn) returnActions.add(TRACK);
    if (identifyOnThrow) throwActions.add(IDENTIFY);
    if (trackOnThrow) throwActions.add(TRACK);
    boolean onReturn = !returnActions.isEmpty();
    boolean onThrow = !throwActions.isEmpty();
    // an action's work is written once: inline when it is the only thing on its only path, else in a private
    // identify/object/track method that each path calls (Fire.ALWAYS, or several actions on one path)
    boolean split = returnActions.size() > 1 || throwActions.size() > 1
        || (identifyOnReturn && identifyOnThrow) || (trackOnReturn && trackOnThrow);

    Body body = new Body(spec, params, reserved, tracker);
    StringBuilder methods = new StringBuilder(4096);
    // EventMapper: what woven code calls, through MapperDispatch
    methods.append("\n  @Override\n  public void onReturn(Object[] args, Object result) {\n");
    boolean unchecked = false;
    if (onReturn) {
      methods.append("    afterReturn(");
      for (int i = 0; i < params.size(); i++) {
        methods.append(i == 0 ? "" : ", ").append(cast(paramTypes.get(i), "args[" + i + "]"));
        unchecked |= generic(paramTypes.get(i));
      }
      if (resultType != null) {
        methods.append(params.isEmpty() ? "" : ", ").append(cast(resultType, "result"));
        unchecked |= generic(resultType);
      }
      methods.append(");\n");
    }
    methods.append("  }\n\n  @Override\n  public void onThrow(Object[] args, Throwable thrown) {\n");
    if (onThrow) {
      methods.append("    afterThrow(");
      for (int i = 0; i < params.size(); i++) {
        methods.append(cast(paramTypes.get(i), "args[" + i + "]")).append(", ");
        unchecked |= generic(paramTypes.get(i));
      }
      methods.append("thrown);\n");
    }
    methods.append("  }\n");
    if (m.async()) {
      methods.append("\n  @Override\n  public boolean completesAsync() {\n    return true;\n  }\n");
    }

    // typed entry points, for calling the mapper without the agent
    String methodRef = (m.owner().getSimpleName() + "#" + m.method().getSimpleName()).replace("*/", "*&#47;");
    if (onReturn) {
      methods.append("\n  /**\n   * What {@code ").append(methodRef).append("} sends after it returns; never throws (except a")
          .append(" {@code VirtualMachineError} other than {@code StackOverflowError}: the JVM itself is failing).\n")
          .append("   */\n  public static void afterReturn(");
      params(methods, params, paramTypes, resultType == null ? null : resultType + " " + resultName);
      body.resultVar = resultName;
      path(methods, body, split, returnActions, failure,
          args(tracker, params, resultType != null ? resultName : null));
    }
    if (onThrow) {
      methods.append("\n  /**\n   * What {@code ").append(methodRef).append("} sends when it throws; never throws (except a")
          .append(" {@code VirtualMachineError} other than {@code StackOverflowError}: the JVM itself is failing).\n")
          .append("   */\n  public static void afterThrow(");
      params(methods, params, paramTypes, "Throwable " + thrownName);
      // the return value is never read on this path (the checker forbids it), so null stands in for it
      path(methods, body, split, throwActions, failure,
          args(tracker, params, resultType != null ? nullFor(m.resultType()) : null));
    }
    if (split) {
      body.resultVar = resultName;
      for (String action : List.of(IDENTIFY, OBJECT, TRACK)) {
        if (action.equals(IDENTIFY) ? !m.identifies() : action.equals(OBJECT) ? !m.writesObject() : !m.tracks()) {
          continue;
        }
        methods.append("\n  private static void ").append(action).append("(Tracker ").append(tracker)
            .append(params.isEmpty() && resultType == null ? "" : ", ");
        params(methods, params, paramTypes, resultType == null ? null : resultType + " " + resultName);
        body.of(action).writeTo(methods, 2);
        methods.append("  }\n");
      }
    }

    StringBuilder out = new StringBuilder(methods.length() + 1024);
    if (!m.packageName().isEmpty()) {
      out.append("package ").append(m.packageName()).append(";\n\n");
    }
    for (String imported : IMPORTS) {
      if (imported.equals(API + ".Person") && spec.object() != null) {
        out.append("import ").append(API).append(".ObjectRef;\n"); // in order, only where an object is written
      }
      out.append("import ").append(imported).append(";\n");
    }
    out.append("\n/**\n");
    for (String line : javadoc(spec).split("\n")) {
      out.append(" * ").append(line).append('\n');
    }
    out.append(" */\n");
    if (generatedAvailable) {
      // no date: the same sources generate the same text, byte for byte
      out.append("@javax.annotation.processing.Generated(\"").append(GENERATOR).append("\")\n");
    }
    List<String> suppressed = new ArrayList<>();
    if (unchecked) {
      suppressed.add("\"unchecked\""); // the casts of Object[] args to the method's generic parameter types
    }
    if (raw(m)) {
      suppressed.add("\"rawtypes\""); // the method's own raw parameter types, spelled as it spells them
    }
    if (deprecated(spec)) {
      suppressed.add("\"deprecation\""); // the mapper reads what the method's types expose, deprecated or not
    }
    if (suppressed.size() == 1) {
      out.append("@SuppressWarnings(").append(suppressed.get(0)).append(")\n");
    } else if (!suppressed.isEmpty()) {
      out.append("@SuppressWarnings({").append(String.join(", ", suppressed)).append("})\n");
    }
    out.append("public final class ").append(m.mapperSimpleName()).append(" implements EventMapper {\n");
    out.append("  public static final String PLAN = ").append(Code.literal(spec.planName())).append(";\n\n");
    out.append("  public static final int PLAN_VERSION = ").append(spec.planVersion()).append(";\n\n");
    if (m.tracks()) {
      out.append("  public static final String EVENT = ").append(Code.literal(m.event())).append(";\n\n");
    }
    if (spec.object() != null) {
      out.append("  /** The object type, as the plan names it. */\n")
          .append("  public static final String OBJECT_TYPE = ").append(Code.literal(spec.object().type().name()))
          .append(";\n\n")
          .append("  /** Customer.io's object_type_id of {@code ")
          .append(spec.object().type().name().replace("*/", "*&#47;")).append("}, from the plan. */\n")
          .append("  public static final String OBJECT_TYPE_ID = ").append(Code.literal(spec.object().type().typeId()))
          .append(";\n\n");
    }
    for (Map.Entry<String, List<String>> allowed : body.allowed.entrySet()) {
      out.append("  /** The plan's values of {@code ").append(allowed.getValue().get(0).replace("*/", "*&#47;"))
          .append("}: a String is checked against them when it is sent. */\n")
          .append("  private static final String[] ").append(allowed.getKey()).append(" = {");
      List<String> values = allowed.getValue().subList(1, allowed.getValue().size());
      for (int i = 0; i < values.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(Code.literal(values.get(i)));
      }
      out.append("};\n\n");
    }
    out.append("  public ").append(m.mapperSimpleName()).append("() {\n  }\n");
    return out.append(methods).append("}\n").toString();
  }

  private static String take(String wanted, Set<String> reserved) {
    String name = Scope.free(wanted, reserved);
    reserved.add(name);
    return name;
  }

  private static boolean generic(String type) {
    return type.indexOf('<') >= 0;
  }

  /** Whether a parameter or the result is of a raw generic type, which javac's -Xlint:rawtypes flags. */
  private boolean raw(MethodModel m) {
    for (VariableElement p : m.method().getParameters()) {
      if (raw(p.asType())) {
        return true;
      }
    }
    return m.resultType() != null && raw(m.resultType());
  }

  private static boolean raw(TypeMirror t) {
    if (t.getKind() == TypeKind.ARRAY) {
      return raw(((javax.lang.model.type.ArrayType) t).getComponentType());
    }
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    javax.lang.model.type.DeclaredType d = (javax.lang.model.type.DeclaredType) t;
    if (d.getTypeArguments().isEmpty()
        && !((javax.lang.model.element.TypeElement) d.asElement()).getTypeParameters().isEmpty()) {
      return true;
    }
    for (TypeMirror arg : d.getTypeArguments()) {
      if (raw(arg)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the mapper names a deprecated type or calls a deprecated accessor. */
  private boolean deprecated(MapperSpec spec) {
    MethodModel m = spec.model();
    for (VariableElement p : m.method().getParameters()) {
      if (deprecated(p.asType())) {
        return true;
      }
    }
    if (m.resultType() != null && deprecated(m.resultType())) {
      return true;
    }
    for (Binding b : java.util.stream.Stream.of(spec.customerId(), spec.anonymousId(), spec.timestamp())
        .filter(java.util.Objects::nonNull).toList()) {
      if (b.member() != null && shapes.elements().isDeprecated(b.member().element())) {
        return true;
      }
    }
    if (spec.object() != null) {
      Binding id = spec.object().id();
      if (id.member() != null && shapes.elements().isDeprecated(id.member().element())) {
        return true;
      }
      if (deprecated(spec.object().attributes()) || deprecated(spec.object().relationship())) {
        return true;
      }
    }
    return deprecated(spec.properties()) || deprecated(spec.attributes());
  }

  private boolean deprecated(List<Write> writes) {
    for (Write w : writes) {
      if ((w.member() != null && shapes.elements().isDeprecated(w.member().element()))
          || (w.binding() != null && w.binding().member() != null
              && shapes.elements().isDeprecated(w.binding().member().element()))
          || deprecated(w.node())) {
        return true;
      }
    }
    return false;
  }

  private boolean deprecated(ValueNode node) {
    if (node == null) {
      return false;
    }
    return deprecated(node.shape().type()) || deprecated(node.inner()) || deprecated(node.members());
  }

  private boolean deprecated(TypeMirror t) {
    if (t.getKind() == TypeKind.ARRAY) {
      return deprecated(((javax.lang.model.type.ArrayType) t).getComponentType());
    }
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    javax.lang.model.type.DeclaredType d = (javax.lang.model.type.DeclaredType) t;
    if (shapes.elements().isDeprecated(d.asElement())) {
      return true;
    }
    for (TypeMirror arg : d.getTypeArguments()) {
      if (deprecated(arg)) {
        return true;
      }
    }
    return false;
  }

  private static String javadoc(MapperSpec spec) {
    MethodModel m = spec.model();
    StringBuilder doc = new StringBuilder("Trackweave mapper of {@code ")
        .append(m.where().replace('$', '.')).append("}");
    List<String> what = new ArrayList<>();
    if (m.identifies()) {
      what.add("identifies the person" + (m.updateOnly() ? " (update only)" : "") + " on " + m.identifyFire());
    }
    if (spec.object() != null) {
      ObjectSpec o = spec.object();
      what.add((o.action().kind() == ObjectAction.Kind.DELETE ? "deletes" : "identifies") + " object {@code "
          + o.type().name() + "} (type_id " + o.type().typeId() + ")"
          + (o.action().relate() ? " related to the person" : "") + " on RETURN");
    }
    if (m.tracks()) {
      what.add("tracks {@code " + m.event() + "} on " + m.trackFire());
    }
    doc.append(": ").append(String.join(", and ", what)).append(".\n");
    doc.append(spec.planName() == null ? "Generated without a tracking plan (nothing was checked).\n"
        : "Checked against tracking plan {@code " + spec.planName() + "} version " + spec.planVersion() + ".\n");
    doc.append("Generated by the Trackweave annotation processor: do not edit.\n");
    return doc.toString().replace("*/", "*&#47;"); // an event name cannot end the comment early
  }

  /** The parameter list, a trailing parameter (or null), and the opening of the body. */
  private static void params(StringBuilder out, List<? extends VariableElement> params, List<String> types,
      String last) {
    for (int i = 0; i < params.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(types.get(i)).append(' ').append(params.get(i).getSimpleName());
    }
    if (last != null) {
      out.append(params.isEmpty() ? "" : ", ").append(last);
    }
    out.append(") {\n");
  }

  private static String args(String tracker, List<? extends VariableElement> params, String result) {
    StringBuilder sb = new StringBuilder(tracker);
    for (VariableElement p : params) {
      sb.append(", ").append(p.getSimpleName());
    }
    if (result != null) {
      sb.append(", ").append(result);
    }
    return sb.toString();
  }

  /** The body of a typed entry point, and its closing brace. */
  private static void path(StringBuilder out, Body body, boolean split, List<String> actions, String failure,
      String args) {
    Code.Builder code = Code.builder();
    code.addStatement("$T $L = $T.tracker()", TRACKER, body.tracker, TRACKWEAVE);
    code.beginControlFlow("if ($L == $T.NOOP)", body.tracker, TRACKER).addStatement("return").endControlFlow();
    for (String action : actions) {
      guarded(code, split ? Code.builder().add(action + "(").add(Code.of("$L", args)).add(")").endStatement().build()
          : body.of(action), action, body.tracker, failure);
    }
    code.build().writeTo(out, 2);
    out.append("  }\n");
  }

  private static void guarded(Code.Builder code, Code work, String what, String tracker, String failure) {
    code.beginControlFlow("try")
        .add(work)
        .nextControlFlow("catch ($T $L)", Throwable.class, failure)
        .addStatement("$T.failed($L, $L, $S, $L)", SUPPORT, tracker, what.equals("track") ? "EVENT" : "null",
            what, failure)
        .endControlFlow();
  }

  private static final String IDENTIFY = "identify";
  private static final String OBJECT = "object";
  private static final String TRACK = "track";

  private static String nullFor(TypeMirror type) {
    return switch (type.getKind()) {
      case BOOLEAN -> "false";
      case BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> "(" + type + ") 0";
      default -> "null";
    };
  }

  /**
   * The type the mapper's signatures use: the declared one when the mapper's package can name it, written
   * fully qualified (JavaPoet's spelling of a type mirror).
   */
  private String typed(TypeMirror type, String pkg) {
    if (type.getKind().isPrimitive()) {
      return TypeName.get(type).toString();
    }
    if (shapes.accessibleFrom(type, pkg)) {
      return TypeName.get(type).toString();
    }
    TypeMirror erased = shapes.types().erasure(type);
    if (shapes.accessibleFrom(erased, pkg)) {
      return TypeName.get(erased).toString();
    }
    return "Object";
  }

  private static String cast(String type, String expr) {
    return type.equals("Object") ? expr : "(" + type + ") " + expr;
  }

  /** The statements of {@code identify} and {@code track}; fresh local names per method body. */
  private final class Body {
    private final MapperSpec spec;
    private final List<? extends VariableElement> params;
    private final Set<String> reserved;
    /** The tracker's name in every method of the mapper. */
    final String tracker;
    /** Constants of the plan's enum values that Strings are checked against: name -> [path, values...]. */
    final Map<String, List<String>> allowed = new LinkedHashMap<>();
    private Scope scope;
    private String event = "null";
    /** The name of the return value's parameter in the method being written. */
    String resultVar;

    Body(MapperSpec spec, List<? extends VariableElement> params, Set<String> reserved, String tracker) {
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
    Code object() {
      scope = new Scope(reserved);
      event = "null";
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

    Code identify() {
      scope = new Scope(reserved);
      event = "null";
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

    Code track() {
      scope = new Scope(reserved);
      event = "EVENT";
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
          value(code, first.node(), source, fieldsSink(builder, first.name()), first.path(), first.required());
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
          value(code, w.node(), root + "." + w.binding().member().accessor() + "()", fieldsSink(builder, w.name()),
              w.path(), w.required());
          if (w.required()) {
            absent.add(violation(w.path()));
          }
        }
        if (!absent.isEmpty()) {
          code.nextControlFlow("else").add(absent.build());
        }
        code.endControlFlow();
        i = end;
      }
    }

    private Code violation(String path) {
      return Code.builder().addStatement("$T.missing($L, $L, $S)", SUPPORT, tracker, event, path).build();
    }

    private Sink fieldsSink(String builder, String name) {
      return new Sink(builder, Code.of("$S", name), name, null, null);
    }

    private Sink fieldsSink(String builder, Code name) {
      return new Sink(builder, name, null, null, null);
    }

    private Sink arraySink(String array, String index) {
      return new Sink(null, null, null, array, index);
    }

    /**
     * Where a converted value goes: a Fields builder under a name ({@code literal} is the name when it is a
     * constant), or an array slot.
     */
    private record Sink(String builder, Code name, String literal, String array, String index) {
      /** Stores a value that is not null. */
      Code store(Code value, boolean dynamic) {
        return array != null
            ? Code.builder().addStatement("$L[$L] = $L", array, index, value).build()
            : Code.builder().addStatement("$L.$L($L, $L)", builder, dynamic ? "putValue" : "put", name, value)
                .build();
      }

      /**
       * Stores a value that may be null, in one statement: a null is left out (an array slot stays null),
       * and a null {@code required} property is reported by {@code MapperSupport.required}.
       */
      Code storeNullable(Code value, String requiredPath, String tracker, String event) {
        if (array != null) {
          return Code.builder().addStatement("$L[$L] = $L", array, index, value).build();
        }
        if (requiredPath == null) {
          return Code.builder().addStatement("$L.putOptional($L, $L)", builder, name, value).build();
        }
        if (requiredPath.equals(literal)) {
          return Code.builder()
              .addStatement("MapperSupport.required($L, $L, $L, $L, $L)", builder, name, value, tracker, event).build();
        }
        return Code.builder().addStatement("MapperSupport.required($L, $L, $L, $L, $L, $S)", builder, name, value,
            tracker, event, requiredPath).build();
      }
    }

    /**
     * Evaluates {@code source} once and stores its value; a null value stores nothing and, when
     * {@code required}, is reported as the violation of the property at {@code path}.
     */
    private void value(Code.Builder code, ValueNode node, String source, Sink sink, String path, boolean required) {
      String requiredPath = required ? path : null;
      if (!node.shape().kind().reference()) {
        code.add(sink.store(leaf(node, source), false));
        return;
      }
      Code simple = nullable(node, Code.of("$L", source), path);
      if (simple != null) {
        code.add(sink.storeNullable(simple, requiredPath, tracker, event));
        return;
      }
      Code onNull = requiredPath == null ? null : violation(requiredPath);
      String v = source;
      if (!SourceVersion.isIdentifier(source)) {
        v = local(path, source); // read once: a getter may compute, and the value may change under us
        code.addStatement("var $L = $L", v, source);
      }
      code.beginControlFlow("if ($L != null)", v);
      present(code, node, v, sink, onNull, path);
      if (onNull != null) {
        code.nextControlFlow("else").add(onNull);
      }
      code.endControlFlow();
    }

    /**
     * For a scalar (or an Optional of one), one expression that evaluates {@code expr} once and is its
     * Fields value, or null when {@code expr} is null or empty; null for structured values, which need
     * statements.
     */
    private Code nullable(ValueNode node, Code expr, String path) {
      return switch (node.shape().kind()) {
        case STRING -> {
          Code value = node.normalize().isEmpty() ? expr
              : Code.of("$T.normalized($L, $S)", SUPPORT, expr, String.join(",", node.normalize()));
          yield node.allowed() == null ? value
              : Code.of("$T.oneOf($L, $L, $L, $S, $L)", SUPPORT, value, tracker, event, path, allowedConstant(node, path));
        }
        case BIG_INTEGER, BIG_DECIMAL, BOOLEAN_BOX, ANY -> expr;
        case TO_STRING, CHAR_BOX, LOCAL_DATE -> Code.of("$T.text($L)", SUPPORT, expr);
        case INT_BOX -> Code.of("$T.integer($L)", SUPPORT, expr);
        case DOUBLE_BOX -> Code.of("$T.number($L)", SUPPORT, expr);
        case ENUM -> Code.of("$T.$L($L)", SUPPORT, node.snakeCase() ? "snakeName" : "name", expr);
        case INSTANT -> Code.of("$T.$L($L)", SUPPORT, node.iso() ? "text" : "seconds", expr);
        case OFFSET_TIME -> Code.of("$T.$L($L)", SUPPORT, node.iso() ? "isoOffset" : "seconds", expr);
        case OPTIONAL_INT, OPTIONAL_DOUBLE -> Code.of("$T.orNull($L)", SUPPORT, expr);
        case OPTIONAL -> node.inner().shape().kind().reference()
            ? nullable(node.inner(), Code.of("$T.orNull($L)", SUPPORT, expr), path) : null;
        default -> null;
      };
    }

    /** The constant holding the plan's values for a String at {@code path}, declared once per mapper. */
    private String allowedConstant(ValueNode node, String path) {
      String base = Scope.constant(path) + "_VALUES";
      String name = base;
      for (int i = 2; allowed.containsKey(name) && !allowed.get(name).get(0).equals(path); i++) {
        name = base + i;
      }
      List<String> entry = new ArrayList<>();
      entry.add(path);
      entry.addAll(node.allowed());
      allowed.putIfAbsent(name, entry);
      return name;
    }

    /**
     * The local that holds {@code source} ({@code order.items()}): {@code items}, or {@code orderItems} when
     * a parameter is already called {@code items}.
     */
    private String local(String path, String source) {
      String camel = Scope.camel(path);
      if (path.endsWith("[]")) {
        camel = Scope.singular(camel);
      }
      int dot = source.indexOf('.');
      if (scope.taken(camel) && dot > 0 && SourceVersion.isIdentifier(source.substring(0, dot))) {
        String qualified = source.substring(0, dot) + Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
        if (!scope.taken(qualified)) {
          return scope.name(qualified);
        }
      }
      return scope.name(camel);
    }

    /** {@code v} is not null. */
    private void present(Code.Builder code, ValueNode node, String v, Sink sink, Code onEmpty, String path) {
      Kind kind = node.shape().kind();
      String camel = path.endsWith("[]") ? Scope.singular(Scope.camel(path)) : Scope.camel(path);
      switch (kind) {
        case OPTIONAL -> {
          code.beginControlFlow("if ($L.isPresent())", v);
          String w = scope.name(camel + "Value");
          code.addStatement("var $L = $L.get()", w, v);
          present(code, node.inner(), w, sink, null, path);
          if (onEmpty != null) {
            code.nextControlFlow("else").add(onEmpty);
          }
          code.endControlFlow();
        }
        case JAVA_ARRAY, COLLECTION -> {
          String one = Scope.singular(camel);
          String a = scope.name(one + "Values");
          String i = scope.name(one + "Count");
          String e = scope.name(one);
          code.addStatement("var $L = new Object[$L.$L]", a, v, kind == Kind.JAVA_ARRAY ? "length" : "size()");
          code.addStatement("int $L = 0", i);
          code.beginControlFlow("for (var $L : $L)", e, v);
          // a collection that grows while it is read is cut at the size it had
          code.addStatement("if ($L == $L.length) break", i, a);
          value(code, node.inner(), e, arraySink(a, i), path + "[]", false);
          code.addStatement("$L++", i);
          code.endControlFlow();
          code.add(sink.store(Code.of("$T.array($L, $L)", SUPPORT, a, i), false));
        }
        case MAP -> {
          String b = scope.name(camel + "Fields");
          String e = scope.name(camel + "Entry");
          code.addStatement("var $L = $T.builder($L.size())", b, FIELDS, v);
          code.beginControlFlow("for (var $L : $L.entrySet())", e, v);
          code.beginControlFlow("if ($L.getKey() != null)", e);
          value(code, node.inner(), e + ".getValue()", fieldsSink(b, Code.of("$L.getKey()", e)), path + ".*", false);
          code.endControlFlow();
          code.endControlFlow();
          code.add(sink.store(Code.of("$L.build()", b), false));
        }
        case OBJECT -> {
          String b = scope.name(camel + "Fields");
          code.addStatement("var $L = $T.builder($L)", b, FIELDS, node.members().size());
          for (Write member : node.members()) {
            value(code, member.node(), v + "." + member.member().accessor() + "()", fieldsSink(b, member.name()),
                member.path(), member.required());
          }
          code.add(sink.store(Code.of("$L.build()", b), false));
        }
        case ANY -> code.add(sink.store(Code.of("$L", v), true));
        default -> code.add(sink.store(leafOrConverted(node, v, path), false));
      }
    }

    /** A non-null scalar held in {@code v} (a local, so evaluating it twice costs nothing). */
    private Code leafOrConverted(ValueNode node, String v, String path) {
      if (node.shape().kind().reference()) {
        Code converted = nullable(node, Code.of("$L", v), path);
        if (converted != null) {
          return converted;
        }
      }
      return leaf(node, v);
    }

    /** The Fields value of a primitive {@code v}. */
    private Code leaf(ValueNode node, String v) {
      return switch (node.shape().kind()) {
        case BOOLEAN -> Code.of("$L", v);
        case CHAR -> Code.of("String.valueOf($L)", v);
        case INT -> node.shape().type().getKind() == TypeKind.LONG ? Code.of("$L", v) : Code.of("(long) $L", v);
        case DOUBLE -> node.shape().type().getKind() == TypeKind.DOUBLE ? Code.of("$L", v)
            : Code.of("(double) $L", v);
        default -> throw new IllegalStateException("not a primitive: " + node.shape().kind());
      };
    }
  }
}
