package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.Identifier;
import java.util.List;

/**
 * One change to the people model, whichever endpoint (v1 or v2) carried it. The HTTP layer parses
 * requests into operations; {@link Workspace} applies them.
 */
public sealed interface Operation {

  /** A short human description for the activity log, e.g. {@code event order_completed id=42}. */
  String describe();

  /**
   * Creates or updates a person.
   *
   * @param who the person, or null when only an anonymous id is known
   * @param attributes the attributes to merge (reserved keys such as {@code _update} already removed)
   * @param anonymousId an anonymous id whose events now belong to this person, or null
   * @param updateOnly {@code _update}: never create a profile
   * @param relationships objects to relate the person to ({@code cio_relationships}), or with {@code
   *     deleteRelationships} (v1's {@code delete_relationships} action) to stop relating them to
   */
  record Identify(
      Identifier who, ObjectNode attributes, String anonymousId, boolean updateOnly, List<Relation> relationships,
      boolean deleteRelationships)
      implements Operation {
    public Identify {
      relationships = List.copyOf(relationships);
    }

    /** An identify that relates the person to no object. */
    public Identify(Identifier who, ObjectNode attributes, String anonymousId, boolean updateOnly) {
      this(who, attributes, anonymousId, updateOnly, List.of(), false);
    }

    @Override
    public String describe() {
      return "identify " + who + (anonymousId != null ? " anonymous_id=" + anonymousId : "")
          + (updateOnly ? " _update" : "") + (relationships.isEmpty() ? ""
              : (deleteRelationships ? " delete_relationships " : " ") + Relation.describeAll(relationships));
    }
  }

  /**
   * An event for a person, or (when {@code who} is null) an anonymous event.
   *
   * @param type {@code event}, {@code page} or {@code screen}
   * @param id the event id (a ULID) Customer.io deduplicates by, or null
   * @param timestamp unix seconds, or null for "when received"
   */
  record Track(
      Identifier who, String anonymousId, String name, String type, String id, Long timestamp,
      ObjectNode properties)
      implements Operation {
    @Override
    public String describe() {
      String whom = who != null ? who.toString() : "anonymous_id=" + anonymousId;
      return ("event".equals(type) ? "event " : type + " ") + name + " for " + whom
          + (id != null ? " (id " + id + ")" : "");
    }
  }

  record Delete(Identifier who) implements Operation {
    @Override
    public String describe() {
      return "delete " + who;
    }
  }

  record AddDevice(Identifier who, String token, String platform, Long lastUsed, ObjectNode attributes)
      implements Operation {
    @Override
    public String describe() {
      return "add_device " + platform + " for " + who;
    }
  }

  record DeleteDevice(Identifier who, String token) implements Operation {
    @Override
    public String describe() {
      return "delete_device for " + who;
    }
  }

  /** The primary absorbs the secondary, which is deleted. */
  record Merge(Identifier primary, Identifier secondary) implements Operation {
    @Override
    public String describe() {
      return "merge " + secondary + " into " + primary;
    }
  }

  record Suppress(Identifier who) implements Operation {
    @Override
    public String describe() {
      return "suppress " + who;
    }
  }

  record Unsuppress(Identifier who) implements Operation {
    @Override
    public String describe() {
      return "unsuppress " + who;
    }
  }

  /**
   * Creates or updates an object, and relates people (or anonymous ids) to it.
   *
   * @param attributes the attributes to merge (a null or {@code ""} value removes one)
   */
  record IdentifyObject(ObjectId object, ObjectNode attributes, List<Relation> relationships)
      implements Operation {
    public IdentifyObject {
      relationships = List.copyOf(relationships);
    }

    @Override
    public String describe() {
      return "object identify " + object + (relationships.isEmpty() ? "" : " " + Relation.describeAll(relationships));
    }
  }

  /** Deletes an object and every relationship to it. */
  record DeleteObject(ObjectId object) implements Operation {
    @Override
    public String describe() {
      return "object delete " + object;
    }
  }

  /**
   * Adds relationships (or with {@code add} false removes them).
   *
   * @param who the person whose call it is (a person's add_relationships), or null for an object's call, whose
   *     relations each name their person
   */
  record Relate(Identifier who, List<Relation> relations, boolean add) implements Operation {
    public Relate {
      relations = List.copyOf(relations);
    }

    @Override
    public String describe() {
      return (add ? "add_relationships " : "delete_relationships ") + (who != null ? who + " " : "")
          + Relation.describeAll(relations);
    }
  }

  /** Accepted by the Track API but outside what the emulator models (deliveries, anonymous-only identifies). */
  record NotModeled(String what) implements Operation {
    @Override
    public String describe() {
      return what + " (accepted, not modeled)";
    }
  }
}
