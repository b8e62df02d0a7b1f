package io.trackweave.processor.write;

import static io.trackweave.processor.write.ActionWriter.IDENTIFY;
import static io.trackweave.processor.write.ActionWriter.OBJECT;
import static io.trackweave.processor.write.ActionWriter.TRACK;
import static io.trackweave.processor.write.ApiTypes.API;
import static io.trackweave.processor.write.ApiTypes.API_INTERNAL;
import static io.trackweave.processor.write.ApiTypes.SUPPORT;
import static io.trackweave.processor.write.ApiTypes.TRACKER;
import static io.trackweave.processor.write.ApiTypes.TRACKWEAVE;

import com.palantir.javapoet.TypeName;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.ObjectSpec;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.ObjectAction;
import io.trackweave.processor.model.Accessibility;
import io.trackweave.processor.model.Shapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.VariableElement;
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
  /** Every mapper imports these (and names all other types fully qualified). */
  private static final List<String> IMPORTS =
      List.of(API + ".Fields", API + ".IdentifierType", API + ".Person", API + ".Tracker", API + ".Trackweave",
          API_INTERNAL + ".EventMapper", API_INTERNAL + ".MapperSupport");
  /** The processor that writes mappers, as {@code @Generated} names it. */
  private static final String GENERATOR = "io.trackweave.processor.TrackweaveProcessor";
  /** Names a local must not take: they would obscure the packages of fully qualified type names. */
  private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "io", "com", "org", "net");

  private final Shapes shapes;
  private final Accessibility access;
  private final Suppressions suppressions;
  /** {@code javax.annotation.processing.Generated} exists (JDK 9+, and the target release has it). */
  private final boolean generatedAvailable;

  public MapperWriter(Shapes shapes, Accessibility access) {
    this.shapes = shapes;
    this.access = access;
    this.suppressions = new Suppressions(shapes);
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

    ActionWriter body = new ActionWriter(shapes, spec, params, reserved, tracker);
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
    if (suppressions.rawTypes(m)) {
      suppressed.add("\"rawtypes\""); // the method's own raw parameter types, spelled as it spells them
    }
    if (suppressions.deprecation(spec)) {
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
  private static void path(StringBuilder out, ActionWriter body, boolean split, List<String> actions, String failure,
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
    if (access.accessibleFrom(type, pkg)) {
      return TypeName.get(type).toString();
    }
    TypeMirror erased = shapes.types().erasure(type);
    if (access.accessibleFrom(erased, pkg)) {
      return TypeName.get(erased).toString();
    }
    return "Object";
  }

  private static String cast(String type, String expr) {
    return type.equals("Object") ? expr : "(" + type + ") " + expr;
  }
}
