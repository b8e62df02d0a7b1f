package io.trackweave.processor.write;

import static io.trackweave.processor.write.ApiTypes.FIELDS;
import static io.trackweave.processor.write.ApiTypes.SUPPORT;

import io.trackweave.processor.check.ValueNode;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.JavaShape.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;
import javax.lang.model.type.TypeKind;

/**
 * The statements that read one checked value ({@link ValueNode}) and put its JSON form into a Fields builder
 * or an array: null checks, Optionals, collections, maps and nested objects, each source evaluated once. One
 * per action of a mapper, sharing that action's local names.
 */
final class ValueWriter {
  private final Scope scope;
  /** The tracker's name in the method being written. */
  private final String tracker;
  /** What violations name as the event: {@code EVENT}, or {@code null} outside {@code track}. */
  private final String event;
  /** The mapper's constants of the plan's values that Strings are checked against: name -> [path, values...]. */
  private final Map<String, List<String>> allowed;

  ValueWriter(Scope scope, String tracker, String event, Map<String, List<String>> allowed) {
    this.scope = scope;
    this.tracker = tracker;
    this.event = event;
    this.allowed = allowed;
  }

  /**
   * Evaluates {@code source} once and puts its value into the Fields builder {@code builder} under
   * {@code name}; a null value puts nothing and, when {@code required}, is reported as the violation of the
   * property at {@code path}.
   */
  void field(Code.Builder code, ValueNode node, String source, String builder, String name, String path,
      boolean required) {
    value(code, node, source, fieldsSink(builder, name), path, required);
  }

  /** The statement that reports, at run time, the required property at {@code path} as missing. */
  Code violation(String path) {
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
