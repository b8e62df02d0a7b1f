package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;

/**
 * Every problem the plan's linters can report about a plan file, in one place. Each message names what is
 * wrong and says how to fix it; {@link #text(Object...)} fills in the details. {@link Part} holds the fragments
 * (hints, how a value is described) that several messages share.
 */
enum PlanMessage {
  // --- the file ---
  NOT_A_PLAN_FILE("a tracking plan is a .yaml, .yml or .json file; rename it or convert it"),
  NO_SUCH_FILE("no such file; check the path (relative paths resolve against %s)"),
  NOT_UTF_8("the file is not UTF-8; save it as UTF-8"),
  CANNOT_READ_FILE("cannot read the file: %s"),
  CANNOT_READ_PLAN("cannot read the plan: %s"),
  EMPTY_PLAN("the plan is empty; start it with 'plan: <name>', 'version: 1', 'identifier: id' and an 'events:' "
      + "mapping"),
  MORE_THAN_ONE_DOCUMENT("the file holds more than one document; a plan is one document: remove the '---' and "
      + "what follows, or split it into its own file"),
  /** The format (JSON or YAML), {@link Part#AT_COLUMN} or nothing, and the parser's message on one line. */
  SYNTAX("cannot read the %s%s: %s; fix the syntax there"),
  YAML_ALIAS("YAML aliases (*name) are not supported; write the value out, or put a shared schema under $defs and "
      + "use $ref"),
  UNSUPPORTED_VALUE("unsupported value (%s); use a string, number, boolean, list or mapping"),
  DUPLICATE_KEY("duplicate key '%s' (first at line %s); a key may appear once in a mapping: remove or merge one of "
      + "them"),
  /** Only when the linter gave up without saying why, which should not happen. */
  PLAN_NOT_READ("the plan could not be read"),

  // --- the top level ---
  ROOT_NOT_MAPPING("a plan is a mapping with the keys plan, version, identifier, attributes, events and $defs; "
      + "this file holds %s"),
  UNKNOWN_TOP_LEVEL_KEY("unknown top-level key '%s'%s; a plan has only %s (schemas go under "
      + "events.<name>.schema, attributes or $defs)"),
  MISSING_PLAN("missing 'plan'; add 'plan: <name>' (the plan's name, for messages and the catalog)"),
  BAD_PLAN("'plan' must be a non-empty name, e.g. 'plan: shop-retention'; it is %s"),
  MISSING_VERSION("missing 'version'; add 'version: 1' and bump it on every change of the plan"),
  BAD_VERSION("'version' must be a positive whole number, e.g. 'version: 1' (no quotes); it is %s"),
  MISSING_IDENTIFIER("missing 'identifier'; add 'identifier: id' (or email, or cio_id): the key that identifies a "
      + "person in Customer.io"),
  BAD_IDENTIFIER("'identifier' must be one of id, email, cio_id; it is %s%s"),
  DEFS_NOT_MAPPING("'%s' must be a mapping from a definition name to its schema; it is %s"),
  BAD_DEF_NAME("definition name '%s' cannot be referenced as #/$defs/%s; use letters, digits, '_', '-' or '.' "
      + "only, e.g. '%s'"),
  ATTRIBUTES_NOT_MAPPING("'%s' must be a mapping from an attribute name to its schema; it is %s"),
  EVENTS_NOT_MAPPING("'%s' must be a mapping from an event name to its description, dedupe and schema; it is %s"),
  NO_EVENTS("the plan has no 'events' mapping; add 'events:' with at least one event, e.g. "
      + "order_completed: {schema: {type: object, properties: {...}}}"),
  /** A name in the plan that is not snake_case; the last argument is {@link Part#RENAME_TO} or a rule. */
  NOT_SNAKE_CASE("%s name '%s' is not lowercase snake_case%s"),
  DESCRIPTION_NOT_TEXT("description must be text; it is %s. Quote it"),

