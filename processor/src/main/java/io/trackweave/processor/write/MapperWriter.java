package io.trackweave.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.ValueNode;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.JavaShape.Kind;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.Shapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
  /** Every mapper imports these (and names all other types fully qualified). */
  private static final List<String> IMPORTS =
      List.of("EventMapper", "Fields", "IdentifierType", "MapperSupport", "Person", "Tracker", "Trackweave");
  private static final ClassName TRACKER = ClassName.get(API, "Tracker");
  private static final ClassName TRACKWEAVE = ClassName.get(API, "Trackweave");
  private static final ClassName FIELDS = ClassName.get(API, "Fields");
  private static final ClassName SUPPORT = ClassName.get(API, "MapperSupport");
  private static final ClassName PERSON = ClassName.get(API, "Person");
  private static final ClassName IDENTIFIER_TYPE = ClassName.get(API, "IdentifierType");
  private static final String TRACKER_VAR = "twTracker";
  private static final String RESULT_VAR = "twResult";

  private final Shapes shapes;

  public MapperWriter(Shapes shapes) {
    this.shapes = shapes;
  }

  /** The mapper's source text. */
  public String write(MapperSpec spec) {
    MethodModel m = spec.model();
    List<? extends VariableElement> params = m.method().getParameters();
    List<String> paramTypes = new ArrayList<>();
    Set<String> paramNames = new HashSet<>();
    for (VariableElement p : params) {
      paramTypes.add(typed(p.asType(), m.packageName()));
      paramNames.add(p.getSimpleName().toString());
    }
    String resultType = m.resultType() == null ? null : typed(m.resultType(), m.packageName());

    StringBuilder out = new StringBuilder(4096);
    if (!m.packageName().isEmpty()) {
      out.append("package ").append(m.packageName()).append(";\n\n");
    }
    for (String imported : IMPORTS) {
      out.append("import ").append(API).append('.').append(imported).append(";\n");
    }
    out.append("\n/**\n");
    for (String line : javadoc(spec).split("\n")) {
      out.append(" * ").append(line).append('\n');
    }
    out.append(" */\n@SuppressWarnings({\"unchecked\", \"rawtypes\", \"deprecation\"})\n")
        .append("public final class ").append(m.mapperSimpleName()).append(" implements EventMapper {\n");
    out.append("  public static final String PLAN = ").append(Code.literal(spec.planName())).append(";\n\n");
    out.append("  public static final int PLAN_VERSION = ").append(spec.planVersion()).append(";\n\n");
    if (m.tracks()) {
      out.append("  public static final String EVENT = ").append(Code.literal(m.event())).append(";\n\n");
    }
    out.append("  public ").append(m.mapperSimpleName()).append("() {\n  }\n");

    boolean identifyOnReturn = m.identifies() && MethodModel.onReturn(m.identifyFire());
    boolean trackOnReturn = m.tracks() && MethodModel.onReturn(m.trackFire());
    boolean identifyOnThrow = m.identifies() && MethodModel.onThrow(m.identifyFire());
    boolean trackOnThrow = m.tracks() && MethodModel.onThrow(m.trackFire());
    boolean onReturn = identifyOnReturn || trackOnReturn;
    boolean onThrow = identifyOnThrow || trackOnThrow;
    String resultName = free("result", paramNames);
    String thrownName = free("thrown", paramNames);

    // EventMapper: what woven code calls, through MapperDispatch
    out.append("\n  @Override\n  public void onReturn(Object[] args, Object result) {\n");
    if (onReturn) {
      out.append("    afterReturn(");
      for (int i = 0; i < params.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(cast(paramTypes.get(i), "args[" + i + "]"));
      }
      if (resultType != null) {
        out.append(params.isEmpty() ? "" : ", ").append(cast(resultType, "result"));
      }
      out.append(");\n");
    }
    out.append("  }\n\n  @Override\n  public void onThrow(Object[] args, Throwable thrown) {\n");
    if (onThrow) {
      out.append("    afterThrow(");
      for (int i = 0; i < params.size(); i++) {
        out.append(cast(paramTypes.get(i), "args[" + i + "]")).append(", ");
      }
      out.append("thrown);\n");
    }
    out.append("  }\n");
    if (m.async()) {
      out.append("\n  @Override\n  public boolean completesAsync() {\n    return true;\n  }\n");
    }

    // typed entry points, for calling the mapper without the agent; the work is inlined into them when one
    // action fires on a path, and split into private identify/track methods when both do
    String methodRef = (m.owner().getSimpleName() + "#" + m.method().getSimpleName()).replace("*/", "*&#47;");
    Body body = new Body(spec, params);
    boolean split = (identifyOnReturn && trackOnReturn) || (identifyOnThrow && trackOnThrow);
    if (onReturn) {
      out.append("\n  /**\n   * What {@code ").append(methodRef).append("} sends after it returns; never throws (except a")
          .append(" {@code VirtualMachineError} other than {@code StackOverflowError}: the JVM itself is failing).\n")
          .append("   */\n  public static void afterReturn(");
      params(out, params, paramTypes, resultType == null ? null : resultType + " " + resultName);
      body.resultVar = split ? RESULT_VAR : resultName;
      path(out, body, split, identifyOnReturn, trackOnReturn, args(params, resultType != null ? resultName : null));
    }
    if (onThrow) {
      out.append("\n  /**\n   * What {@code ").append(methodRef).append("} sends when it throws; never throws (except a")
          .append(" {@code VirtualMachineError} other than {@code StackOverflowError}: the JVM itself is failing).\n")
          .append("   */\n  public static void afterThrow(");
      params(out, params, paramTypes, "Throwable " + thrownName);
      // the return value is never read on this path (the checker forbids it), so null stands in for it
      path(out, body, split, identifyOnThrow, trackOnThrow,
          args(params, resultType != null ? nullFor(m.resultType()) : null));
    }
    if (split) {
      out.append("\n  private static void identify(Tracker ").append(TRACKER_VAR).append(params.isEmpty() && resultType == null ? "" : ", ");
      params(out, params, paramTypes, resultType == null ? null : resultType + " " + RESULT_VAR);
      body.identify().writeTo(out, 2);
      out.append("  }\n");
      out.append("\n  private static void track(Tracker ").append(TRACKER_VAR).append(params.isEmpty() && resultType == null ? "" : ", ");
      params(out, params, paramTypes, resultType == null ? null : resultType + " " + RESULT_VAR);
      body.track().writeTo(out, 2);
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  private static String javadoc(MapperSpec spec) {
    MethodModel m = spec.model();
    StringBuilder doc = new StringBuilder("Trackweave mapper of {@code ")
        .append(m.where().replace('$', '.')).append("}");
    List<String> what = new ArrayList<>();
    if (m.identifies()) {
      what.add("identifies the person" + (m.updateOnly() ? " (update only)" : "") + " on " + m.identifyFire());
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

  private static String free(String wanted, Set<String> taken) {
    return taken.contains(wanted) ? "tw" + Character.toUpperCase(wanted.charAt(0)) + wanted.substring(1) : wanted;
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

  private static String args(List<? extends VariableElement> params, String result) {
    StringBuilder sb = new StringBuilder(TRACKER_VAR);
    for (VariableElement p : params) {
      sb.append(", ").append(p.getSimpleName());
    }
    if (result != null) {
      sb.append(", ").append(result);
    }
    return sb.toString();
  }

  /** The body of a typed entry point, and its closing brace. */
  private static void path(StringBuilder out, Body body, boolean split, boolean identify, boolean track, String args) {
    Code.Builder code = Code.builder();
    code.addStatement("$T $L = $T.tracker()", TRACKER, TRACKER_VAR, TRACKWEAVE);
    code.beginControlFlow("if ($L == $T.NOOP)", TRACKER_VAR, TRACKER).addStatement("return").endControlFlow();
    if (identify) {
      guarded(code, split ? Code.builder().add("identify(").add(Code.of("$L", args)).add(")").endStatement().build()
          : body.identify(), "identify");
    }
    if (track) {
      guarded(code, split ? Code.builder().add("track(").add(Code.of("$L", args)).add(")").endStatement().build()
          : body.track(), "track");
    }
    code.build().writeTo(out, 2);
    out.append("  }\n");
  }

  private static void guarded(Code.Builder code, Code work, String what) {
    code.beginControlFlow("try")
        .add(work)
        .nextControlFlow("catch ($T twFailure)", Throwable.class)
        .addStatement("$T.failed($L, $L, $S, twFailure)", SUPPORT, TRACKER_VAR, what.equals("track") ? "EVENT" : "null",
            what)
        .endControlFlow();
  }

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
    private int counter;
    private String event = "null";
    /** The name of the return value's parameter in the method being written. */
    String resultVar = RESULT_VAR;

    Body(MapperSpec spec, List<? extends VariableElement> params) {
      this.spec = spec;
      this.params = params;
    }

    private String fresh(String prefix) {
      return "tw" + prefix + (++counter);
    }

    Code identify() {
      counter = 0;
      event = "null";
      Code.Builder code = Code.builder();
      boolean nullable = person(code, spec.customerId(), "twCustomerId");
      if (nullable) {
        code.beginControlFlow("if (twCustomerId == null)")
            .addStatement("$L.violation(null, null, $S)", TRACKER_VAR,
                "identify not sent: the customer id is null (" + spec.model().where() + ")")
            .addStatement("return")
            .endControlFlow();
      }
      String anonymous = "null";
      if (spec.anonymousId() != null) {
        person(code, spec.anonymousId(), "twAnonymousId");
        anonymous = "twAnonymousId";
      }
      code.addStatement("$T.Builder twAttributes = $T.builder($L)", FIELDS, FIELDS, spec.attributes().size());
      writeAll(code, spec.attributes(), "twAttributes");
      code.addStatement("$L.identify(new $T($T.$L, twCustomerId, $L), twAttributes.build(), $L)",
          TRACKER_VAR, PERSON, IDENTIFIER_TYPE, spec.identifierType().name(), anonymous, spec.model().updateOnly());
      return code.build();
    }

    Code track() {
      counter = 0;
      event = "EVENT";
      Code.Builder code = Code.builder();
      String notSent = "event not sent: no customer id and no anonymous id (" + spec.model().where() + ")";
      Code person;
      if (spec.customerId() != null && spec.anonymousId() != null) {
        person(code, spec.customerId(), "twCustomerId");
        person(code, spec.anonymousId(), "twAnonymousId");
        code.addStatement("$T twPerson = twCustomerId != null ? new $T($T.$L, twCustomerId, twAnonymousId)"
                + " : twAnonymousId != null ? $T.anonymous(twAnonymousId) : null",
            PERSON, PERSON, IDENTIFIER_TYPE, spec.identifierType().name(), PERSON);
        code.beginControlFlow("if (twPerson == null)")
            .addStatement("$L.violation(EVENT, null, $S)", TRACKER_VAR, notSent).addStatement("return").endControlFlow();
        person = Code.of("twPerson");
      } else {
        boolean identified = spec.customerId() != null;
        String var = identified ? "twCustomerId" : "twAnonymousId";
        if (person(code, identified ? spec.customerId() : spec.anonymousId(), var)) {
          code.beginControlFlow("if ($L == null)", var)
              .addStatement("$L.violation(EVENT, null, $S)", TRACKER_VAR, notSent).addStatement("return").endControlFlow();
        }
        person = identified
            ? Code.of("$T.identified($T.$L, twCustomerId)", PERSON, IDENTIFIER_TYPE, spec.identifierType().name())
            : Code.of("$T.anonymous(twAnonymousId)", PERSON);
      }
      code.addStatement("$T.Builder twProperties = $T.builder($L)", FIELDS, FIELDS, spec.properties().size());
      writeAll(code, spec.properties(), "twProperties");
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
          code.addStatement("var twWhen = $L", source);
          code.addStatement("long twTime = twWhen == null ? $T.NOW : twWhen$L", TRACKER, seconds);
          time = Code.of("twTime");
        }
      }
      if (spec.dedupe() != null) {
        code.addStatement("$T twFields = twProperties.build()", FIELDS);
        code.addStatement("Object twDedupe = twFields.get($S)", spec.dedupe());
        code.addStatement("$L.track($L, EVENT, twFields, $L, twDedupe == null ? null : String.valueOf(twDedupe))",
            TRACKER_VAR, person, time);
      } else {
        code.addStatement("$L.track($L, EVENT, twProperties.build(), $L, null)", TRACKER_VAR, person, time);
      }
      return code.build();
    }

    /** Declares {@code String var} holding the identifier's text; returns whether it may be null. */
    private boolean person(Code.Builder code, Binding b, String var) {
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
      String v = fresh("Id");
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
          value(code, first.node(), source, fieldsSink(builder, first.name()), first.required() ? first.path() : null);
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
              w.required() ? w.path() : null);
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
      return Code.builder().addStatement("$T.missing($L, $L, $S)", SUPPORT, TRACKER_VAR, event, path).build();
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
       * and a null {@code required} property is reported by {@code putRequired}.
       */
      Code storeNullable(Code value, String requiredPath, String event) {
        if (array != null) {
          return Code.builder().addStatement("$L[$L] = $L", array, index, value).build();
        }
        if (requiredPath == null) {
          return Code.builder().addStatement("$L.putOptional($L, $L)", builder, name, value).build();
        }
        if (requiredPath.equals(literal)) {
          return Code.builder()
              .addStatement("$L.putRequired($L, $L, $L, $L)", builder, name, value, TRACKER_VAR, event).build();
        }
        return Code.builder().addStatement("$L.putRequired($L, $L, $L, $L, $S)", builder, name, value,
            TRACKER_VAR, event, requiredPath).build();
      }
    }

    /**
     * Evaluates {@code source} once and stores its value; a null value stores nothing and, when
     * {@code requiredPath} is not null, is reported as that required property's violation.
     */
    private void value(Code.Builder code, ValueNode node, String source, Sink sink, String requiredPath) {
      if (!node.shape().kind().reference()) {
        code.add(sink.store(leaf(node, source), false));
        return;
      }
      Code simple = nullable(node, Code.of("$L", source));
      if (simple != null) {
        code.add(sink.storeNullable(simple, requiredPath, event));
        return;
      }
      Code onNull = requiredPath == null ? null : violation(requiredPath);
      String v = source;
      if (!SourceVersion.isIdentifier(source)) {
        v = fresh("V"); // read once: a getter may compute, and the value may change under us
        code.addStatement("var $L = $L", v, source);
      }
      code.beginControlFlow("if ($L != null)", v);
      present(code, node, v, sink, onNull);
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
    private Code nullable(ValueNode node, Code expr) {
      return switch (node.shape().kind()) {
        case STRING, BIG_INTEGER, BIG_DECIMAL, BOOLEAN_BOX, ANY -> expr;
        case TO_STRING, CHAR_BOX, LOCAL_DATE -> Code.of("$T.text($L)", SUPPORT, expr);
        case INT_BOX -> Code.of("$T.integer($L)", SUPPORT, expr);
        case DOUBLE_BOX -> Code.of("$T.number($L)", SUPPORT, expr);
        case ENUM -> Code.of("$T.name($L)", SUPPORT, expr);
        case INSTANT -> Code.of("$T.$L($L)", SUPPORT, node.iso() ? "text" : "seconds", expr);
        case OFFSET_TIME -> Code.of("$T.$L($L)", SUPPORT, node.iso() ? "isoOffset" : "seconds", expr);
        case OPTIONAL_INT, OPTIONAL_DOUBLE -> Code.of("$T.orNull($L)", SUPPORT, expr);
        case OPTIONAL -> node.inner().shape().kind().reference()
            ? nullable(node.inner(), Code.of("$T.orNull($L)", SUPPORT, expr)) : null;
        default -> null;
      };
    }

    /** {@code v} is not null. */
    private void present(Code.Builder code, ValueNode node, String v, Sink sink, Code onEmpty) {
      Kind kind = node.shape().kind();
      switch (kind) {
        case OPTIONAL -> {
          code.beginControlFlow("if ($L.isPresent())", v);
          String w = fresh("V");
          code.addStatement("var $L = $L.get()", w, v);
          present(code, node.inner(), w, sink, null);
          if (onEmpty != null) {
            code.nextControlFlow("else").add(onEmpty);
          }
          code.endControlFlow();
        }
        case JAVA_ARRAY, COLLECTION -> {
          String a = fresh("A");
          String i = fresh("I");
          String e = fresh("E");
          code.addStatement("var $L = new Object[$L.$L]", a, v, kind == Kind.JAVA_ARRAY ? "length" : "size()");
          code.addStatement("int $L = 0", i);
          code.beginControlFlow("for (var $L : $L)", e, v);
          // a collection that grows while it is read is cut at the size it had
          code.addStatement("if ($L == $L.length) break", i, a);
          value(code, node.inner(), e, arraySink(a, i), null);
          code.addStatement("$L++", i);
          code.endControlFlow();
          code.add(sink.store(Code.of("$T.array($L, $L)", SUPPORT, a, i), false));
        }
        case MAP -> {
          String b = fresh("M");
          String e = fresh("E");
          code.addStatement("var $L = $T.builder($L.size())", b, FIELDS, v);
          code.beginControlFlow("for (var $L : $L.entrySet())", e, v);
          code.beginControlFlow("if ($L.getKey() != null)", e);
          value(code, node.inner(), e + ".getValue()", fieldsSink(b, Code.of("$L.getKey()", e)), null);
          code.endControlFlow();
          code.endControlFlow();
          code.add(sink.store(Code.of("$L.build()", b), false));
        }
        case OBJECT -> {
          String b = fresh("O");
          code.addStatement("var $L = $T.builder($L)", b, FIELDS, node.members().size());
          for (Write member : node.members()) {
            value(code, member.node(), v + "." + member.member().accessor() + "()", fieldsSink(b, member.name()),
                member.required() ? member.path() : null);
          }
          code.add(sink.store(Code.of("$L.build()", b), false));
        }
        case ANY -> code.add(sink.store(Code.of("$L", v), true));
        default -> code.add(sink.store(leaf(node, v), false));
      }
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
