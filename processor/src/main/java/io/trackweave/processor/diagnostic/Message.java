package io.trackweave.processor.diagnostic;

import io.trackweave.plan.JsonType;
import io.trackweave.plan.Names;
import io.trackweave.plan.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor can report, in one place. Each message says what is wrong, which part of
 * the tracking plan it concerns, and how to fix it; {@link #format(Object...)} fills in the details.
 */
public enum Message {
  // --- the plan itself ---
  NO_PLAN(
      Diagnostic.Kind.WARNING,
      "no tracking plan found: mappers are generated but nothing was checked against a plan. Fix: pass"
          + " -Atrackweave.plan=<path to tracking-plan.yaml>, or put the plan at"
          + " META-INF/trackweave/tracking-plan.yaml (or .json) in the resources"),
  NO_PLAN_REQUIRED(
      Diagnostic.Kind.ERROR,
      "no tracking plan found, and -Atrackweave.requirePlan=true demands one. Fix: pass"
          + " -Atrackweave.plan=<path to tracking-plan.yaml>, or put the plan at"
          + " META-INF/trackweave/tracking-plan.yaml (or .json) in the resources"),
  PLAN_NOT_FOUND(
      Diagnostic.Kind.ERROR,
      "tracking plan %s (from -Atrackweave.plan=%s) does not exist. Fix: give a path that exists; a relative"
          + " path is resolved against the compiler's working directory %s"),
  PLAN_PROBLEM(Diagnostic.Kind.ERROR, "tracking plan error: %s"),
  /** Only with -Atrackweave.timing=true: where the processor's own time went (javac's is not included). */
  TIMING(Diagnostic.Kind.NOTE, "trackweave timing: %s"),
  BAD_OPTION(
      Diagnostic.Kind.ERROR,
      "-A%s=%s is not one of %s. Fix: use one of those values, or leave the option out for the default '%s'"),

  // --- the method ---
  UNREACHABLE_METHOD(
      Diagnostic.Kind.ERROR,
      "@%s on %s method %s: weaving adds tracking to a method body, and this method has none. Fix: put"
          + " the annotation on the implementing method (private, static and default methods are fine)"),
  UNKNOWN_EVENT(
      Diagnostic.Kind.ERROR,
      "event '%s' is not in tracking plan '%s' (%s)%s Fix: use an event listed under 'events', or add"
          + " '%s' to the plan"),
  BAD_NAME(
      Diagnostic.Kind.ERROR,
      "%s name '%s' is not lowercase snake_case. Fix: rename it, e.g. '%s'"),
  RESULT_OF_VOID(
      Diagnostic.Kind.ERROR,
      "@%s on the method maps its return value, but %s returns nothing. Fix: move the annotation to a"
          + " parameter, or return the value"),
  RESULT_ON_THROW(
      Diagnostic.Kind.ERROR,
      "%s reads the return value, but %s also fires when %s throws, and then there is no return value."
          + " Fix: take the value from a parameter, or fire on=Fire.RETURN"),
  PROP_WITHOUT_TRACK(
      Diagnostic.Kind.ERROR,
      "@Prop on %s, but %s has no @TrackEvent: event properties need an event. Fix: use @Attr for a person"
          + " attribute set by @IdentifyOn, or add @TrackEvent"),
  ATTR_WITHOUT_IDENTIFY(
      Diagnostic.Kind.ERROR,
      "@Attr on %s, but %s has no @IdentifyOn: person attributes are set by identify (and an object's by"
          + " @IdentifyObject). Fix: use @Prop for an event property, or add @IdentifyOn or @IdentifyObject"),
  PAYLOAD_NOT_OBJECT(
      Diagnostic.Kind.ERROR,
      "@Payload on %s of type %s: a payload must be a record or a class with getters. Fix: map the value"
          + " with @Prop or @Attr instead"),

  // --- the person ---
  NO_PERSON(
      Diagnostic.Kind.ERROR,
      "event '%s' has no person: nothing is marked @CustomerId or @AnonymousId. Fix: mark the parameter (or"
          + " a payload component) that holds the customer's %s with @CustomerId, or a guest's id with"
          + " @AnonymousId for an anonymous event"),
  NO_CUSTOMER_ID_FOR_IDENTIFY(
      Diagnostic.Kind.ERROR,
      "@IdentifyOn on %s has no @CustomerId: identify needs the person's %s (an anonymous id alone cannot"
          + " identify). Fix: mark the parameter or payload component that holds it with @CustomerId"),
  TWO_SOURCES(
      Diagnostic.Kind.ERROR,
      "a second @%s on %s: %s already comes from %s. Fix: keep exactly one @%s"),
  CUSTOMER_ID_NOT_SCALAR(
      Diagnostic.Kind.ERROR,
      "@%s on %s of type %s: an identifier is sent as a string. Fix: use a String, a number or a UUID"),
  TIMESTAMP_TYPE(
      Diagnostic.Kind.ERROR,
      "@EventTimestamp on %s of type %s: the event time must be an Instant, OffsetDateTime, ZonedDateTime,"
          + " or a long of unix seconds. Fix: change the type, or remove @EventTimestamp"),
  TIMESTAMP_WITHOUT_TRACK(
      Diagnostic.Kind.WARNING,
      "@EventTimestamp on %s is ignored: %s has no @TrackEvent, and identify calls carry no event time."
          + " Fix: remove @EventTimestamp"),

  // --- properties and attributes ---
  REQUIRED_NOT_MAPPED(
      Diagnostic.Kind.ERROR,
      "required property '%s' of %s is never mapped (plan '%s': %s.required). Fix: add a parameter with"
          + " @Prop(\"%s\"), or a component of that name to a @Payload%s"),
  /** The last argument is a {@link Part} fix that fits the element: a parameter cannot be @NotTracked. */
  NOT_ALLOWED(
      Diagnostic.Kind.ERROR,
      "property '%s' is not allowed in %s: the plan lists only %s and sets additionalProperties: false"
          + " (plan '%s': %s)%s Fix: %s, or add '%s' to the plan"),
  DUPLICATE_NAME(
      Diagnostic.Kind.ERROR,
      "%s '%s' is mapped twice in %s (also from %s). Fix: %s"),
  UNKNOWN_ATTRIBUTE(
      Diagnostic.Kind.ERROR,
      "attribute '%s' is not in the attributes of tracking plan '%s' (%s)%s Fix: rename it with"
          + " @Attr(\"...\") to a listed attribute, or add it to the plan's attributes"),
  DEDUPE_NOT_MAPPED(
      Diagnostic.Kind.ERROR,
      "event '%s' deduplicates on '%s' (plan '%s': events.%s.dedupe), but nothing maps '%s'. Fix: map it"
          + " with @Prop(\"%s\") or a @Payload component, so retries get the same event id"),
  TYPE_MISMATCH(
      Diagnostic.Kind.ERROR,
      "%s: Java type %s does not fit the plan's %s (plan '%s': %s). Fix: use %s, or change the plan"),
  ENUM_OUTSIDE(
      Diagnostic.Kind.ERROR,
      "%s: enum %s has %s %s with no value in the plan's enum %s (plan '%s': %s.enum). A constant matches the"
          + " plan value spelled as the constant, or as its lowercase snake_case (TOO_MUCH_COFFEE ->"
          + " too_much_coffee), and one enum uses one spelling. Fix: rename or remove the %s, or add %s to the"
          + " plan's enum"),
  /**
   * One per method: every required property whose source may be null. Reported as a warning unless
   * {@code -Atrackweave.nullableRequired} says error (or ignore).
   */
  NULLABLE_REQUIRED(
      Diagnostic.Kind.WARNING,
      "%s is required (plan '%s': %s.required), but its source %s of type %s may be %s." + Strings.NULLABLE_FIX),
  /** As {@link #NULLABLE_REQUIRED}, for a method with several such properties: one diagnostic, all listed. */
  NULLABLE_REQUIRED_SEVERAL(
      Diagnostic.Kind.WARNING,
      "%s has %d required properties whose sources may be missing (plan '%s'): %s." + Strings.NULLABLE_FIX),
  UNSUPPORTED_TYPE(
      Diagnostic.Kind.ERROR,
      "%s: Java type %s has no JSON form (%s). Fix: use a String, number, boolean, enum, java.time type,"
          + " collection, Map<String, T>, record or class with getters, or %s"),
  RECURSIVE_TYPE(
      Diagnostic.Kind.ERROR,
      "%s: type %s contains itself (%s), so its JSON would never end. Fix: mark the back-reference"
          + " @NotTracked"),
  NOT_ACCESSIBLE(
      Diagnostic.Kind.ERROR,
      "%s: type %s is not visible from package '%s', where the generated mapper lives. Fix: make it"
          + " package-private or public"),

  // --- objects ---
  UNKNOWN_OBJECT_TYPE(
      Diagnostic.Kind.ERROR,
      "object type '%s' is not in the objects of tracking plan '%s' (%s)%s Fix: use a type listed under"
          + " 'objects', or add '%s' to the plan's objects with its Customer.io type_id"),
  OBJECT_WITHOUT_PLAN(
      Diagnostic.Kind.ERROR,
      "@%s(\"%s\") needs a tracking plan: Customer.io's object_type_id of '%s' comes from the plan's objects"
          + " section. Fix: pass -Atrackweave.plan=<path to tracking-plan.yaml> (or put the plan in the"
          + " resources), and list '%s' under objects with its type_id"),
  NO_OBJECT_ID(
      Diagnostic.Kind.ERROR,
      "@%s(\"%s\") on %s has no @ObjectId: Customer.io needs the id of the object. Fix: mark the parameter, the"
          + " method (for its return value) or a payload component that holds it with @ObjectId"),
  OBJECT_ID_WITHOUT_OBJECT(
      Diagnostic.Kind.ERROR,
      "@ObjectId on %s, but %s has neither @IdentifyObject nor @DeleteObject, so no object is written. Fix: add"
          + " @IdentifyObject(\"<type>\") or @DeleteObject(\"<type>\"), or remove @ObjectId"),
  UNKNOWN_OBJECT_ATTRIBUTE(
      Diagnostic.Kind.ERROR,
      "attribute '%s' is not an attribute of object type '%s' in tracking plan '%s' (%s: objects.%s.attributes"
          + " lists %s)%s Fix: rename it with @Attr(\"...\") to a listed attribute, or add it to"
          + " objects.%s.attributes"),
  RELATIONSHIP_ATTR_NOT_ALLOWED(
      Diagnostic.Kind.ERROR,
      "relationship attribute '%s' is not allowed for object type '%s': tracking plan '%s' (%s:"
          + " objects.%s.relationship) lists %s%s Fix: rename it with @RelationshipAttr(\"...\") to a listed one,"
          + " or add it to objects.%s.relationship"),
  RELATIONSHIP_ATTR_WITHOUT_RELATE(
      Diagnostic.Kind.ERROR,
      "@RelationshipAttr on %s, but %s relates no person to an object. Fix: use @IdentifyObject(value ="
          + " \"<type>\", relate = true), or remove @RelationshipAttr"),
  NO_PERSON_TO_RELATE(
      Diagnostic.Kind.ERROR,
      "@IdentifyObject(relate = true) on %s has no @CustomerId: relating needs the person's %s. Fix: mark the"
          + " parameter or payload component that holds it with @CustomerId, or drop relate"),
  IDENTIFY_AND_DELETE_OBJECT(
      Diagnostic.Kind.ERROR,
      "@IdentifyObject and @DeleteObject on %s: a method writes an object or deletes it, not both. Fix: keep"
          + " one of them"),
  OBJECT_AND_PERSON_ATTRIBUTES(
      Diagnostic.Kind.ERROR,
      "@IdentifyObject and @IdentifyOn on %s: an @Attr could be the person's or the object's. Fix: identify the"
          + " person or the object from another method (relate = true relates them without identifying the"
          + " person)"),

  // --- annotations that do nothing ---
  MARK_ON_UNTRACKED_METHOD(
      Diagnostic.Kind.WARNING,
      "@%s on %s does nothing: %s has none of @TrackEvent, @IdentifyOn, @IdentifyObject and @DeleteObject, so"
          + " nothing is sent from it. Fix: add @TrackEvent(\"<event>\"), @IdentifyOn or @IdentifyObject(\"<type>\")"
          + " to %s, or remove @%s"),

  // --- the processor itself ---
  INTERNAL_ERROR(
      Diagnostic.Kind.ERROR,
      "internal error in the Trackweave processor while processing %s: %s. Please report it with this"
          + " message; as a workaround, remove the annotation from this element");

  /** Text shared by several messages. */
  private static final class Strings {
    static final String NULLABLE_FIX = " At run time the call is still made and a missing value is counted as a"
        + " violation. Fix: annotate the source @org.jspecify.annotations.NonNull (or mark its class or package"
        + " @org.jspecify.annotations.NullMarked; any annotation named NonNull or NotNull is recognised too), use"
        + " a primitive, or make the property optional in the plan (-Atrackweave.nullableRequired=warn|error|ignore"
        + " sets how this is reported)";
  }

  /**
   * The fragments messages are built from (a source's description, a hint, a fix that depends on the
   * element), so every word a developer reads is in this one file.
   */
  public enum Part {
    METHOD("%s.%s()"),
    CALL("%s()"),
    PARAMETER("parameter '%s'"),
    COMPONENT("component '%s' of %s"),
    METHOD_SOURCE("method %s"),
    /** A fallback no source reaches today (sources are parameters, methods and record components). */
    OTHER_SOURCE("%s '%s'"),
    EVENT("event '%s'"),
    IDENTIFY("identify"),
    PROPERTY_OF("property '%s' of %s"),
    ATTRIBUTE_NAMED("attribute '%s'"),
    PATH_OF("'%s' of %s"),
    PROPERTY("property"),
    ATTRIBUTE("attribute"),
    CUSTOMER_ID("the customer id"),
    ANONYMOUS_ID("the anonymous id"),
    EVENT_TIME("the event time"),
    OBJECT_ID("the object id"),
    OBJECT_TYPE("object type '%s'"),
    ATTRIBUTE_OF("attribute '%s' of %s"),
    RELATIONSHIP_ATTRIBUTE("relationship attribute"),
    MAPPING_OF("the mapping of %s"),
    THIS_COMPILATION("this compilation"),
    /** Ends the sentence before "Fix:"; none when nothing is close. */
    DID_YOU_MEAN("; did you mean '%s'?"),
    NO_SUGGESTION("."),
    UNMARKED_PARAMETER(" (parameter '%s' has that name but no @Prop)"),
    CONSTANT("constant"),
    CONSTANTS("constants"),
    THE_VALUE("the value"),
    THE_VALUES("the values"),
    NULL("null"),
    EMPTY("empty"),
    NULLABLE_SOURCE_ITEM("'%s' from %s of type %s may be %s"),
    // fixes that fit where the name comes from: only payload members can be @NotTracked
    FIX_RENAME_PARAMETER("rename it with @Prop(\"...\") to a listed property or remove @Prop from the parameter"),
    FIX_RENAME_RESULT("rename it with @Prop(\"...\") to a listed property or remove @Prop from the method"),
    FIX_RENAME_MEMBER("rename it with @Prop(\"...\") to a listed property or leave it out with @NotTracked"),
    FIX_DROP_PARAMETER("remove its @Prop or @Attr"),
    FIX_DROP_RESULT("remove @Prop or @Attr from the method"),
    FIX_DROP_MEMBER("leave it out with @NotTracked"),
    FIX_DUPLICATE_PARAMETER("rename one with @Prop/@Attr, or remove the annotation from one of them"),
    FIX_DUPLICATE_MEMBER("rename one with @Prop/@Attr, or leave one out with @NotTracked"),
    // schemas and Java types
    SCHEMA_TYPE("type %s"),
    SCHEMA_CLOSED(" with additionalProperties: false"),
    SCHEMA_FORMAT("%s (format %s)"),
    GENERIC_FROM_TYPE_VARIABLES("a generic type built from type variables"),
    JAVA_FOR_DATE_TIME("Instant, OffsetDateTime or ZonedDateTime"),
    JAVA_FOR_DATE("LocalDate"),
    JAVA_FOR_STRING("String, UUID or an enum"),
    JAVA_FOR_UNIX_TIME("Instant, OffsetDateTime, ZonedDateTime or a long of unix seconds"),
    JAVA_FOR_INTEGER("int, long, short, byte, their boxes, or BigInteger"),
    JAVA_FOR_NUMBER("double, float, BigDecimal, or an integer type"),
    JAVA_FOR_BOOLEAN("boolean or Boolean"),
    JAVA_FOR_ARRAY("an array or a Collection"),
    JAVA_FOR_OPEN_OBJECT("a record, a class with getters, or Map<String, T>"),
    JAVA_FOR_CLOSED_OBJECT("a record or a class with getters whose components are the listed properties (a Map's"
        + " keys are unknown at compile time)"),
    /** No Java value fits a schema that allows only null: any value the mapper sent would break the plan. */
    JAVA_FOR_NULL("nothing (the plan allows only null: leave the property out)"),
    OR(", or "),
    // why a Java type has no JSON form
    UNRESOLVED_TYPE("the type cannot be resolved"),
    /** A type javac classifies outside what maps to JSON, e.g. an intersection or an annotation type. */
    KIND_OF_TYPE("a type of kind %s"),
    RAW_OPTIONAL("a raw Optional"),
    RAW_COLLECTION("a raw collection: its element type is unknown"),
    RAW_MAP("a raw map: its value type is unknown"),
    MAP_KEYS_NOT_STRINGS("a map whose keys are not Strings"),
    JDK_TYPE("a JDK type that is not in the mapping table"),
    TIMING("%d mappers;%s"),
    TIMING_STAGE(" %s %d ms"),
    // words and separators messages are assembled with
    ABSTRACT("abstract"),
    NATIVE("native"),
    EVENT_NOUN("event"),
    ANNOTATION("@%s"),
    LIST("[%s]"),
    LIST_SEPARATOR(", "),
    CHAIN_SEPARATOR(" -> "),
    ITEM_SEPARATOR("; ");

    private final String format;

    Part(String format) {
      this.format = format;
    }

    public String text(Object... args) {
      return args.length == 0 ? format : String.format(Locale.ROOT, format, args);
    }

    /** The "did you mean" fragment for the closest name, or the plain end of the sentence. */
    public static String didYouMean(String closest) {
      return closest == null ? NO_SUGGESTION.text() : DID_YOU_MEAN.text(closest);
    }

    /** The "did you mean" fragment for the candidate closest to {@code wanted}, or the plain end of the sentence. */
    public static String didYouMean(String wanted, Collection<String> candidates) {
      return didYouMean(Names.closest(wanted, candidates));
    }

    /** The names a plan lists, as {@code [a, b]}. */
    public static String list(Collection<String> names) {
      return LIST.text(String.join(LIST_SEPARATOR.text(), names));
    }

    /** How a type contains itself, as {@code Node -> Child -> Node}. */
    public static String chain(Collection<String> types) {
      return String.join(CHAIN_SEPARATOR.text(), types);
    }

    /** Several items of one message, as {@code a; b}. */
    public static String items(Collection<String> items) {
      return String.join(ITEM_SEPARATOR.text(), items);
    }

    /** A fragment that starts a message, with its first letter in upper case. */
    public static String capitalized(String fragment) {
      return Character.toUpperCase(fragment.charAt(0)) + fragment.substring(1);
    }

    /** A schema's type as a message names it: {@code type integer (format unix-time)}, {@code type [string, null]}. */
    public static String schemaType(Schema s) {
      List<String> names = new ArrayList<>();
      for (JsonType t : JsonType.values()) {
        if (s.types().contains(t)) {
          names.add(t.keyword());
        }
      }
      String type = SCHEMA_TYPE.text(names.size() == 1 ? names.get(0) : names.toString());
      if (!s.allowsAdditionalProperties() && s.types().contains(JsonType.OBJECT)) {
        type += SCHEMA_CLOSED.text();
      }
      return s.format() == null ? type : SCHEMA_FORMAT.text(type, s.format());
    }

    /** The Java types that fit a schema, for a type mismatch's fix. */
    public static String javaTypesFor(Schema s) {
      StringJoiner out = new StringJoiner(OR.text());
      for (JsonType t : JsonType.values()) {
        if (!s.types().contains(t)) {
          continue;
        }
        switch (t) {
          case STRING -> out.add(("date-time".equals(s.format()) ? JAVA_FOR_DATE_TIME
              : "date".equals(s.format()) ? JAVA_FOR_DATE : JAVA_FOR_STRING).text());
          case INTEGER -> out.add(("unix-time".equals(s.format()) ? JAVA_FOR_UNIX_TIME : JAVA_FOR_INTEGER).text());
          case NUMBER -> out.add(JAVA_FOR_NUMBER.text());
          case BOOLEAN -> out.add(JAVA_FOR_BOOLEAN.text());
          case ARRAY -> out.add(JAVA_FOR_ARRAY.text());
          case OBJECT -> out.add((s.allowsAdditionalProperties() ? JAVA_FOR_OPEN_OBJECT : JAVA_FOR_CLOSED_OBJECT).text());
          default -> { }
        }
      }
      return out.length() == 0 ? JAVA_FOR_NULL.text() : out.toString();
    }
  }

  private final Diagnostic.Kind kind;
  private final String format;

  Message(Diagnostic.Kind kind, String format) {
    this.kind = kind;
    this.format = format;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The message text, prefixed with {@code [trackweave]} so a build log shows where it comes from. */
  public String format(Object... args) {
    return "[trackweave] " + String.format(Locale.ROOT, format, args);
  }
}
