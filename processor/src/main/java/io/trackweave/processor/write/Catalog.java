package io.trackweave.processor.write;

import io.trackweave.plan.Journey;
import io.trackweave.plan.Schema;
import io.trackweave.plan.Segment;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.ObjectSpec;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.MethodModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The code-to-journey map: every event and attribute of the plan (and of the code), the class#method where it
 * fires, and its properties. Rendered as JSON for tools ({@link CatalogJson}) and Markdown for people
 * ({@link CatalogMarkdown}); sorted, so two builds of the same sources write the same bytes.
 *
 * <p>It is built from {@link Entry}s, one per annotated method: fresh ones from this compilation's
 * {@link MapperSpec}s, and ones {@link #retained kept} from the previous catalog for classes an incremental
 * compilation did not recompile. This class holds the model and the views both renderings share (events with
 * their fires, attributes with their setters, objects with their writers), so the two files cannot disagree.
 */
public final class Catalog {
  private final TrackingPlan plan;
  private final List<Entry> entries;

  /** One annotated method, as the catalog shows it. */
  public record Entry(String where, String descriptor, String mapper, Track track, Identify identify,
      ObjectWrite object) {
    public Entry(String where, String descriptor, String mapper, Track track, Identify identify) {
      this(where, descriptor, mapper, track, identify, null);
    }

    static Entry of(MapperSpec s) {
      MethodModel m = s.model();
      Track track = null;
      if (m.tracks()) {
        List<Property> properties = new ArrayList<>();
        for (Write w : s.properties()) {
          properties.add(new Property(w.name(), w.node().json(), w.required(), w.binding().type().toString(),
              w.binding().describe()));
        }
        track = new Track(m.event(), m.trackFire().name(), properties);
      }
      Identify identify = null;
      if (m.identifies()) {
        List<Attribute> attributes = new ArrayList<>();
        for (Write w : s.attributes()) {
          attributes.add(new Attribute(w.name(), w.node().json(), w.binding().describe()));
        }
        identify = new Identify(m.identifyFire().name(), m.updateOnly(), attributes);
      }
      ObjectWrite object = null;
      if (s.object() != null) {
        ObjectSpec o = s.object();
        object = new ObjectWrite(o.type().name(), o.action().kind().name().toLowerCase(java.util.Locale.ROOT),
            o.action().relate(), attributes(o.attributes()), attributes(o.relationship()));
      }
      return new Entry(m.where(), m.descriptor(), m.mapperBinaryName(), track, identify, object);
    }

    private static List<Attribute> attributes(List<Write> writes) {
      List<Attribute> out = new ArrayList<>();
      for (Write w : writes) {
        out.add(new Attribute(w.name(), w.node().json(), w.binding().describe()));
      }
      return out;
    }
  }

  /**
   * What the method does to an object: {@code action} is {@code identify} or {@code delete}; with
   * {@code relate} the person is related to it, with the {@code relationship} attributes.
   */
  public record ObjectWrite(String type, String action, boolean relate, List<Attribute> attributes,
      List<Attribute> relationship) {}

  /** What the method tracks; {@code on} is the {@code Fire} name. */
  public record Track(String event, String on, List<Property> properties) {}

  public record Property(String name, String type, boolean required, String java, String from) {}

  /** What the method identifies; {@code on} is the {@code Fire} name. */
  public record Identify(String on, boolean updateOnly, List<Attribute> attributes) {}

  public record Attribute(String name, String type, String from) {}
  /** @param plan the plan, or null */
  public Catalog(TrackingPlan plan, List<MapperSpec> specs) {
    this(plan, specs, List.of());
  }

  /**
   * @param plan the plan, or null
   * @param retained entries of methods not compiled this time (see {@link #retained}); a fresh spec for the
   *     same mapper wins
   */
  public Catalog(TrackingPlan plan, List<MapperSpec> specs, List<Entry> retained) {
    this.plan = plan;
    Map<String, Entry> byMapper = new TreeMap<>();
    retained.forEach(e -> byMapper.put(e.mapper(), e));
    specs.forEach(s -> byMapper.put(s.model().mapperBinaryName(), Entry.of(s)));
    this.entries = new ArrayList<>(byMapper.values());
    this.entries.sort(Comparator.comparing(Entry::where).thenComparing(Entry::descriptor)
        .thenComparing(Entry::mapper));
  }

  /**
   * The entries of a previous {@link #json()} whose mapper is a key of {@code descriptors} (mapper binary
   * name to method descriptor, from the index lines being kept). Unreadable text gives no entries: the
   * catalog is documentation, and the next full build rewrites it.
   */
  public static List<Entry> retained(String previousJson, Map<String, String> descriptors) {
    return PreviousCatalog.entries(previousJson, descriptors);
  }

  /** catalog.json: for tools, and read back by the next incremental compilation. */
  public String json() {
    return new CatalogJson(this).render();
  }

  /** catalog.md: for people reviewing what the code sends to which journey. */
  public String markdown() {
    return new CatalogMarkdown(this).render();
  }

  /** The plan, or null. */
  TrackingPlan plan() {
    return plan;
  }

  /** Every annotated method, by class#method, descriptor and mapper. */
  List<Entry> entries() {
    return entries;
  }

  /** One method that fires an event or sets an attribute; {@code properties} is empty for an attribute. */
  record Fire(String where, String on, String mapper, List<Property> properties, boolean updateOnly) {}

  /** Every event of the plan (and of the code), with the methods that fire it, in name order. */
  Map<String, List<Fire>> events() {
    Map<String, List<Fire>> events = new TreeMap<>();
    if (plan != null) {
      plan.events().keySet().forEach(name -> events.put(name, new ArrayList<>()));
    }
    for (Entry e : entries) {
      if (e.track() != null) {
        events.computeIfAbsent(e.track().event(), k -> new ArrayList<>())
            .add(new Fire(e.where(), e.track().on(), e.mapper(), e.track().properties(), false));
      }
    }
    return events;
  }

  /** Every attribute of the plan (and of the code), with the methods that set it, in name order. */
  Map<String, List<Fire>> attributes() {
    Map<String, List<Fire>> attributes = new TreeMap<>();
    if (plan != null) {
      plan.attributes().keySet().forEach(name -> attributes.put(name, new ArrayList<>()));
    }
    for (Entry e : entries) {
      if (e.identify() == null) {
        continue;
      }
      for (Attribute a : e.identify().attributes()) {
        attributes.computeIfAbsent(a.name(), k -> new ArrayList<>())
            .add(new Fire(e.where(), e.identify().on(), e.mapper(), List.of(), e.identify().updateOnly()));
      }
    }
    return attributes;
  }

  /** Every object type of the plan (and of the code), with the entries that write it, in name order. */
  Map<String, List<Entry>> objects() {
    Map<String, List<Entry>> objects = new TreeMap<>();
    if (plan != null) {
      plan.objects().keySet().forEach(name -> objects.put(name, new ArrayList<>()));
    }
    for (Entry e : entries) {
      if (e.object() != null) {
        objects.computeIfAbsent(e.object().type(), k -> new ArrayList<>()).add(e);
      }
    }
    return objects;
  }

  /** The plan's journeys, in plan order (none without a plan). */
  List<Journey> journeys() {
    return plan == null ? List.of() : List.copyOf(plan.journeys().values());
  }

  /** The attributes a segment's conditions read, in order, each once. */
  static List<String> segmentAttributes(Segment segment) {
    List<String> names = new ArrayList<>();
    for (io.trackweave.plan.Condition c : segment.conditions()) {
      if (!names.contains(c.name())) {
        names.add(c.name());
      }
    }
    return names;
  }

  /** A schema's JSON types as the catalog spells them, e.g. {@code integer|null (unix-time)}; {@code any} when open. */
  static String types(Schema s) {
    List<String> names = new ArrayList<>();
    for (io.trackweave.plan.JsonType t : io.trackweave.plan.JsonType.values()) {
      if (s.types().contains(t)) {
        names.add(t.keyword());
      }
    }
    String type = names.isEmpty() ? "any" : String.join("|", names);
    return s.format() == null ? type : type + " (" + s.format() + ")";
  }
}