  // --- events ---
  EVENT_NOT_MAPPING("event '%s' must be a mapping with description, dedupe and schema; it is %s. Write e.g. "
      + "'%s: {schema: {type: object, properties: {...}}}'"),
  UNKNOWN_EVENT_KEY("unknown event key '%s'%s; an event has only description, dedupe and schema"),
  BAD_DEDUPE("dedupe must name one property of the event, e.g. 'dedupe: order_id'; it is %s"),
  EVENT_WITHOUT_SCHEMA("event '%s' has no schema; add 'schema: {type: object, properties: {...}}' "
      + "(use 'additionalProperties: false' with no properties for an event without properties)"),
  EVENT_SCHEMA_NOT_OBJECT("an event's schema must be 'type: object'%s; it is %s. Add 'type: object'"),
  DEDUPE_NOT_A_PROPERTY("dedupe names '%s', which is not a property of event '%s'%s; name one of its required "
      + "string or integer properties, e.g. an order id"),
  DEDUPE_NOT_REQUIRED("dedupe property '%s' is not required; add it to the event schema's 'required' list (an "
      + "occurrence without it could not be deduplicated)"),
  DEDUPE_TYPE("dedupe property '%s' must be of type string or integer; it is %s. Give it 'type: string' (or "
      + "integer), without null"),

  // --- references ---
  UNRESOLVED_REF("$ref '#/$defs/%s' does not resolve: there is no '%s' under $defs%s; add it to $defs or fix the "
      + "name"),
  REF_CYCLE("reference cycle %s; a payload must be finite, so a definition may not refer back to itself: break "
      + "the cycle (e.g. refer to an id instead of the object)"),
  BAD_REF("$ref must have the form \"#/$defs/<name>\" (a definition under the top-level $defs; quote it in YAML); "
      + "it is %s"),
  NESTED_DEFS("$defs is allowed only at the top level of the plan; move these definitions there and refer to them "
      + "as #/$defs/<name>"),
  BESIDE_REF("'%s' next to $ref is not supported (only description may stand beside $ref); move it into the "
      + "definition %s, or drop the $ref"),

