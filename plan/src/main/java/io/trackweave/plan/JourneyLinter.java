package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the plan's {@code segments} and {@code journeys} (docs/journeys.md) against its events and
 * attributes: every event a journey names must be in the plan, every attribute a segment tests must be a plan
 * attribute, every property a trigger filters on must be a property of the trigger event, and every wait a
 * duration. The conditions themselves (and whether their values fit) are {@link ConditionLinter}'s.
 */
final class JourneyLinter {
  static final List<String> SEGMENT_KEYS = List.of("description", "where");
  static final List<String> JOURNEY_KEYS =
      List.of("description", "trigger", "segment", "exit_on", "frequency", "steps");
  static final List<String> TRIGGER_KEYS = List.of("event", "where");
  static final List<String> STEP_KEYS = List.of("wait", "message");
  static final List<String> FREQUENCIES =
      Arrays.stream(Journey.Frequency.values()).map(Journey.Frequency::key).toList();

  private static final Pattern SHORT_DURATION = Pattern.compile(
      "(\\d{1,9})\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)");

  private final PlanProblems problems;
  private final Map<String, Schema> attributes;
  private final Map<String, EventDefinition> events;
  /** Follows $refs; null when the plan's references are broken (reported already). */
  private final UnaryOperator<Schema> resolve;
  private final ConditionLinter conditions;

  JourneyLinter(PlanProblems problems, Map<String, Schema> attributes, Map<String, EventDefinition> events,
      UnaryOperator<Schema> resolve) {
    this.problems = problems;
    this.attributes = attributes;
    this.events = events;
    this.resolve = resolve;
    this.conditions = new ConditionLinter(problems, resolve);
  }

  // ---- segments --------------------------------------------------------------------------------------------

