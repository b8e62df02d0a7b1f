package io.trackweave.processor.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackweave.processor.write.Catalog.Attribute;
import io.trackweave.processor.write.Catalog.Entry;
import io.trackweave.processor.write.Catalog.Identify;
import io.trackweave.processor.write.Catalog.ObjectWrite;
import io.trackweave.processor.write.Catalog.Property;
import io.trackweave.processor.write.Catalog.Track;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code catalog.json} of the previous build back into {@link Entry}s, for the classes an incremental
 * compilation did not recompile: their mappers are not re-checked, so what the catalog said of them is all there
 * is. The reverse of {@link CatalogJson}.
 */
final class PreviousCatalog {
  private PreviousCatalog() {}

  /**
   * The entries of {@code previousJson} whose mapper is a key of {@code descriptors} (mapper binary name to
   * method descriptor, from the index lines being kept). Unreadable text gives no entries: the catalog is
   * documentation, and the next full build rewrites it.
   */
  static List<Entry> entries(String previousJson, Map<String, String> descriptors) {
    if (previousJson == null || descriptors.isEmpty()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(previousJson);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    if (root == null || !root.isObject()) {
      return List.of();
    }
    Map<String, String> where = new TreeMap<>();
    Map<String, Track> tracks = new TreeMap<>();
    Map<String, Identify> identifies = new TreeMap<>();
    for (JsonNode event : root.path("events")) {
      for (JsonNode fire : event.path("fires")) {
        String mapper = fire.path("mapper").asText(null);
        if (mapper == null || !descriptors.containsKey(mapper)) {
          continue;
        }
        List<Property> properties = new ArrayList<>();
        for (JsonNode p : fire.path("properties")) {
          properties.add(new Property(p.path("name").asText(""), p.path("type").asText(null),
              p.path("required").asBoolean(false), p.path("java").asText(null), p.path("from").asText(null)));
        }
        where.put(mapper, fire.path("where").asText(""));
        tracks.put(mapper, new Track(event.path("name").asText(""), fire.path("on").asText(""), properties));
      }
    }
    for (JsonNode identify : root.path("identifies")) {
      String mapper = identify.path("mapper").asText(null);
      if (mapper == null || !descriptors.containsKey(mapper)) {
        continue;
      }
      List<Attribute> attributes = new ArrayList<>();
      for (JsonNode a : identify.path("attributes")) {
        attributes.add(new Attribute(a.path("name").asText(""), a.path("type").asText(null), a.path("from").asText(null)));
      }
      where.put(mapper, identify.path("where").asText(""));
      identifies.put(mapper, new Identify(identify.path("on").asText(""), identify.path("update_only").asBoolean(false),
          attributes));
    }
    Map<String, ObjectWrite> objects = new TreeMap<>();
    for (JsonNode type : root.path("objects")) {
      for (JsonNode write : type.path("written_by")) {
        String mapper = write.path("mapper").asText(null);
        if (mapper == null || !descriptors.containsKey(mapper)) {
          continue;
        }
        where.put(mapper, write.path("where").asText(""));
        objects.put(mapper, new ObjectWrite(type.path("name").asText(""), write.path("action").asText(""),
            write.path("relate").asBoolean(false), attributes(write.path("attributes")),
            attributes(write.path("relationship"))));
      }
    }
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, String> e : where.entrySet()) {
      String mapper = e.getKey();
      out.add(new Entry(e.getValue(), descriptors.get(mapper), mapper, tracks.get(mapper), identifies.get(mapper),
          objects.get(mapper)));
    }
    return out;
  }

  private static List<Attribute> attributes(JsonNode array) {
    List<Attribute> out = new ArrayList<>();
    for (JsonNode a : array) {
      out.add(new Attribute(a.path("name").asText(""), a.path("type").asText(null), a.path("from").asText(null)));
    }
    return out;
  }
}
