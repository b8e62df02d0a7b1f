package io.trackweave.processor.model;


import io.trackweave.processor.diagnostic.Message.Part;
import io.trackweave.processor.model.JavaShape.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Classifies Java types into {@link JavaShape}s: what a type looks like as JSON, and what it wraps (an array's,
 * collection's or map's values, an Optional's or a CompletionStage's result). One instance per compilation: the
 * JDK types it compares against are looked up once, and every answer is cached, so 500 methods sharing a dozen
 * payload types cost a dozen classifications. An object's members are {@link PayloadMembers}' business.
 */
public final class Shapes {
  private final Elements elements;
  private final Types types;
  private final TypeMirror charSequence;
  private final TypeMirror collection;
  private final TypeMirror map;
  private final TypeElement collectionElement;
  private final TypeElement mapElement;
  private final TypeMirror completionStage;
  private final TypeElement completionStageElement;
  private final Map<String, JavaShape> shapes = new HashMap<>();

  public Shapes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.charSequence = erased("java.lang.CharSequence");
    this.collectionElement = elements.getTypeElement("java.util.Collection");
    this.mapElement = elements.getTypeElement("java.util.Map");
    this.completionStageElement = elements.getTypeElement("java.util.concurrent.CompletionStage");
    this.collection = types.erasure(collectionElement.asType());
    this.map = types.erasure(mapElement.asType());
    this.completionStage = types.erasure(completionStageElement.asType());
  }

  public Types types() {
    return types;
  }

  public Elements elements() {
    return elements;
  }

  private TypeMirror erased(String name) {
    return types.erasure(elements.getTypeElement(name).asType());
  }

  /** The shape of {@code type}. */
  public JavaShape of(TypeMirror type) {
    if (type.getKind() == TypeKind.TYPEVAR || type.getKind() == TypeKind.WILDCARD) {
      return classify(type); // "T" names different types in different methods: classify its bound instead
    }
    String key = type.toString();
    JavaShape cached = shapes.get(key);
    if (cached == null) {
      cached = classify(type);
      shapes.put(key, cached);
    }
    return cached;
  }

  private JavaShape classify(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return JavaShape.of(Kind.BOOLEAN, type).plain();
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
        return JavaShape.of(Kind.INT, type).plain();
      case CHAR:
        return JavaShape.of(Kind.CHAR, type).plain();
      case FLOAT:
      case DOUBLE:
        return JavaShape.of(Kind.DOUBLE, type).plain();
      case ARRAY:
        return JavaShape.of(Kind.JAVA_ARRAY, type).inner(((ArrayType) type).getComponentType());
      case TYPEVAR:
        return of(((TypeVariable) type).getUpperBound());
      case WILDCARD:
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? JavaShape.of(Kind.ANY, type).plain() : of(bound);
      case DECLARED:
        return classifyDeclared((DeclaredType) type);
      case ERROR:
        return JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.UNRESOLVED_TYPE.text());
      default:
        return JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.KIND_OF_TYPE.text(kindName(type.getKind())));
    }
  }

  private JavaShape classifyDeclared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    switch (name) {
      case "java.lang.String":
        return JavaShape.of(Kind.STRING, type).plain();
      case "java.util.UUID":
        return JavaShape.of(Kind.TO_STRING, type).plain();
      case "java.lang.Character":
        return JavaShape.of(Kind.CHAR_BOX, type).plain();
      case "java.lang.Byte":
      case "java.lang.Short":
      case "java.lang.Integer":
      case "java.lang.Long":
        return JavaShape.of(Kind.INT_BOX, type).plain();
      case "java.math.BigInteger":
        return JavaShape.of(Kind.BIG_INTEGER, type).plain();
      case "java.lang.Float":
      case "java.lang.Double":
        return JavaShape.of(Kind.DOUBLE_BOX, type).plain();
      case "java.math.BigDecimal":
        return JavaShape.of(Kind.BIG_DECIMAL, type).plain();
      case "java.lang.Boolean":
        return JavaShape.of(Kind.BOOLEAN_BOX, type).plain();
      case "java.time.Instant":
        return JavaShape.of(Kind.INSTANT, type).plain();
      case "java.time.OffsetDateTime":
      case "java.time.ZonedDateTime":
        return JavaShape.of(Kind.OFFSET_TIME, type).plain();
      case "java.time.LocalDate":
        return JavaShape.of(Kind.LOCAL_DATE, type).plain();
      case "java.util.Optional":
        return type.getTypeArguments().isEmpty()
            ? JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.RAW_OPTIONAL.text())
            : JavaShape.of(Kind.OPTIONAL, type).inner(type.getTypeArguments().get(0));
      case "java.util.OptionalInt":
      case "java.util.OptionalLong":
        return JavaShape.of(Kind.OPTIONAL_INT, type).plain();
      case "java.util.OptionalDouble":
        return JavaShape.of(Kind.OPTIONAL_DOUBLE, type).plain();
      case "java.lang.Object":
        return JavaShape.of(Kind.ANY, type).plain();
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      List<String> constants = new ArrayList<>();
      for (Element e : element.getEnclosedElements()) {
        if (e.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(e.getSimpleName().toString());
        }
      }
      return JavaShape.of(Kind.ENUM, type).constants(constants);
    }
    TypeMirror erasure = types.erasure(type);
    if (types.isAssignable(erasure, charSequence)) {
      return JavaShape.of(Kind.TO_STRING, type).plain();
    }
    if (types.isAssignable(erasure, collection)) {
      TypeMirror elementType = typeArgument(type, collectionElement, 0);
      return elementType == null
          ? JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.RAW_COLLECTION.text())
          : JavaShape.of(Kind.COLLECTION, type).inner(elementType);
    }
    if (types.isAssignable(erasure, map)) {
      TypeMirror key = typeArgument(type, mapElement, 0);
      TypeMirror value = typeArgument(type, mapElement, 1);
      if (key == null || value == null) {
        return JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.RAW_MAP.text());
      }
      JavaShape keyShape = of(key);
      if (keyShape.kind() != Kind.STRING) {
        return JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.MAP_KEYS_NOT_STRINGS.text());
      }
      return JavaShape.of(Kind.MAP, type).inner(value);
    }
    if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
      return JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.JDK_TYPE.text());
    }
    if (element.getKind() == ElementKind.RECORD
        || element.getKind() == ElementKind.CLASS
        || element.getKind() == ElementKind.INTERFACE) {
      return JavaShape.of(Kind.OBJECT, type).plain();
    }
    return JavaShape.of(Kind.UNSUPPORTED, type).reason(Part.KIND_OF_TYPE.text(kindName(element.getKind())));
  }

  /** A kind as a message names it: {@code intersection}, {@code annotation type}. */
  private static String kindName(Enum<?> kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** The {@code index}th type argument of {@code target} as a supertype of {@code type}, or null when raw. */
  private TypeMirror typeArgument(DeclaredType type, TypeElement target, int index) {
    if (type.asElement().equals(target)) {
      List<? extends TypeMirror> args = type.getTypeArguments();
      return args.size() > index ? args.get(index) : null;
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED
          && types.isAssignable(types.erasure(supertype), types.erasure(target.asType()))) {
        TypeMirror found = typeArgument((DeclaredType) supertype, target, index);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** For a method returning a CompletionStage (or a subtype), the completed value's type; else null. */
  public TypeMirror completedType(TypeMirror returnType) {
    if (returnType.getKind() != TypeKind.DECLARED
        || !types.isAssignable(types.erasure(returnType), completionStage)) {
      return null;
    }
    TypeMirror arg = typeArgument((DeclaredType) returnType, completionStageElement, 0);
    if (arg == null) {
      return elements.getTypeElement("java.lang.Object").asType();
    }
    if (arg.getKind() == TypeKind.WILDCARD) {
      TypeMirror bound = ((WildcardType) arg).getExtendsBound();
      return bound != null ? bound : elements.getTypeElement("java.lang.Object").asType();
    }
    return arg;
  }
}
