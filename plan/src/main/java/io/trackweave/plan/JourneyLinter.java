package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the plan's {@code segments} and {@code journeys} (docs/journeys.md) against its events and
 * attributes: every event a journey names must be in the plan, every attribute a segment tests must be a plan
 * attribute, every property a trigger filters on must be a property of the trigger event, every condition's
 * value must be one the attribute or property can hold, and every wait a duration.
 */
final class JourneyLinter {
  static final List<String> SEGMENT_KEYS = List.of("description", "where");
  static final List<String> JOURNEY_KEYS =
      List.of("description", "trigger", "segment", "exit_on", "frequency", "steps");
  static final List<String> TRIGGER_KEYS = List.of("event", "where");
  static final List<String> STEP_KEYS = List.of("wait", "message");
  static final List<String> OPERATORS =
      Arrays.stream(Condition.Operator.values()).map(Condition.Operator::key).toList();
  static final List<String> FREQUENCIES =
      Arrays.stream(Journey.Frequency.values()).map(Journey.Frequency::key).toList();

  private static final Pattern SHORT_DURATION = Pattern.compile(
      "(\\d{1,9})\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)");

  private final BiConsumer<String, String> problem;
  private final Map<String, Schema> attributes;
  private final Map<String, EventDefinition> events;
  /** Follows $refs; null when the plan's references are broken (reported already). */
  private final UnaryOperator<Schema> resolve;

  JourneyLinter(BiConsumer<String, String> problem, Map<String, Schema> attributes,
      Map<String, EventDefinition> events, UnaryOperator<Schema> resolve) {
    this.problem = problem;
    this.attributes = attributes;
    this.events = events;
    this.resolve = resolve;
  }

  // ---- segments --------------------------------------------------------------------------------------------