  // --- one schema's keywords ---
  SCHEMA_NOT_MAPPING("a schema must be a mapping of keywords; it is %s%s"),
  /** The first argument is one of {@link Part}'s UNKNOWN_KEYWORD fragments. */
  UNKNOWN_KEYWORD("%s; a schema may use only %s"),
  BAD_TYPE("type must be a type name or a non-empty list of them, e.g. string or [string, \"null\"]; it is %s%s"),
  TYPE_NAME_NOT_TEXT("type names are text; this one is %s%s"),
  TYPE_TWICE("type %s is listed twice; remove one"),
  UNKNOWN_TYPE("unknown type '%s'%s; types are %s"),
  PROPERTIES_NOT_MAPPING("properties must be a mapping from property name to schema; it is %s"),
  REQUIRED_NOT_LIST("required must be a list of property names, e.g. [order_id, revenue]; it is %s"),
  REQUIRED_ENTRY_NOT_NAME("required entries are property names; this one is %s"),
  REQUIRED_TWICE("'%s' is listed twice in required; remove one"),
  REQUIRED_NOT_DECLARED("required names '%s', which is not among the properties%s; declare it under properties or "
      + "remove it from required (additionalProperties is false)"),
  BAD_ADDITIONAL_PROPERTIES("additionalProperties must be true or false (schemas for additional properties are "
      + "not supported); it is %s"),
  BAD_ITEMS("items must be one schema for every element, e.g. {type: string} (lists of schemas and booleans are "
      + "not supported); it is %s"),
  BAD_ENUM("enum must be a non-empty list of allowed values, e.g. [USD, EUR]; it is %s"),
  ENUM_VALUE_NOT_SCALAR("enum values must be strings, numbers, booleans or null; this one is %s"),
  ENUM_VALUE_TYPE("enum value %s is %s, which type %s does not allow; fix the value or the type"),
  ENUM_VALUE_NOT_NORMAL("enum value '%s' is not in normal form: normalize turns every value into '%s' before the "
      + "check, so '%s' could never pass; write it as '%s'"),
  CONST_NOT_SCALAR("const must be a string, number, boolean or null; it is %s"),
  CONST_TYPE("const %s is %s, which type %s does not allow; fix the value or the type"),
  UNSUPPORTED_FORMAT("unsupported format %s%s; supported formats are %s (unix-time is integer seconds, as "
      + "Customer.io stores dates)"),
  UNIX_TIME_NOT_NUMERIC("format %s applies to integer values, but the type is %s; use 'type: integer' for unix "
      + "seconds, or format date-time with type string"),
  FORMAT_NOT_STRING("format %s applies to string values, but the type is %s; use 'type: string', or format "
      + "unix-time for integer seconds"),
  BOUND_NOT_NUMBER("%s must be a number, e.g. '%s: 0'; it is %s"),
  BAD_COUNT("%s must be a whole number, 0 or more, e.g. '%s: 1'; it is %s"),
  /** A lower bound above its upper bound: minimum/maximum, minLength/maxLength, minItems/maxItems. */
  BOUNDS_CROSSED("%s %s is greater than %s %s; no value could pass: swap or fix them"),
  PATTERN_NOT_TEXT("pattern must be a regular expression in quotes; it is %s"),
  BAD_PATTERN("pattern is not a valid Java regular expression: %s near index %s of %s; fix the expression (in "
      + "YAML, quote it and double each backslash inside double quotes)"),
  KEYWORD_NOT_FOR_TYPE("%s applies to %s values, but the type is %s; remove %s or fix the type"),
  BAD_NORMALIZE("normalize must be a non-empty list of steps, e.g. [trim, lowercase]; steps are %s; it is %s"),
  UNKNOWN_NORMALIZE_STEP("unknown normalize step %s%s; steps are %s"),
  NORMALIZE_STEP_TWICE("normalize step '%s' is listed twice; remove one"),
  NORMALIZE_BOTH_CASES("normalize has both lowercase and uppercase; keep the one your segments use"),

  // --- object types ---
  OBJECTS_NOT_MAPPING("'objects' must be a mapping from an object type's name to its type_id and attributes, e.g. "
      + "'objects: {subscription: {type_id: \"2\", attributes: {plan: {type: string}}}}'; it is %s"),
  OBJECT_TYPE_NOT_MAPPING("object type '%s' must be a mapping with type_id and attributes; it is %s. Write e.g. "
      + "'%s: {type_id: \"1\", attributes: {name: {type: string}}}'"),
  UNKNOWN_OBJECT_TYPE_KEY("unknown object type key '%s'%s; an object type has only %s"),
  NO_TYPE_ID("object type has no type_id; add 'type_id: \"<n>\"', the object_type_id Customer.io shows for this "
      + "type in the workspace (Data & Integrations > Objects; the first type is \"1\")"),
  BAD_TYPE_ID("type_id must be Customer.io's object_type_id, a whole number from 1, e.g. 'type_id: \"2\"'; it is %s"),
  TYPE_ID_TAKEN("type_id %s is also the type_id of object type '%s'; each object type of the workspace has its own "
      + "object_type_id (Customer.io: Data & Integrations > Objects): fix one of them"),
  /** The attributes or relationship attributes of an object type; the second argument says which. */
  OBJECT_ATTRIBUTES_NOT_MAPPING("'%s' must be a mapping from an %s name to its schema, e.g. 'plan: {type: string}'; "
      + "it is %s"),

  // --- segments ---
  SEGMENTS_NOT_MAPPING("'%s' must be a mapping from a segment name to its description and 'where' conditions; "
      + "it is %s"),
  SEGMENT_NOT_MAPPING("segment '%s' must be a mapping with description and where; it is %s. Write e.g. "
      + "'%s: {where: {email: {exists: true}}}'"),
  SEGMENT_WITHOUT_WHERE("segment '%s' needs 'where:' with at least one attribute condition, e.g. "
      + "'where: {email: {exists: true}, email_opt_in: true}'"),
  SEGMENT_UNKNOWN_ATTRIBUTE("segment '%s' tests attribute '%s', which is not in the plan's attributes%s; add it "
      + "under 'attributes:' or fix the name"),
  /** A key a segment, journey, trigger or step does not have; the third argument names which. */
  UNKNOWN_KEY("unknown key '%s'%s; %s has only %s"),

