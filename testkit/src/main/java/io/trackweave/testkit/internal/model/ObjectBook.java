package io.trackweave.testkit.internal.model;

import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.RelationshipView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Customer.io's objects (companies, accounts, subscriptions...) and their relationships to people, and the
 * operations on them: identify (which creates), delete (which removes every relationship to the object), add and
 * delete relationships from either side. A relationship to an anonymous id carries over to the person whose
 * identify claims that id, as Customer.io documents for {@code identify_anonymous}.
 *
 * <p>People named in a relationship are found, or created as an event or a device creates them; a suppressed
 * identifier relates nothing. Guarded by the workspace's lock.
 */
final class ObjectBook {
  private final Clock clock;
  private final IdentityIndex identities;
  private final Map<String, ObjectRecord> byTypeAndId = new LinkedHashMap<>();
  private final Map<String, ObjectRecord> byCioObjectId = new HashMap<>();
  private long nextCioObjectId = 0xb0000001L;

  ObjectBook(Clock clock, IdentityIndex identities) {
    this.clock = clock;
    this.identities = identities;
  }

  Applied identify(Operation.IdentifyObject op) {
    StringBuilder note = new StringBuilder();
    ObjectRecord object = findOrCreate(op.object(), note);
    if (object == null) {
      return Applied.ignored("no object with " + op.object() + ": identify dropped");
    }
    if (note.length() == 0) {
      note.append("; updated object ").append(object.name());
    }
    ObjectRecord.merge(object.attributes, op.attributes());
    object.updatedAt = clock.instant();
    for (Relation r : op.relationships()) {
      relate(r, null, true, note);
    }
    return Applied.done(note.substring(2));
  }

  Applied delete(Operation.DeleteObject op) {
    ObjectRecord object = find(op.object());
    if (object == null) {
      return Applied.ignored("no object " + op.object() + ": nothing deleted");
    }
    byTypeAndId.remove(key(object.typeId, object.id));
    byCioObjectId.remove(object.cioObjectId);
    return Applied.done("deleted object " + object.name() + " and its " + object.relationships() + " relationship(s)");
  }

  Applied relate(Operation.Relate op) {
    StringBuilder note = new StringBuilder();
    PersonRecord caller = null;
    if (op.who() != null) {
      caller = person(op.who(), op.add(), note);
      if (caller == null) {
        return Applied.ignored(note.substring(2));
      }
    }
    int changed = 0;
    for (Relation r : op.relations()) {
      changed += relate(r, caller, op.add(), note) ? 1 : 0;
    }
    String text = note.length() == 0 ? "" : note.substring(2);
    return changed > 0 ? Applied.done(text) : Applied.ignored(text.isEmpty() ? "no relationship changed" : text);
  }

  /**
   * The relationships a person's identify carried ({@code cio_relationships}), added or (with {@code add} false)
   * deleted; the note of what happened.
   */
  String relateAll(PersonRecord person, List<Relation> relations, boolean add) {
    StringBuilder note = new StringBuilder();
    for (Relation r : relations) {
      relate(r, person, add, note);
    }
    return note.toString();
  }

  /** Adds or removes one relationship; false when nothing changed (the why is in {@code note}). */
  private boolean relate(Relation r, PersonRecord person, boolean add, StringBuilder note) {
    ObjectRecord object = add ? findOrCreate(r.object(), note) : find(r.object());
    if (object == null) {
      note.append("; no object ").append(r.object());
      return false;
    }
    Instant now = clock.instant();
    String anonymousId = r.anonymousId();
    if (person == null && anonymousId != null) {
      person = identities.claimerOf(anonymousId); // already identified: the relationship is theirs
    }
    if (person == null && anonymousId != null) {
      if (!add) {
        return removed(object.anonymous.remove(anonymousId) != null, object, "anonymous_id=" + anonymousId, note);
      }
      ObjectRecord.merge(object.anonymous.computeIfAbsent(anonymousId, a -> new ObjectRecord.Related(now)).attributes,
          r.attributes());
      note.append("; related anonymous_id=").append(anonymousId).append(" to ").append(object.name());
      return true;
    }
    if (person == null) {
      person = r.person() == null ? null : person(r.person(), add, note);
      if (person == null) {
        return false;
      }
    }
    if (!add) {
      return removed(object.people.remove(person) != null, object, "cio_" + person.cioId, note);
    }
    ObjectRecord.merge(object.people.computeIfAbsent(person, p -> new ObjectRecord.Related(now)).attributes,
        r.attributes());
    person.updatedAt = now;
    note.append("; related cio_").append(person.cioId).append(" to ").append(object.name());
    return true;
  }