  Map<String, Segment> segments(JsonNode node) {
    Map<String, Segment> segments = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(node, "segments",
        "a mapping from a segment name to its description and 'where' conditions")) {
      String path = LocatedTree.child("segments", e.getKey());
      snakeCase(path, e.getKey(), "segment");
      JsonNode s = e.getValue();
      if (s == null || !s.isObject()) {
        problem.accept(path, "segment '" + e.getKey() + "' must be a mapping with description and where; it is "
            + PlanLinter.describe(s) + ". Write e.g. '" + e.getKey() + ": {where: {email: {exists: true}}}'");
        continue;
      }
      unknownKeys(s, path, SEGMENT_KEYS, "a segment");
      String description = text(s.get("description"), LocatedTree.child(path, "description"));
      String wherePath = LocatedTree.child(path, "where");
      JsonNode where = s.get("where");
      List<Condition> conditions = new ArrayList<>();
      if (where == null || !where.isObject() || where.isEmpty()) {
        problem.accept(where == null ? path : wherePath, "segment '" + e.getKey() + "' needs 'where:' with at "
            + "least one attribute condition, e.g. 'where: {email: {exists: true}, email_opt_in: true}'");
      } else {
        for (Map.Entry<String, JsonNode> c : where.properties()) {
          String at = LocatedTree.child(wherePath, c.getKey());
          Schema attribute = attributes.get(c.getKey());
          if (attribute == null) {
            problem.accept(at, "segment '" + e.getKey() + "' tests attribute '" + c.getKey() + "', which is not in "
                + "the plan's attributes" + Names.didYouMean(c.getKey(), attributes.keySet()) + "; add it under "
                + "'attributes:' or fix the name");
          }
          Condition condition = condition(c.getKey(), c.getValue(), at, attribute, "attribute");
          if (condition != null) {
            conditions.add(condition);
          }
        }
      }
      segments.put(e.getKey(), new Segment(e.getKey(), description, conditions, path));
    }
    return segments;
  }

  // ---- journeys --------------------------------------------------------------------------------------------

  Map<String, Journey> journeys(JsonNode node, Map<String, Segment> segments) {
    Map<String, Journey> journeys = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(node, "journeys",
        "a mapping from a journey name to its trigger, segment, exit_on and steps")) {
      String name = e.getKey();
      String path = LocatedTree.child("journeys", name);
      snakeCase(path, name, "journey");
      JsonNode j = e.getValue();
      if (j == null || !j.isObject()) {
        problem.accept(path, "journey '" + name + "' must be a mapping with trigger, exit_on and steps; it is "
            + PlanLinter.describe(j) + ". Write e.g. '" + name + ": {trigger: {event: checkout_started}, "
            + "exit_on: [order_completed], steps: [{wait: 2h, message: cart_reminder}]}'");
        continue;
      }
      unknownKeys(j, path, JOURNEY_KEYS, "a journey");
      String description = text(j.get("description"), LocatedTree.child(path, "description"));
      Journey.Trigger trigger = trigger(j.get("trigger"), LocatedTree.child(path, "trigger"), path);

      String segment = null;
      JsonNode s = j.get("segment");
      String segmentPath = LocatedTree.child(path, "segment");
      if (s != null && !s.isNull()) {
        if (!s.isTextual()) {
          problem.accept(segmentPath, "segment names one of the plan's segments, e.g. 'segment: emailable'; it is "
              + PlanLinter.describe(s));
        } else if (!segments.containsKey(s.asText())) {
          problem.accept(segmentPath, "segment '" + s.asText() + "' is not declared under 'segments:'"
              + Names.didYouMean(s.asText(), segments.keySet()) + "; declare it there or fix the name");
        } else {
          segment = s.asText();
        }
      }

      List<String> exitOn = new ArrayList<>();
      JsonNode x = j.get("exit_on");
      String exitPath = LocatedTree.child(path, "exit_on");
      if (x != null && !x.isNull()) {
        JsonNode list = x.isTextual() ? null : x;
        if (x.isTextual()) {
          exitEvent(x.asText(), exitPath, trigger, exitOn);
        } else if (!list.isArray()) {
          problem.accept(exitPath, "exit_on must be a list of event names, e.g. [order_completed]; it is "
              + PlanLinter.describe(x));
        } else {
          for (int i = 0; i < list.size(); i++) {
            JsonNode ev = list.get(i);
            String at = exitPath + "[" + i + "]";
            if (!ev.isTextual()) {
              problem.accept(at, "exit_on entries are event names; this one is " + PlanLinter.describe(ev));
            } else {
              exitEvent(ev.asText(), at, trigger, exitOn);
            }
          }
        }
      }

      Journey.Frequency frequency = Journey.Frequency.ONCE;
      JsonNode f = j.get("frequency");
      if (f != null && !f.isNull()) {
        Journey.Frequency parsed = f.isTextual() ? Journey.Frequency.ofKey(f.asText()) : null;
        if (parsed == null) {
          problem.accept(LocatedTree.child(path, "frequency"), "frequency must be one of "
              + String.join(", ", FREQUENCIES) + "; it is " + PlanLinter.describe(f)
              + (f.isTextual() ? Names.didYouMean(f.asText(), FREQUENCIES) : ""));
        } else {
          frequency = parsed;
        }
      }

      List<Journey.Step> steps = steps(j.get("steps"), LocatedTree.child(path, "steps"), path);
      if (trigger != null) {
        journeys.put(name, new Journey(name, description, trigger, segment, exitOn, frequency, steps, path));
      }
    }
    return journeys;
  }

  private Journey.Trigger trigger(JsonNode node, String path, String journeyPath) {
    if (node == null || node.isNull()) {
      problem.accept(journeyPath, "a journey needs a trigger; add 'trigger: {event: <event name>}'");
      return null;
    }
    String eventName;
    JsonNode where = null;
    String eventPath;
    if (node.isTextual()) {
      eventName = node.asText();
      eventPath = path;
    } else if (node.isObject()) {
      unknownKeys(node, path, TRIGGER_KEYS, "a trigger");
      JsonNode ev = node.get("event");
      eventPath = LocatedTree.child(path, "event");
      if (ev == null || !ev.isTextual() || ev.asText().isEmpty()) {
        problem.accept(ev == null ? path : eventPath, "a trigger names its event, e.g. 'event: checkout_started'; "
            + "it is " + PlanLinter.describe(ev));
        return null;
      }
      eventName = ev.asText();
      where = node.get("where");
    } else {
      problem.accept(path, "trigger must be an event name or {event: <name>, where: {...}}; it is "
          + PlanLinter.describe(node));
      return null;
    }
    EventDefinition event = events.get(eventName);
    if (event == null) {
      problem.accept(eventPath, "trigger event '" + eventName + "' is not in the plan's events"
          + Names.didYouMean(eventName, events.keySet()) + "; add it under 'events:' or fix the name");
    }
    List<Condition> conditions = new ArrayList<>();
    if (where != null && !where.isNull()) {
      String wherePath = LocatedTree.child(path, "where");
      if (!where.isObject()) {
        problem.accept(wherePath, "where must be a mapping from a property of the event to a condition, e.g. "
            + "{cart_value: {greater_than: 0}}; it is " + PlanLinter.describe(where));
      } else {
        Schema eventSchema = event == null ? null : resolve.apply(event.schema());
        for (Map.Entry<String, JsonNode> c : where.properties()) {
          String at = LocatedTree.child(wherePath, c.getKey());
          Schema property = null;
          if (eventSchema != null) {
            property = eventSchema.properties().get(c.getKey());
            if (property == null && !eventSchema.allowsAdditionalProperties()) {
              problem.accept(at, "the trigger filters on '" + c.getKey() + "', which is not a property of event '"
                  + eventName + "'" + Names.didYouMean(c.getKey(), eventSchema.properties().keySet())
                  + "; filter on one of its properties: " + String.join(", ", eventSchema.properties().keySet()));
            }
          }
          Condition condition = condition(c.getKey(), c.getValue(), at, property, "property");
          if (condition != null) {
            conditions.add(condition);
          }
        }
      }
    }
    return new Journey.Trigger(eventName, conditions);
  }

  private void exitEvent(String name, String at, Journey.Trigger trigger, List<String> exitOn) {
    if (!events.containsKey(name)) {
      problem.accept(at, "exit event '" + name + "' is not in the plan's events"
          + Names.didYouMean(name, events.keySet()) + "; a journey can only exit on an event the plan declares "
          + "(otherwise nobody would ever leave it): add it under 'events:' or fix the name");
    } else if (trigger != null && name.equals(trigger.event())) {
      problem.accept(at, "'" + name + "' is both the trigger and an exit of this journey: every person would "
          + "leave as they enter; remove it from exit_on");
    } else if (exitOn.contains(name)) {
      problem.accept(at, "'" + name + "' is listed twice in exit_on; remove one");
    } else {
      exitOn.add(name);
    }
  }

  private List<Journey.Step> steps(JsonNode node, String path, String journeyPath) {
    List<Journey.Step> steps = new ArrayList<>();
    if (node == null || node.isNull() || !node.isArray() || node.isEmpty()) {
      problem.accept(node == null ? journeyPath : path, "a journey needs 'steps:', a non-empty list of "
          + "{wait: <duration>, message: <name>}, e.g. [{wait: 2h, message: cart_reminder}]"
          + (node == null ? "" : "; it is " + PlanLinter.describe(node)));
      return steps;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode step = node.get(i);
      String at = path + "[" + i + "]";
      if (!step.isObject()) {
        problem.accept(at, "a step is {wait: <duration>, message: <name>}; it is " + PlanLinter.describe(step));
        continue;
      }
      unknownKeys(step, at, STEP_KEYS, "a step");
      Duration wait = Duration.ZERO;
      JsonNode w = step.get("wait");
      if (w != null && !w.isNull()) {
        wait = duration(w, LocatedTree.child(at, "wait"));
      }
      JsonNode m = step.get("message");
      if (m == null || !m.isTextual() || m.asText().isBlank()) {
        problem.accept(m == null ? at : LocatedTree.child(at, "message"), "a step names the message it would "
            + "send, e.g. 'message: cart_reminder_email'; it is " + PlanLinter.describe(m));
        continue;
      }
      if (wait != null) {
        steps.add(new Journey.Step(wait, m.asText()));
      }
    }
    return steps;
  }

  /** Parses {@code 2h}, {@code 30 minutes}, {@code 1d} or ISO-8601 {@code PT2H}; null (reported) if bad. */
  private Duration duration(JsonNode node, String at) {
    Duration d = node.isTextual() ? parseDuration(node.asText()) : null;
    if (d == null) {
      problem.accept(at, "wait must be a duration such as 30m, 2h, 3d or 1w (or ISO-8601 like PT2H), at least "
          + "zero; it is " + PlanLinter.describe(node) + (node.isNumber() ? ". Add a unit, e.g. '"
          + node.asText() + "h'" : ""));
    }
    return d;
  }

  static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      char unit = m.group(2).charAt(0);
      return switch (unit) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    if (t.startsWith("p")) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        return d.isNegative() ? null : d;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  // ---- conditions ------------------------------------------------------------------------------------------

  /**
   * One condition; {@code schema} is the attribute's or property's schema (null when unknown, which skips the
   * value checks). Returns null when the condition is unusable.
   */
  private Condition condition(String name, JsonNode node, String at, Schema schema, String what) {
    Condition.Operator operator;
    JsonNode operand;
    String operandPath = at;
    if (node != null && node.isObject()) {
      if (node.size() != 1) {
        problem.accept(at, "a condition is one operator and its value, e.g. {exists: true} or {in: [a, b]}; "
            + "operators are " + String.join(", ", OPERATORS) + "; this one has " + node.size() + " keys");
        return null;
      }
      Map.Entry<String, JsonNode> only = node.properties().iterator().next();
      operator = Condition.Operator.ofKey(only.getKey());
      operandPath = LocatedTree.child(at, only.getKey());
      if (operator == null) {
        problem.accept(operandPath, "unknown operator '" + only.getKey() + "'"
            + Names.didYouMean(only.getKey(), OPERATORS) + "; operators are " + String.join(", ", OPERATORS));
        return null;
      }
      operand = only.getValue();
    } else if (node != null && node.isArray()) {
      operator = Condition.Operator.IN;
      operand = node;
    } else {
      operator = Condition.Operator.EQUALS;
      operand = node;
    }
    List<Object> values = new ArrayList<>();
    switch (operator) {
      case EXISTS -> {
        if (!operand.isBoolean()) {
          problem.accept(operandPath, "exists takes true or false; it is " + PlanLinter.describe(operand));
          return null;
        }
        values.add(operand.booleanValue());
      }
      case IN -> {
        if (!operand.isArray() || operand.isEmpty()) {
          problem.accept(operandPath, "in takes a non-empty list of values, e.g. [registered, vip]; it is "
              + PlanLinter.describe(operand));
          return null;
        }
        for (int i = 0; i < operand.size(); i++) {
          Object v = scalar(operand.get(i), operandPath + "[" + i + "]", name, schema, what);
          if (v == NOT_A_VALUE) {
            return null;
          }
          values.add(v);
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (!operand.isNumber()) {
          problem.accept(operandPath, operator.key() + " takes a number; it is " + PlanLinter.describe(operand));
          return null;
        }
        Schema s = schema == null ? null : resolve.apply(schema);
        if (s != null && !s.types().isEmpty() && !s.allows(JsonType.NUMBER) && !s.allows(JsonType.INTEGER)) {
          problem.accept(operandPath, operator.key() + " compares numbers, but " + what + " '" + name + "' is "
              + PlanLinter.typeNames(s.types()) + "; use equals or in");
          return null;
        }
        values.add(PlanLinter.plainValue(operand));
      }
      default -> {
        Object v = scalar(operand, operandPath, name, schema, what);
        if (v == NOT_A_VALUE) {
          return null;
        }
        values.add(v);
      }
    }
    return new Condition(name, operator, values, at);
  }

  private static final Object NOT_A_VALUE = new Object();

  /** A comparison value, checked against the schema: a value it could never hold is a problem. */
  private Object scalar(JsonNode v, String at, String name, Schema schema, String what) {
    if (v == null || v.isContainerNode()) {
      problem.accept(at, "a condition compares with a string, number, boolean or null; this is "
          + PlanLinter.describe(v));
      return NOT_A_VALUE;
    }
    Object value = PlanLinter.plainValue(v);
    Schema s = schema == null ? null : resolve.apply(schema);
    if (s == null) {
      return value;
    }
    JsonType type = v.isNull() ? JsonType.NULL : v.isTextual() ? JsonType.STRING : v.isBoolean() ? JsonType.BOOLEAN
        : v.isIntegralNumber() ? JsonType.INTEGER : JsonType.NUMBER;
    Set<JsonType> fits = type == JsonType.INTEGER ? EnumSet.of(JsonType.INTEGER, JsonType.NUMBER) : EnumSet.of(type);
    if (type != JsonType.NULL && !s.types().isEmpty() && fits.stream().noneMatch(s.types()::contains)) {
      problem.accept(at, what + " '" + name + "' is " + PlanLinter.typeNames(s.types()) + ", so it can never equal "
          + v.toString() + " (" + type.keyword() + "); compare with a " + PlanLinter.typeNames(s.types())
          + " value");
      return NOT_A_VALUE;
    }
    if (value instanceof String str && s.enumValues() != null && !s.enumValues().contains(s.normalized(str))) {
      problem.accept(at, "'" + str + "' is not one of the values the plan allows for " + what + " '" + name + "' "
          + s.enumValues() + Names.didYouMean(str, s.enumValues().stream().map(String::valueOf).toList())
          + "; the condition could never hold");
      return NOT_A_VALUE;
    }
    if (value instanceof String str && !s.normalize().isEmpty() && !s.normalized(str).equals(str)) {
      problem.accept(at, "'" + str + "' is not in normal form: " + what + " '" + name + "' is normalized to '"
          + s.normalized(str) + "' before it is sent; compare with '" + s.normalized(str) + "'");
      return NOT_A_VALUE;
    }
    return value;
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private Iterable<Map.Entry<String, JsonNode>> entries(JsonNode node, String path, String what) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      problem.accept(path, "'" + path + "' must be " + what + "; it is " + PlanLinter.describe(node));
      return List.of();
    }
    return new ArrayList<>(node.properties());
  }

  private void unknownKeys(JsonNode node, String path, List<String> allowed, String what) {
    node.fieldNames().forEachRemaining(key -> {
      if (!allowed.contains(key)) {
        problem.accept(LocatedTree.child(path, key), "unknown key '" + key + "'" + Names.didYouMean(key, allowed)
            + "; " + what + " has only " + String.join(", ", allowed));
      }
    });
  }

  private String text(JsonNode node, String at) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problem.accept(at, "description must be text; it is " + PlanLinter.describe(node) + ". Quote it");
      return null;
    }
    return node.asText();
  }

  private void snakeCase(String path, String name, String what) {
    if (!Names.isSnakeCase(name)) {
      String fixed = Names.toSnakeCase(name);
      problem.accept(path, what + " name '" + name + "' is not lowercase snake_case"
          + (Names.isSnakeCase(fixed) ? "; rename it to '" + fixed + "'" : ""));
    }
  }
}
