package io.trackweave.testkit.internal.model;

import io.trackweave.testkit.model.Identifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is who: people by cio_id, id, email (any case), phone and claimed anonymous id, and the suppressed
 * identifiers. The one place that finds a person, creates one, and gives identifiers out, refusing an
 * identifier another person holds as Customer.io does. Guarded by the workspace's lock.
 */
final class IdentityIndex {
  /** A person found or created by {@link #findOrCreate}. */
  record Found(PersonRecord person, boolean created) {}

  private final Clock clock;
  private final Map<String, PersonRecord> byCioId = new LinkedHashMap<>();
  private final Map<String, PersonRecord> byId = new HashMap<>();
  private final Map<String, PersonRecord> byEmail = new HashMap<>();
  private final Map<String, PersonRecord> byPhone = new HashMap<>();
  private final Map<String, PersonRecord> byAnonymousId = new HashMap<>();
  private final Set<Identifier> suppressed = new LinkedHashSet<>();
  private long nextCioId = 0xe0000001L;

  IdentityIndex(Clock clock) {
    this.clock = clock;
  }

  /** Everyone, in creation order. */
  Collection<PersonRecord> people() {
    return byCioId.values();
  }

  int size() {
    return byCioId.size();
  }

  PersonRecord find(Identifier who) {
    return switch (who.type()) {
      case Identifier.ID -> byId.get(who.value());
      case Identifier.EMAIL -> {
        PersonRecord p = byEmail.get(who.key());
        // a v1 path that looks like an email may still be a workspace's id
        yield p != null ? p : byId.get(who.value());
      }
      case Identifier.CIO_ID -> byCioId.get(who.value());
      case Identifier.PHONE -> byPhone.get(who.value());
      default -> null;
    };
  }

  /**
   * The person {@code who} names, else the first that one of {@code alsoKnownAs} names (an identify body's id or
   * email), else a new person holding {@code who} when {@code mayCreate}. Null when there is none and none may be
   * made: a cio_id is the emulator's to give, so an unknown one never creates.
   */
  Found findOrCreate(Identifier who, List<Identifier> alsoKnownAs, boolean mayCreate) {
    PersonRecord person = find(who);
    for (int i = 0; person == null && i < alsoKnownAs.size(); i++) {
      Identifier other = alsoKnownAs.get(i);
      person = Identifier.EMAIL.equals(other.type()) ? byEmail.get(other.key()) : find(other);
    }
    if (person != null) {
      return new Found(person, false);
    }
    if (!mayCreate || Identifier.CIO_ID.equals(who.type())) {
      return null;
    }
    person = new PersonRecord(Long.toHexString(nextCioId++), clock.instant());
    byCioId.put(person.cioId, person);
    assign(person, who, new StringBuilder());
    return new Found(person, true);
  }

  /**
   * Gives the person this identifier unless another person holds it (Customer.io's Attribute Update Failure,
   * appended to {@code problems}).
   */
  void assign(PersonRecord person, Identifier identifier, StringBuilder problems) {
    Map<String, PersonRecord> index;
    switch (identifier.type()) {
      case Identifier.ID -> index = byId;
      case Identifier.EMAIL -> index = byEmail;
      case Identifier.PHONE -> index = byPhone;
      default -> {
        return; // cio_id is assigned by the emulator
      }
    }
    PersonRecord holder = index.get(identifier.key());
    if (holder != null && holder != person) {
      problems
          .append("; Attribute Update Failure: ")
          .append(identifier)
          .append(" belongs to cio_")
          .append(holder.cioId);
      return;
    }
    String previous =
        switch (identifier.type()) {
          case Identifier.ID -> person.id;
          case Identifier.EMAIL -> person.email == null ? null : Identifier.email(person.email).key();
          default -> person.phone;
        };
    if (previous != null) {
      index.remove(previous);
    }
    index.put(identifier.key(), person);
    switch (identifier.type()) {
      case Identifier.ID -> person.id = identifier.value();
      case Identifier.EMAIL -> person.email = identifier.value();
      default -> person.phone = identifier.value();
    }
  }

  /** The person whose identify carried this anonymous id, or null. */
  PersonRecord claimerOf(String anonymousId) {
    return byAnonymousId.get(anonymousId);
  }

  /** Points the anonymous id at {@code person}; the caller checked that nobody else holds it. */
  void claim(String anonymousId, PersonRecord person) {
    byAnonymousId.put(anonymousId, person);
    person.anonymousIds.add(anonymousId);
  }

  boolean isSuppressed(Identifier who) {
    return suppressed.contains(normal(who));
  }

  void suppress(Identifier who) {
    suppressed.add(normal(who));
  }

  /** False when {@code who} was not suppressed. */
  boolean unsuppress(Identifier who) {
    return suppressed.remove(normal(who));
  }

  List<Identifier> suppressed() {
    return new ArrayList<>(suppressed);
  }

  /** Drops every identifier of the person (their anonymous ids too, unless another claimed them since). */
  void remove(PersonRecord person) {
    byCioId.remove(person.cioId);
    if (person.id != null) {
      byId.remove(person.id);
    }
    if (person.email != null) {
      byEmail.remove(Identifier.email(person.email).key());
    }
    if (person.phone != null) {
      byPhone.remove(person.phone);
    }
    for (String anonymousId : person.anonymousIds) {
      byAnonymousId.remove(anonymousId, person);
    }
  }

  void clear() {
    byCioId.clear();
    byId.clear();
    byEmail.clear();
    byPhone.clear();
    byAnonymousId.clear();
    suppressed.clear();
  }

  private static Identifier normal(Identifier who) {
    return Identifier.EMAIL.equals(who.type()) ? Identifier.email(who.key()) : who;
  }
}