  // --- journeys ---
  JOURNEYS_NOT_MAPPING("'%s' must be a mapping from a journey name to its trigger, segment, exit_on and steps; "
      + "it is %s"),
  JOURNEY_NOT_MAPPING("journey '%s' must be a mapping with trigger, exit_on and steps; it is %s. Write e.g. "
      + "'%s: {trigger: {event: checkout_started}, exit_on: [order_completed], steps: [{wait: 2h, message: "
      + "cart_reminder}]}'"),
  SEGMENT_NOT_NAME("segment names one of the plan's segments, e.g. 'segment: emailable'; it is %s"),
  UNKNOWN_SEGMENT("segment '%s' is not declared under 'segments:'%s; declare it there or fix the name"),
  EXIT_ON_NOT_LIST("exit_on must be a list of event names, e.g. [order_completed]; it is %s"),
  EXIT_ON_ENTRY_NOT_NAME("exit_on entries are event names; this one is %s"),
  UNKNOWN_EXIT_EVENT("exit event '%s' is not in the plan's events%s; a journey can only exit on an event the plan "
      + "declares (otherwise nobody would ever leave it): add it under 'events:' or fix the name"),
  EXIT_IS_TRIGGER("'%s' is both the trigger and an exit of this journey: every person would leave as they enter; "
      + "remove it from exit_on"),
  EXIT_TWICE("'%s' is listed twice in exit_on; remove one"),
  BAD_FREQUENCY("frequency must be one of %s; it is %s%s"),
  NO_TRIGGER("a journey needs a trigger; add 'trigger: {event: <event name>}'"),
  BAD_TRIGGER("trigger must be an event name or {event: <name>, where: {...}}; it is %s"),
  TRIGGER_WITHOUT_EVENT("a trigger names its event, e.g. 'event: checkout_started'; it is %s"),
  UNKNOWN_TRIGGER_EVENT("trigger event '%s' is not in the plan's events%s; add it under 'events:' or fix the name"),
  WHERE_NOT_MAPPING("where must be a mapping from a property of the event to a condition, e.g. "
      + "{cart_value: {greater_than: 0}}; it is %s"),
  TRIGGER_UNKNOWN_PROPERTY("the trigger filters on '%s', which is not a property of event '%s'%s; filter on one of "
      + "its properties: %s"),
  NO_STEPS("a journey needs 'steps:', a non-empty list of {wait: <duration>, message: <name>}, e.g. "
      + "[{wait: 2h, message: cart_reminder}]%s"),
  STEP_NOT_MAPPING("a step is {wait: <duration>, message: <name>}; it is %s"),
  STEP_WITHOUT_MESSAGE("a step names the message it would send, e.g. 'message: cart_reminder_email'; it is %s"),
  BAD_WAIT("wait must be a duration such as 30m, 2h, 3d or 1w (or ISO-8601 like PT2H), at least zero; it is %s%s"),

  // --- conditions of segments and triggers ---
  CONDITION_NOT_ONE_OPERATOR("a condition is one operator and its value, e.g. {exists: true} or {in: [a, b]}; "
      + "operators are %s; this one has %s keys"),
  UNKNOWN_OPERATOR("unknown operator '%s'%s; operators are %s"),
  BAD_EXISTS("exists takes true or false; it is %s"),
  BAD_IN("in takes a non-empty list of values, e.g. [registered, vip]; it is %s"),
  COMPARISON_NOT_NUMBER("%s takes a number; it is %s"),
  COMPARISON_OF_NON_NUMBER("%s compares numbers, but %s '%s' is %s; use equals or in"),
  CONDITION_VALUE_NOT_SCALAR("a condition compares with a string, number, boolean or null; this is %s"),
  CONDITION_VALUE_TYPE("%s '%s' is %s, so it can never equal %s (%s); compare with a %s value"),
  CONDITION_VALUE_NOT_IN_ENUM("'%s' is not one of the values the plan allows for %s '%s' %s%s; the condition "
      + "could never hold"),
  CONDITION_VALUE_NOT_NORMAL("'%s' is not in normal form: %s '%s' is normalized to '%s' before it is sent; "
      + "compare with '%s'");

