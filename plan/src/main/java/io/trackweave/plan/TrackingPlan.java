package io.trackweave.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded, lint-clean tracking plan: the event contract a team promises to send to Customer.io.
 *
 * @param name the plan's name, for messages and the catalog
 * @param version bumped on every change; generated code records it
 * @param identifier the person key: {@code id}, {@code email} or {@code cio_id}
 * @param attributes what identify may set on a person, by attribute name, in plan order
 * @param events the events, by name, in plan order
 * @param defs the {@code $defs}, by name
 * @param source where the plan was read from (a path or resource name), for messages
 * @param segments the segments the team messages, by name, in plan order (docs/journeys.md)
 * @param journeys the journeys (event-triggered campaigns) the team runs, by name, in plan order
 * @param objects the Customer.io object types the team sends, by plan name, in plan order
 */
public record TrackingPlan(
    String name,
    int version,
    String identifier,
    Map<String, Schema> attributes,
    Map<String, EventDefinition> events,
    Map<String, Schema> defs,
    String source,
    Map<String, Segment> segments,
    Map<String, Journey> journeys,
    Map<String, ObjectType> objects) {

  /** A plan without object types. */
  public TrackingPlan(
      String name, int version, String identifier, Map<String, Schema> attributes,
      Map<String, EventDefinition> events, Map<String, Schema> defs, String source,
      Map<String, Segment> segments, Map<String, Journey> journeys) {
    this(name, version, identifier, attributes, events, defs, source, segments, journeys, Map.of());
  }

  /** A plan without segments, journeys or object types. */
  public TrackingPlan(
      String name, int version, String identifier, Map<String, Schema> attributes,
      Map<String, EventDefinition> events, Map<String, Schema> defs, String source) {
    this(name, version, identifier, attributes, events, defs, source, Map.of(), Map.of(), Map.of());
  }

  public TrackingPlan {
    segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
    journeys = Collections.unmodifiableMap(new LinkedHashMap<>(journeys));
    objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
    defs = Collections.unmodifiableMap(new LinkedHashMap<>(defs));
  }

  /** The event of that name, or null. */
  public EventDefinition event(String eventName) {
    return events.get(eventName);
  }

  /** The journey of that name, or null. */
  public Journey journey(String journeyName) {
    return journeys.get(journeyName);
  }

  /** The object type of that (plan) name, or null. */
  public ObjectType object(String typeName) {
    return objects.get(typeName);
  }

  /** The segment of that name, or null. */
  public Segment segment(String segmentName) {
    return segments.get(segmentName);
  }

  /**
   * Follows {@code $ref}s to the schema that holds the keywords. A loaded plan has no dangling references
   * and no cycles (the loader rejects them), so this always ends.
   */
  public Schema resolve(Schema schema) {
    Schema s = schema;
    while (s != null && s.ref() != null) {
      s = defs.get(s.ref().substring("#/$defs/".length()));
    }
    return s;
  }
}
