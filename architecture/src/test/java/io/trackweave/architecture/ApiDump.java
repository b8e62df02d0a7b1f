package io.trackweave.architecture;

import static java.util.stream.Collectors.joining;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaGenericArrayType;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaWildcardType;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a module's public API as sorted text, in the spirit of Kotlin's binary-compatibility-validator
 * {@code .api} files: every public or protected type of a published, non-{@code internal} package, with its
 * modifiers (sealed, final, abstract, static), kind (class, interface, enum, record, annotation), generic
 * signature, supertypes, permitted subclasses, annotations, enum constants, record components, and each public or
 * protected field, constructor and method (generic signatures, throws clauses, annotation elements' defaults).
 * Synthetic and bridge members are left out: javac makes them, users do not write against them.
 */
final class ApiDump {
  private ApiDump() {}

  static String render(TrackweaveModule module) {
    JavaClasses classes = module.classes();
    List<JavaClass> types = new ArrayList<>();
    for (JavaClass type : classes) {
      if (isPublishedPackage(module, type.getPackageName()) && isVisible(type)) {
        types.add(type);
      }
    }
    types.sort(Comparator.comparing(JavaClass::getName));
    StringBuilder out = new StringBuilder();
    out.append("# The public API of ").append(module.artifact)
        .append(": generated, do not edit. Update with: mvn -B verify -pl architecture -am -Dtrackweave.api.update=true\n");
    for (JavaClass type : types) {
      out.append('\n');
      render(type, out);
    }
    return out.toString();
  }

  static boolean isPublishedPackage(TrackweaveModule module, String packageName) {
    if (TrackweaveModule.isInternal(packageName)) {
      return false;
    }
    // only the listed roots and their sub-packages (the agent publishes two of its packages, not all)
    return module.apiPackages.stream().anyMatch(root -> module == TrackweaveModule.AGENT
        ? packageName.equals(root)
        : packageName.equals(root) || packageName.startsWith(root + "."));
  }

  /** Public or protected, and so is every class it is nested in; never local or anonymous. */
  static boolean isVisible(JavaClass type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.getModifiers().contains(JavaModifier.SYNTHETIC)) {
      return false;
    }
    Set<JavaModifier> modifiers = type.getModifiers();
    if (!modifiers.contains(JavaModifier.PUBLIC) && !modifiers.contains(JavaModifier.PROTECTED)) {
      return false;
    }
    return type.getEnclosingClass().map(ApiDump::isVisible).orElse(true);
  }

  private static void render(JavaClass type, StringBuilder out) {
    annotations(type, "", out);
    List<String> header = new ArrayList<>();
    header.add(visibility(type.getModifiers()));
    if (type.getEnclosingClass().isPresent() && type.getModifiers().contains(JavaModifier.STATIC)
        && !type.isInterface() && !type.isEnum() && !type.isRecord()) {
      header.add("static");
    }
    if (type.isSealed()) {
      header.add("sealed");
    }
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
    } else if (type.isInterface()) {
      kind = "interface";
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      if (type.getModifiers().contains(JavaModifier.ABSTRACT)) {
        header.add("abstract");
      }
      if (type.getModifiers().contains(JavaModifier.FINAL)) {
        header.add("final");
      }
      kind = "class";
    }
    header.add(kind);
    header.add(type.getName() + typeParameters(type.getTypeParameters()));
    if (type.isRecord()) {
      header.set(header.size() - 1, header.get(header.size() - 1) + recordComponents(type));
    }
    type.getSuperclass()
        .filter(s -> !type.isEnum() && !type.isRecord())
        .map(ApiDump::typeName)
        .filter(s -> !s.equals("java.lang.Object"))
        .ifPresent(s -> header.add("extends " + s));
    List<String> interfaces = type.getInterfaces().stream()
        .map(ApiDump::typeName)
        .filter(i -> !(type.isAnnotation() && i.equals("java.lang.annotation.Annotation")))
        .sorted().toList();
    if (!interfaces.isEmpty()) {
      header.add((type.isInterface() ? "extends " : "implements ") + String.join(", ", interfaces));
    }
    type.getPermittedSubclasses().ifPresent(permitted -> header.add("permits " + permitted.stream()
        .map(JavaClass::getName).sorted().collect(joining(", "))));
    out.append(String.join(" ", header)).append(" {\n");

    List<String> members = new ArrayList<>();
    if (type.isEnum()) {
      type.getEnumConstants().stream().map(c -> "  enum constant " + c.name() + "\n").forEach(members::add);
    }
    for (JavaField field : type.getFields()) {
      if (isVisibleMember(field) && !(type.isEnum() && field.getModifiers().contains(JavaModifier.ENUM))) {
        StringBuilder line = new StringBuilder();
        annotations(field, "  ", line);
        line.append("  ").append(modifiers(field.getModifiers())).append("field ").append(field.getName())
            .append(": ").append(typeName(field.getType())).append('\n');
        members.add(line.toString());
      }
    }
    for (JavaConstructor constructor : type.getConstructors()) {
      if (isVisibleMember(constructor) && !(type.isEnum())) {
        members.add(codeUnit(constructor, "constructor " + type.getSimpleName(), null));
      }
    }
    for (JavaMethod method : type.getMethods()) {
      if (isVisibleMember(method)) {
        String returns = ": " + typeName(method.getReturnType());
        String defaultValue = method.getDefaultValue().map(v -> " default " + value(v)).orElse("");
        String generic = method.getTypeParameters().isEmpty() ? "" : typeParameters(method.getTypeParameters()) + " ";
        members.add(codeUnit(method, "method " + generic + method.getName(),
            returns + defaultValue));
      }
    }
    members.sort(Comparator.comparing(ApiDump::sortKey));
    members.forEach(out::append);
    out.append("}\n");
  }

  /** Sort by the declaration line (after its annotations), so annotated members sort by name too. */
  private static String sortKey(String member) {
    String[] lines = member.split("\n");
    return lines[lines.length - 1] + "\n" + member;
  }

  private static boolean isVisibleMember(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
        && !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
  }

  private static String codeUnit(JavaCodeUnit unit, String name, String suffix) {
    StringBuilder line = new StringBuilder();
    annotations(unit, "  ", line);
    line.append("  ").append(modifiers(unit.getModifiers())).append(name).append('(')
        .append(unit.getParameterTypes().stream().map(ApiDump::typeName).collect(joining(", "))).append(')');
    if (suffix != null) {
      line.append(suffix);
    }
    List<String> throwsClause = unit.getThrowsClause().getTypes().stream().map(ApiDump::typeName).sorted().toList();
    if (!throwsClause.isEmpty()) {
      line.append(" throws ").append(String.join(", ", throwsClause));
    }
    return line.append('\n').toString();
  }

  private static String visibility(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) ? "public" : "protected";
  }

  private static String modifiers(Set<JavaModifier> modifiers) {
    StringBuilder out = new StringBuilder(visibility(modifiers)).append(' ');
    for (JavaModifier modifier : List.of(JavaModifier.ABSTRACT, JavaModifier.STATIC, JavaModifier.FINAL,
        JavaModifier.SYNCHRONIZED, JavaModifier.VOLATILE, JavaModifier.TRANSIENT, JavaModifier.NATIVE)) {
      if (modifiers.contains(modifier)) {
        out.append(modifier.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
      }
    }
    return out.toString();
  }

  private static void annotations(HasAnnotations<?> owner, String indent, StringBuilder out) {
    owner.getAnnotations().stream()
        .map(a -> indent + annotation(a) + "\n")
        .sorted()
        .forEach(out::append);
  }

  private static String annotation(JavaAnnotation<?> annotation) {
    // only values that differ from the element's default: whether a default is known depends on whether the
    // annotation's own class is on this test's class path (Spring's are not), and the dump must not depend on that
    Map<String, Object> properties = new TreeMap<>(annotation.getProperties());
    properties.entrySet().removeIf(e -> annotation.getRawType().tryGetMethod(e.getKey())
        .flatMap(JavaMethod::getDefaultValue)
        .filter(d -> java.util.Objects.deepEquals(d, e.getValue()))
        .isPresent());
    String arguments = properties.isEmpty() ? "" : properties.entrySet().stream()
        .map(e -> e.getKey() + "=" + value(e.getValue()))
        .collect(joining(", ", "(", ")"));
    return "@" + annotation.getRawType().getName() + arguments;
  }

  private static String value(Object value) {
    if (value instanceof Object[] array) {
      return Arrays.stream(array).map(ApiDump::value).collect(joining(", ", "{", "}"));
    }
    if (value != null && value.getClass().isArray()) {
      // primitive arrays
      List<String> elements = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
        elements.add(value(java.lang.reflect.Array.get(value, i)));
      }
      return String.join(", ", elements).transform(s -> "{" + s + "}");
    }
    if (value instanceof JavaClass javaClass) {
      return javaClass.getName() + ".class";
    }
    if (value instanceof JavaEnumConstant constant) {
      return constant.getDeclaringClass().getName() + "." + constant.name();
    }
    if (value instanceof JavaAnnotation<?> nested) {
      return annotation(nested);
    }
    if (value instanceof String string) {
      return '"' + string.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    return String.valueOf(value);
  }

  private static String typeParameters(List<? extends JavaTypeVariable<?>> variables) {
    if (variables.isEmpty()) {
      return "";
    }
    return variables.stream().map(v -> {
      List<String> bounds = v.getUpperBounds().stream().map(ApiDump::typeName)
          .filter(b -> !b.equals("java.lang.Object")).toList();
      return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
    }).collect(joining(", ", "<", ">"));
  }

  /** The generic form: {@code java.util.List<? extends io.trackweave.api.Person>}, {@code T[]}, {@code byte[]}. */
  static String typeName(JavaType type) {
    if (type instanceof JavaClass javaClass) {
      return javaClass.isArray() ? typeName(javaClass.getComponentType()) + "[]" : javaClass.getName();
    }
    if (type instanceof JavaGenericArrayType array) {
      return typeName(array.getComponentType()) + "[]";
    }
    if (type instanceof JavaParameterizedType parameterized) {
      return typeName(parameterized.toErasure()) + parameterized.getActualTypeArguments().stream()
          .map(ApiDump::typeName).collect(joining(", ", "<", ">"));
    }
    if (type instanceof JavaWildcardType wildcard) {
      if (!wildcard.getLowerBounds().isEmpty()) {
        return "? super " + wildcard.getLowerBounds().stream().map(ApiDump::typeName).collect(joining(" & "));
      }
      List<String> upper = wildcard.getUpperBounds().stream().map(ApiDump::typeName)
          .filter(b -> !b.equals("java.lang.Object")).toList();
      return upper.isEmpty() ? "?" : "? extends " + String.join(" & ", upper);
    }
    // a type variable: its bounds are printed where it is declared
    return type.getName();
  }

  /** Record components in declaration order (the class file's Record attribute; ArchUnit keeps fields unordered). */
  private static String recordComponents(JavaClass type) {
    try {
      Class<?> loaded = Class.forName(type.getName(), false, ApiDump.class.getClassLoader());
      return Arrays.stream(loaded.getRecordComponents())
          .map(c -> c.getGenericType().getTypeName() + " " + c.getName())
          .collect(joining(", ", "(", ")"));
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("cannot load record " + type.getName() + " to read its components: add the "
          + "library it needs to architecture/pom.xml's test dependencies", e);
    }
  }
}