  /** Fragments that messages share or choose between. */
  enum Part {
    DID_YOU_MEAN(" (did you mean '%s'?)"),
    AT_COLUMN(" at column %s"),
    SYNTAX_ERROR("syntax error"),
    RENAME_TO("; rename it to '%s'"),
    SNAKE_CASE_RULE("; use lowercase letters, digits and single underscores, starting with a letter"),
    SCHEMA_KEYWORD_IN_EVENT("; schema keywords go under '%s.schema'"),
    SCHEMA_KEYWORD_IN_OBJECT_TYPE("; an attribute's schema goes under '%s.attributes.<name>'"),
    VIA_REF(" (via %s)"),
    UNTYPED("untyped"),
    OF_TYPE("type %s"),
    QUOTED("'%s'"),
    IT_IS("; it is %s"),
    BOOLEAN_SCHEMA("; boolean schemas are not supported: write {} for anything, or the keywords that constrain "
        + "the value"),
    SCHEMA_EXAMPLE("; write a mapping of keywords, e.g. {type: string}"),
    KEYWORD_DID_YOU_MEAN("unknown keyword '%s' (did you mean '%s'?)"),
    KEYWORD_UNSUPPORTED("'%s' is a JSON Schema keyword Trackweave does not support"),
    KEYWORD_LIKE_PROPERTY("unknown keyword '%s' (a property? declare properties under 'properties:')"),
    KEYWORD_UNKNOWN("unknown keyword '%s'"),
    QUOTE_NULL_TYPE_NAME(". Quote it: \"null\""),
    QUOTE_NULL_TYPE(". Quote null: \"null\""),
    ADD_UNIT(". Add a unit, e.g. '%sh'"),
    // how a value found in the plan is described: "it is <one of these>"
    MISSING("missing"),
    NULL("null"),
    TEXT("the text '%s'"),
    BOOLEAN("the boolean %s"),
    NUMBER("the number %s"),
    LIST("a list"),
    MAPPING("a mapping");

    private final String format;

    Part(String format) {
      this.format = format;
    }

    String text(Object... args) {
      return args.length == 0 ? format : String.format(Locale.ROOT, format, args);
    }
  }

  private final String format;

  PlanMessage(String format) {
    this.format = format;
  }

  /** The message with its details filled in. */
  String text(Object... args) {
    return args.length == 0 ? format : String.format(Locale.ROOT, format, args);
  }

  /** " (did you mean 'x'?)" for the candidate closest to {@code wanted}, or "" when none is close. */
  static String didYouMean(String wanted, Collection<String> candidates) {
    String closest = Names.closest(wanted, candidates);
    return closest == null ? "" : Part.DID_YOU_MEAN.text(closest);
  }

  /** How a value found in the plan is named in a message: "the text 'x'", "a list", "missing". */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return Part.MISSING.text();
    }
    if (node.isNull()) {
      return Part.NULL.text();
    }
    if (node.isTextual()) {
      String t = node.asText();
      return Part.TEXT.text(t.length() > 60 ? t.substring(0, 57) + "..." : t);
    }
    if (node.isBoolean()) {
      return Part.BOOLEAN.text(node.asText());
    }
    if (node.isNumber()) {
      return Part.NUMBER.text(node.asText());
    }
    if (node.isArray()) {
      return Part.LIST.text();
    }
    if (node.isObject()) {
      return Part.MAPPING.text();
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }
}