  Map<String, Segment> segments(JsonNode node) {
    Map<String, Segment> segments = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : problems.entries(node, "segments", PlanMessage.SEGMENTS_NOT_MAPPING)) {
      String path = LocatedTree.child("segments", e.getKey());
      problems.snakeCase(path, e.getKey(), "segment", false);
      JsonNode s = e.getValue();
      if (s == null || !s.isObject()) {
        problems.report(path, PlanMessage.SEGMENT_NOT_MAPPING, e.getKey(), PlanMessage.describe(s), e.getKey());
        continue;
      }
      unknownKeys(s, path, SEGMENT_KEYS, "a segment");
      String description = text(s.get("description"), LocatedTree.child(path, "description"));
      String wherePath = LocatedTree.child(path, "where");
      JsonNode where = s.get("where");
      List<Condition> conditions = new ArrayList<>();
      if (where == null || !where.isObject() || where.isEmpty()) {
        problems.report(where == null ? path : wherePath, PlanMessage.SEGMENT_WITHOUT_WHERE, e.getKey());
      } else {
        for (Map.Entry<String, JsonNode> c : where.properties()) {
          String at = LocatedTree.child(wherePath, c.getKey());
          Schema attribute = attributes.get(c.getKey());
          if (attribute == null) {
            problems.report(at, PlanMessage.SEGMENT_UNKNOWN_ATTRIBUTE, e.getKey(), c.getKey(),
                PlanMessage.didYouMean(c.getKey(), attributes.keySet()));
          }
          Condition condition = this.conditions.condition(c.getKey(), c.getValue(), at, attribute, "attribute");
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
    for (Map.Entry<String, JsonNode> e : problems.entries(node, "journeys", PlanMessage.JOURNEYS_NOT_MAPPING)) {
      String name = e.getKey();
      String path = LocatedTree.child("journeys", name);
      problems.snakeCase(path, name, "journey", false);
      JsonNode j = e.getValue();
      if (j == null || !j.isObject()) {
        problems.report(path, PlanMessage.JOURNEY_NOT_MAPPING, name, PlanMessage.describe(j), name);
        continue;
      }
      unknownKeys(j, path, JOURNEY_KEYS, "a journey");
      String description = text(j.get("description"), LocatedTree.child(path, "description"));
      Journey.Trigger trigger = trigger(j.get("trigger"), LocatedTree.child(path, "trigger"), path);
      String segment = segment(j.get("segment"), LocatedTree.child(path, "segment"), segments);
      List<String> exitOn = exitOn(j.get("exit_on"), LocatedTree.child(path, "exit_on"), trigger);
      Journey.Frequency frequency = frequency(j.get("frequency"), LocatedTree.child(path, "frequency"));
      List<Journey.Step> steps = steps(j.get("steps"), LocatedTree.child(path, "steps"), path);
      if (trigger != null) {
        journeys.put(name, new Journey(name, description, trigger, segment, exitOn, frequency, steps, path));
      }
    }
    return journeys;
  }

  private String segment(JsonNode s, String segmentPath, Map<String, Segment> segments) {
    if (s == null || s.isNull()) {
      return null;
    }
    if (!s.isTextual()) {
      problems.report(segmentPath, PlanMessage.SEGMENT_NOT_NAME, PlanMessage.describe(s));
    } else if (!segments.containsKey(s.asText())) {
      problems.report(segmentPath, PlanMessage.UNKNOWN_SEGMENT, s.asText(),
          PlanMessage.didYouMean(s.asText(), segments.keySet()));
    } else {
      return s.asText();
    }
    return null;
  }

  private List<String> exitOn(JsonNode x, String exitPath, Journey.Trigger trigger) {
    List<String> exitOn = new ArrayList<>();
    if (x == null || x.isNull()) {
      return exitOn;
    }
    if (x.isTextual()) {
      exitEvent(x.asText(), exitPath, trigger, exitOn);
    } else if (!x.isArray()) {
      problems.report(exitPath, PlanMessage.EXIT_ON_NOT_LIST, PlanMessage.describe(x));
    } else {
      for (int i = 0; i < x.size(); i++) {
        JsonNode ev = x.get(i);
        String at = exitPath + "[" + i + "]";
        if (!ev.isTextual()) {
          problems.report(at, PlanMessage.EXIT_ON_ENTRY_NOT_NAME, PlanMessage.describe(ev));
        } else {
          exitEvent(ev.asText(), at, trigger, exitOn);
        }
      }
    }
    return exitOn;
  }

  private Journey.Frequency frequency(JsonNode f, String at) {
    if (f == null || f.isNull()) {
      return Journey.Frequency.ONCE;
    }
    Journey.Frequency parsed =
        f.isTextual() ? EnumKeys.of(Journey.Frequency.values(), Journey.Frequency::key, f.asText()) : null;
    if (parsed == null) {
      problems.report(at, PlanMessage.BAD_FREQUENCY, String.join(", ", FREQUENCIES), PlanMessage.describe(f),
          f.isTextual() ? PlanMessage.didYouMean(f.asText(), FREQUENCIES) : "");
      return Journey.Frequency.ONCE;
    }
    return parsed;
  }

  private Journey.Trigger trigger(JsonNode node, String path, String journeyPath) {
    if (node == null || node.isNull()) {
      problems.report(journeyPath, PlanMessage.NO_TRIGGER);
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
        problems.report(ev == null ? path : eventPath, PlanMessage.TRIGGER_WITHOUT_EVENT, PlanMessage.describe(ev));
        return null;
      }
      eventName = ev.asText();
      where = node.get("where");
    } else {
      problems.report(path, PlanMessage.BAD_TRIGGER, PlanMessage.describe(node));
      return null;
    }
    EventDefinition event = events.get(eventName);
    if (event == null) {
      problems.report(eventPath, PlanMessage.UNKNOWN_TRIGGER_EVENT, eventName,
          PlanMessage.didYouMean(eventName, events.keySet()));
    }
    List<Condition> conditions = new ArrayList<>();
    if (where != null && !where.isNull()) {
      String wherePath = LocatedTree.child(path, "where");
      if (!where.isObject()) {
        problems.report(wherePath, PlanMessage.WHERE_NOT_MAPPING, PlanMessage.describe(where));
      } else {
        Schema eventSchema = event == null ? null : resolve.apply(event.schema());
        for (Map.Entry<String, JsonNode> c : where.properties()) {
          String at = LocatedTree.child(wherePath, c.getKey());
          Schema property = null;
          if (eventSchema != null) {
            property = eventSchema.properties().get(c.getKey());
            if (property == null && !eventSchema.allowsAdditionalProperties()) {
              problems.report(at, PlanMessage.TRIGGER_UNKNOWN_PROPERTY, c.getKey(), eventName,
                  PlanMessage.didYouMean(c.getKey(), eventSchema.properties().keySet()),
                  String.join(", ", eventSchema.properties().keySet()));
            }
          }
          Condition condition = this.conditions.condition(c.getKey(), c.getValue(), at, property, "property");
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
      problems.report(at, PlanMessage.UNKNOWN_EXIT_EVENT, name, PlanMessage.didYouMean(name, events.keySet()));
    } else if (trigger != null && name.equals(trigger.event())) {
      problems.report(at, PlanMessage.EXIT_IS_TRIGGER, name);
    } else if (exitOn.contains(name)) {
      problems.report(at, PlanMessage.EXIT_TWICE, name);
    } else {
      exitOn.add(name);
    }
  }

  private List<Journey.Step> steps(JsonNode node, String path, String journeyPath) {
    List<Journey.Step> steps = new ArrayList<>();
    if (node == null || node.isNull() || !node.isArray() || node.isEmpty()) {
      problems.report(node == null ? journeyPath : path, PlanMessage.NO_STEPS,
          node == null ? "" : PlanMessage.Part.IT_IS.text(PlanMessage.describe(node)));
      return steps;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode step = node.get(i);
      String at = path + "[" + i + "]";
      if (!step.isObject()) {
        problems.report(at, PlanMessage.STEP_NOT_MAPPING, PlanMessage.describe(step));
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
        problems.report(m == null ? at : LocatedTree.child(at, "message"), PlanMessage.STEP_WITHOUT_MESSAGE,
            PlanMessage.describe(m));
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
      problems.report(at, PlanMessage.BAD_WAIT, PlanMessage.describe(node),
          node.isNumber() ? PlanMessage.Part.ADD_UNIT.text(node.asText()) : "");
    }
    return d;
  }

  /** A wait as the plan writes it ({@code 2h}, {@code 30 minutes}, {@code PT2H}), or null when it is not one. */
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

  // ---- helpers ---------------------------------------------------------------------------------------------

  private void unknownKeys(JsonNode node, String path, List<String> allowed, String what) {
    node.fieldNames().forEachRemaining(key -> {
      if (!allowed.contains(key)) {
        problems.report(LocatedTree.child(path, key), PlanMessage.UNKNOWN_KEY, key,
            PlanMessage.didYouMean(key, allowed), what, String.join(", ", allowed));
      }
    });
  }

  private String text(JsonNode node, String at) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.report(at, PlanMessage.DESCRIPTION_NOT_TEXT, PlanMessage.describe(node));
      return null;
    }
    return node.asText();
  }
}
