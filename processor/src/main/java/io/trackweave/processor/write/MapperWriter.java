package io.trackweave.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Generates one mapper class per checked method (JavaPoet). The mapper reads the payload's leaf values
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
  private static final ClassName EVENT_MAPPER = ClassName.get(API, "EventMapper");
  private static final ClassName TRACKER = ClassName.get(API, "Tracker");
  private static final ClassName TRACKWEAVE = ClassName.get(API, "Trackweave");
  private static final ClassName FIELDS = ClassName.get(API, "Fields");
  private static final ClassName SUPPORT = ClassName.get(API, "MapperSupport");
  private static final ClassName PERSON = ClassName.get(API, "Person");
  private static final ClassName IDENTIFIER_TYPE = ClassName.get(API, "IdentifierType");
  private static final TypeName OBJECT = ClassName.get("java.lang", "Object");
  private static final String TRACKER_VAR = "twTracker";
  private static final String RESULT_VAR = "twResult";

  private final Shapes shapes;

  public MapperWriter(Shapes shapes) {
    this.shapes = shapes;
  }

  public JavaFile write(MapperSpec spec) {
    MethodModel m = spec.model();
    List<? extends VariableElement> params = m.method().getParameters();
    List<TypeName> paramTypes = new ArrayList<>();
    Set<String> paramNames = new HashSet<>();
    for (VariableElement p : params) {
      paramTypes.add(typed(p.asType(), m.packageName()));
      paramNames.add(p.getSimpleName().toString());
    }
    TypeName resultType = m.resultType() == null ? null : typed(m.resultType(), m.packageName());

    TypeSpec.Builder type = TypeSpec.classBuilder(m.mapperSimpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(EVENT_MAPPER)
        .addOriginatingElement(m.owner())
        .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "{$S, $S, $S}", "unchecked", "rawtypes", "deprecation").build())
        .addJavadoc(javadoc(spec));
    type.addField(constant(String.class, "PLAN", CodeBlock.of("$S", spec.planName())));
    type.addField(constant(int.class, "PLAN_VERSION", CodeBlock.of("$L", spec.planVersion())));
    if (m.tracks()) {
      type.addField(constant(String.class, "EVENT", CodeBlock.of("$S", m.event())));
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build());

    boolean identifyOnReturn = m.identifies() && MethodModel.onReturn(m.identifyFire());
    boolean trackOnReturn = m.tracks() && MethodModel.onReturn(m.trackFire());
    boolean identifyOnThrow = m.identifies() && MethodModel.onThrow(m.identifyFire());
    boolean trackOnThrow = m.tracks() && MethodModel.onThrow(m.trackFire());
    boolean onReturn = identifyOnReturn || trackOnReturn;
    boolean onThrow = identifyOnThrow || trackOnThrow;
    String resultName = free("result", paramNames);
    String thrownName = free("thrown", paramNames);

    // EventMapper: what woven code calls, through MapperDispatch
    MethodSpec.Builder onReturnMethod = MethodSpec.methodBuilder("onReturn")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(Object[].class, "args").addParameter(Object.class, "result");
    if (onReturn) {
      CodeBlock.Builder call = CodeBlock.builder().add("afterReturn(");
      for (int i = 0; i < params.size(); i++) {
        call.add(i == 0 ? "" : ", ").add(cast(paramTypes.get(i), "args[" + i + "]"));
      }
      if (resultType != null) {
        call.add(params.isEmpty() ? "" : ", ").add(cast(resultType, "result"));
      }
      onReturnMethod.addStatement(call.add(")").build());
    }
    type.addMethod(onReturnMethod.build());
    MethodSpec.Builder onThrowMethod = MethodSpec.methodBuilder("onThrow")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(Object[].class, "args").addParameter(Throwable.class, "thrown");
    if (onThrow) {
      CodeBlock.Builder call = CodeBlock.builder().add("afterThrow(");
      for (int i = 0; i < params.size(); i++) {
        call.add(cast(paramTypes.get(i), "args[" + i + "]")).add(", ");
      }
      onThrowMethod.addStatement(call.add("thrown)").build());
    }
    type.addMethod(onThrowMethod.build());
    if (m.async()) {
      type.addMethod(MethodSpec.methodBuilder("completesAsync")
          .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(boolean.class)
          .addStatement("return true").build());
    }

    // typed entry points, for calling the mapper without the agent; the work is inlined into them when one
    // action fires on a path, and split into private identify/track methods when both do
    String methodRef = m.owner().getSimpleName() + "#" + m.method().getSimpleName();
    Body body = new Body(spec, params);
    boolean split = (identifyOnReturn && trackOnReturn) || (identifyOnThrow && trackOnThrow);
    if (onReturn) {
      MethodSpec.Builder after = MethodSpec.methodBuilder("afterReturn")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("What {@code $L} sends after it returns; never throws (except a {@code VirtualMachineError}"
              + " other than {@code StackOverflowError}: the JVM itself is failing).\n", methodRef);
      addParams(after, params, paramTypes);
      if (resultType != null) {
        after.addParameter(resultType, resultName);
      }
      body.resultVar = split ? RESULT_VAR : resultName;
      path(after, body, split, identifyOnReturn, trackOnReturn, args(params, resultType != null ? resultName : null));
      type.addMethod(after.build());
    }
    if (onThrow) {
      MethodSpec.Builder after = MethodSpec.methodBuilder("afterThrow")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("What {@code $L} sends when it throws; never throws (except a {@code VirtualMachineError}"
              + " other than {@code StackOverflowError}: the JVM itself is failing).\n", methodRef);
      addParams(after, params, paramTypes);
      after.addParameter(Throwable.class, thrownName);
      // the return value is never read on this path (the checker forbids it), so null stands in for it
      path(after, body, split, identifyOnThrow, trackOnThrow, args(params, resultType != null ? nullFor(m.resultType()) : null));
      type.addMethod(after.build());
    }
    if (split) {
      MethodSpec.Builder identify = worker("identify", params, paramTypes, resultType);
      identify.addCode(body.identify());
      type.addMethod(identify.build());
      MethodSpec.Builder track = worker("track", params, paramTypes, resultType);
      track.addCode(body.track());
      type.addMethod(track.build());
    }
    return JavaFile.builder(m.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
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
    return doc.toString().replace("$", "$$");
  }

  private static FieldSpec constant(Class<?> type, String name, CodeBlock value) {
    return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer(value).build();
  }

  private static String free(String wanted, Set<String> taken) {
    return taken.contains(wanted) ? "tw" + Character.toUpperCase(wanted.charAt(0)) + wanted.substring(1) : wanted;
  }

  private static void addParams(MethodSpec.Builder method, List<? extends VariableElement> params, List<TypeName> types) {
    for (int i = 0; i < params.size(); i++) {
      method.addParameter(ParameterSpec.builder(types.get(i), params.get(i).getSimpleName().toString()).build());
    }
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

  private static void path(MethodSpec.Builder method, Body body, boolean split, boolean identify, boolean track,
      String args) {
    method.addStatement("$T $L = $T.tracker()", TRACKER, TRACKER_VAR, TRACKWEAVE);
    method.beginControlFlow("if ($L == $T.NOOP)", TRACKER_VAR, TRACKER).addStatement("return").endControlFlow();
    if (identify) {
      guarded(method, split ? CodeBlock.builder().addStatement("identify(" + args + ")").build() : body.identify(),
          "identify");
    }
    if (track) {
      guarded(method, split ? CodeBlock.builder().addStatement("track(" + args + ")").build() : body.track(), "track");
    }
  }

  private static void guarded(MethodSpec.Builder method, CodeBlock work, String what) {
    method.beginControlFlow("try")
        .addCode(work)
        .nextControlFlow("catch ($T twFailure)", Throwable.class)
        .addStatement("$T.failed($L, $L, $S, twFailure)", SUPPORT, TRACKER_VAR, what.equals("track") ? "EVENT" : "null",
            what)
        .endControlFlow();
  }

  // A failure of the mapping itself (anything a user's getter or the tracker throws) goes to
  // MapperSupport.failed, which counts it as a violation and swallows it, except a VirtualMachineError other
  // than StackOverflowError, which it rethrows (its javadoc says why); one shared copy instead of two
  // methods in every mapper.

  private static MethodSpec.Builder worker(String name, List<? extends VariableElement> params, List<TypeName> types,
      TypeName resultType) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(TRACKER, TRACKER_VAR);
    addParams(method, params, types);
    if (resultType != null) {
      method.addParameter(resultType, RESULT_VAR);
    }
    return method;
  }

  private static String nullFor(TypeMirror type) {
    return switch (type.getKind()) {
      case BOOLEAN -> "false";
      case BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> "(" + type + ") 0";
      default -> "null";
    };
  }

  /** The type the mapper's signatures use: the declared one when the mapper's package can name it. */
  private TypeName typed(TypeMirror type, String pkg) {
    if (type.getKind().isPrimitive()) {
      return TypeName.get(type);
    }
    if (shapes.accessibleFrom(type, pkg)) {
      return TypeName.get(type);
    }
    TypeMirror erased = shapes.types().erasure(type);
    if (shapes.accessibleFrom(erased, pkg)) {
      return TypeName.get(erased);
    }
    return OBJECT;
  }

  private static CodeBlock cast(TypeName type, String expr) {
    return type.equals(OBJECT) ? CodeBlock.of("$L", expr) : CodeBlock.of("($T) $L", type, expr);
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

    CodeBlock identify() {
      counter = 0;
      event = "null";
      CodeBlock.Builder code = CodeBlock.builder();
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

    CodeBlock track() {
      counter = 0;
      event = "EVENT";
      CodeBlock.Builder code = CodeBlock.builder();
      String notSent = "event not sent: no customer id and no anonymous id (" + spec.model().where() + ")";
      CodeBlock person;
      if (spec.customerId() != null && spec.anonymousId() != null) {
        person(code, spec.customerId(), "twCustomerId");
        person(code, spec.anonymousId(), "twAnonymousId");
        code.addStatement("$T twPerson = twCustomerId != null ? new $T($T.$L, twCustomerId, twAnonymousId)"
                + " : twAnonymousId != null ? $T.anonymous(twAnonymousId) : null",
            PERSON, PERSON, IDENTIFIER_TYPE, spec.identifierType().name(), PERSON);
        code.beginControlFlow("if (twPerson == null)")
            .addStatement("$L.violation(EVENT, null, $S)", TRACKER_VAR, notSent).addStatement("return").endControlFlow();
        person = CodeBlock.of("twPerson");
      } else {
        boolean identified = spec.customerId() != null;
        String var = identified ? "twCustomerId" : "twAnonymousId";
        if (person(code, identified ? spec.customerId() : spec.anonymousId(), var)) {
          code.beginControlFlow("if ($L == null)", var)
              .addStatement("$L.violation(EVENT, null, $S)", TRACKER_VAR, notSent).addStatement("return").endControlFlow();
        }
        person = identified
            ? CodeBlock.of("$T.identified($T.$L, twCustomerId)", PERSON, IDENTIFIER_TYPE, spec.identifierType().name())
            : CodeBlock.of("$T.anonymous(twAnonymousId)", PERSON);
      }
      code.addStatement("$T.Builder twProperties = $T.builder($L)", FIELDS, FIELDS, spec.properties().size());
      writeAll(code, spec.properties(), "twProperties");
      CodeBlock time = CodeBlock.of("$T.NOW", TRACKER);
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
          time = CodeBlock.of("$L", source);
        } else {
          if (rootNullable) {
            source = root(ts) + " == null ? null : " + source;
          }
          code.addStatement("var twWhen = $L", source);
          code.addStatement("long twTime = twWhen == null ? $T.NOW : twWhen$L", TRACKER, seconds);
          time = CodeBlock.of("twTime");
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
    private boolean person(CodeBlock.Builder code, Binding b, String var) {
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
    private void writeAll(CodeBlock.Builder code, List<Write> writes, String builder) {
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
        CodeBlock.Builder absent = CodeBlock.builder();
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

    private CodeBlock violation(String path) {
      return CodeBlock.builder().addStatement("$T.missing($L, $L, $S)", SUPPORT, TRACKER_VAR, event, path).build();
    }

    private Sink fieldsSink(String builder, String name) {
      return new Sink(builder, CodeBlock.of("$S", name), name, null, null);
    }

    private Sink fieldsSink(String builder, CodeBlock name) {
      return new Sink(builder, name, null, null, null);
    }

    private Sink arraySink(String array, String index) {
      return new Sink(null, null, null, array, index);
    }

    /**
     * Where a converted value goes: a Fields builder under a name ({@code literal} is the name when it is a
     * constant), or an array slot.
     */
    private record Sink(String builder, CodeBlock name, String literal, String array, String index) {
      /** Stores a value that is not null. */
      CodeBlock store(CodeBlock value, boolean dynamic) {
        return array != null
            ? CodeBlock.builder().addStatement("$L[$L] = $L", array, index, value).build()
            : CodeBlock.builder().addStatement("$L.$L($L, $L)", builder, dynamic ? "putValue" : "put", name, value)
                .build();
      }

      /**
       * Stores a value that may be null, in one statement: a null is left out (an array slot stays null),
       * and a null {@code required} property is reported by {@code putRequired}.
       */
      CodeBlock storeNullable(CodeBlock value, String requiredPath, String event) {
        if (array != null) {
          return CodeBlock.builder().addStatement("$L[$L] = $L", array, index, value).build();
        }
        if (requiredPath == null) {
          return CodeBlock.builder().addStatement("$L.putOptional($L, $L)", builder, name, value).build();
        }
        if (requiredPath.equals(literal)) {
          return CodeBlock.builder()
              .addStatement("$L.putRequired($L, $L, $L, $L)", builder, name, value, TRACKER_VAR, event).build();
        }
        return CodeBlock.builder().addStatement("$L.putRequired($L, $L, $L, $L, $S)", builder, name, value,
            TRACKER_VAR, event, requiredPath).build();
      }
    }

    /**
     * Evaluates {@code source} once and stores its value; a null value stores nothing and, when
     * {@code requiredPath} is not null, is reported as that required property's violation.
     */
    private void value(CodeBlock.Builder code, ValueNode node, String source, Sink sink, String requiredPath) {
      if (!node.shape().kind().reference()) {
        code.add(sink.store(leaf(node, source), false));
        return;
      }
      CodeBlock simple = nullable(node, CodeBlock.of("$L", source));
      if (simple != null) {
        code.add(sink.storeNullable(simple, requiredPath, event));
        return;
      }
      CodeBlock onNull = requiredPath == null ? null : violation(requiredPath);
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
    private CodeBlock nullable(ValueNode node, CodeBlock expr) {
      return switch (node.shape().kind()) {
        case STRING, BIG_INTEGER, BIG_DECIMAL, BOOLEAN_BOX, ANY -> expr;
        case TO_STRING, CHAR_BOX, LOCAL_DATE -> CodeBlock.of("$T.text($L)", SUPPORT, expr);
        case INT_BOX -> CodeBlock.of("$T.integer($L)", SUPPORT, expr);
        case DOUBLE_BOX -> CodeBlock.of("$T.number($L)", SUPPORT, expr);
        case ENUM -> CodeBlock.of("$T.name($L)", SUPPORT, expr);
        case INSTANT -> CodeBlock.of("$T.$L($L)", SUPPORT, node.iso() ? "text" : "seconds", expr);
        case OFFSET_TIME -> CodeBlock.of("$T.$L($L)", SUPPORT, node.iso() ? "isoOffset" : "seconds", expr);
        case OPTIONAL_INT, OPTIONAL_DOUBLE -> CodeBlock.of("$T.orNull($L)", SUPPORT, expr);
        case OPTIONAL -> node.inner().shape().kind().reference()
            ? nullable(node.inner(), CodeBlock.of("$T.orNull($L)", SUPPORT, expr)) : null;
        default -> null;
      };
    }

    /** {@code v} is not null. */
    private void present(CodeBlock.Builder code, ValueNode node, String v, Sink sink, CodeBlock onEmpty) {
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
          code.add(sink.store(CodeBlock.of("$T.array($L, $L)", SUPPORT, a, i), false));
        }
        case MAP -> {
          String b = fresh("M");
          String e = fresh("E");
          code.addStatement("var $L = $T.builder($L.size())", b, FIELDS, v);
          code.beginControlFlow("for (var $L : $L.entrySet())", e, v);
          code.beginControlFlow("if ($L.getKey() != null)", e);
          value(code, node.inner(), e + ".getValue()", fieldsSink(b, CodeBlock.of("$L.getKey()", e)), null);
          code.endControlFlow();
          code.endControlFlow();
          code.add(sink.store(CodeBlock.of("$L.build()", b), false));
        }
        case OBJECT -> {
          String b = fresh("O");
          code.addStatement("var $L = $T.builder($L)", b, FIELDS, node.members().size());
          for (Write member : node.members()) {
            value(code, member.node(), v + "." + member.member().accessor() + "()", fieldsSink(b, member.name()),
                member.required() ? member.path() : null);
          }
          code.add(sink.store(CodeBlock.of("$L.build()", b), false));
        }
        case ANY -> code.add(sink.store(CodeBlock.of("$L", v), true));
        default -> code.add(sink.store(leaf(node, v), false));
      }
    }

    /** The Fields value of a primitive {@code v}. */
    private CodeBlock leaf(ValueNode node, String v) {
      return switch (node.shape().kind()) {
        case BOOLEAN -> CodeBlock.of("$L", v);
        case CHAR -> CodeBlock.of("String.valueOf($L)", v);
        case INT -> node.shape().type().getKind() == TypeKind.LONG ? CodeBlock.of("$L", v) : CodeBlock.of("(long) $L", v);
        case DOUBLE -> node.shape().type().getKind() == TypeKind.DOUBLE ? CodeBlock.of("$L", v)
            : CodeBlock.of("(double) $L", v);
        default -> throw new IllegalStateException("not a primitive: " + node.shape().kind());
      };
    }
  }
}