  private static boolean removed(boolean removed, ObjectRecord object, String whom, StringBuilder note) {
    note.append(removed ? "; removed the relationship of " : "; no relationship of ").append(whom)
        .append(removed ? " to " : " with ").append(object.name());
    return removed;
  }

  /** The person a relationship names; null (with the why in {@code note}) when suppressed or, unless {@code create}, unknown. */
  private PersonRecord person(Identifier who, boolean create, StringBuilder note) {
    if (identities.isSuppressed(who)) {
      note.append("; ").append(who).append(" is suppressed: not related");
      return null;
    }
    IdentityIndex.Found found = identities.findOrCreate(who, List.of(), create);
    if (found == null) {
      note.append("; no person with ").append(who);
      return null;
    }
    if (found.created()) {
      note.append("; created person cio_").append(found.person().cioId);
    }
    return found.person();
  }

  private ObjectRecord find(ObjectId object) {
    return object.cioObjectId() != null
        ? byCioObjectId.get(object.cioObjectId())
        : byTypeAndId.get(key(object.typeId(), object.id()));
  }

  /** Finds the object, or creates it when named by type and id; a cio_object_id only finds. */
  private ObjectRecord findOrCreate(ObjectId object, StringBuilder note) {
    ObjectRecord found = find(object);
    if (found != null || object.cioObjectId() != null) {
      return found;
    }
    String cioObjectId = "ob" + Long.toHexString(nextCioObjectId++);
    ObjectRecord created = new ObjectRecord(object.typeId(), object.id(), cioObjectId, clock.instant());
    byTypeAndId.put(key(object.typeId(), object.id()), created);
    byCioObjectId.put(cioObjectId, created);
    note.append("; created object ").append(created.name()).append(" (cio_object_id ").append(cioObjectId).append(')');
    return created;
  }

  private static String key(String typeId, String id) {
    return typeId + '\u0000' + id;
  }

  /** The identify of {@code person} claimed this anonymous id: its relationships carry over to them. */
  void claim(String anonymousId, PersonRecord person) {
    for (ObjectRecord object : byTypeAndId.values()) {
      ObjectRecord.Related related = object.anonymous.remove(anonymousId);
      ObjectRecord.Related mine = related == null ? null : object.people.putIfAbsent(person, related);
      if (mine != null) {
        ObjectRecord.merge(mine.attributes, related.attributes);
      }
    }
  }

  /** {@code secondary} was merged into {@code primary}: their relationships become the primary's. */
  void move(PersonRecord secondary, PersonRecord primary) {
    for (ObjectRecord object : byTypeAndId.values()) {
      ObjectRecord.Related related = object.people.remove(secondary);
      if (related != null) {
        object.people.putIfAbsent(primary, related);
      }
    }
  }

  /** The person is gone (deleted, suppressed, merged away): so are their relationships. */
  void forget(PersonRecord person) {
    for (ObjectRecord object : byTypeAndId.values()) {
      object.people.remove(person);
    }
  }

  int size() {
    return byTypeAndId.size();
  }

  long relationships() {
    long n = 0;
    for (ObjectRecord object : byTypeAndId.values()) {
      n += object.relationships();
    }
    return n;
  }

  List<ObjectView> views() {
    List<ObjectView> out = new ArrayList<>(byTypeAndId.size());
    for (ObjectRecord object : byTypeAndId.values()) {
      out.add(object.view());
    }
    return out;
  }

  /** Each related person's relationships, in the order the objects were created. */
  Map<PersonRecord, List<RelationshipView>> byPerson() {
    Map<PersonRecord, List<RelationshipView>> out = new IdentityHashMap<>();
    for (ObjectRecord object : byTypeAndId.values()) {
      object.people.forEach((p, r) -> out.computeIfAbsent(p, k -> new ArrayList<>()).add(object.view(p, null, r)));
    }
    return out;
  }

  void clear() {
    byTypeAndId.clear();
    byCioObjectId.clear();
  }
}
