package io.trackweave.testkit.junit;

import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.PersonView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An expectation about a person: {@code identified("42").withAttribute("email", "j@x.io").exists()}.
 * Terminal methods flush the runtime and wait (boundedly), and list the people received on failure.
 */
public final class PersonAssertion {
  private final Delivery delivery;
  private final String identifier;
  private final List<String> described = new ArrayList<>();
  private final List<Predicate<PersonView>> criteria = new ArrayList<>();

  PersonAssertion(Delivery delivery, String identifier) {
    this.delivery = delivery;
    this.identifier = Objects.requireNonNull(identifier, "identifier");
  }

  /** The person's attribute at {@code path} (a name, dotted path or JSON pointer) equals {@code value}. */
  public PersonAssertion withAttribute(String path, Object value) {
    described.add(path + " = " + JsonValues.show(value));
    criteria.add(p -> JsonValues.matches(JsonValues.at(p.attributes(), path), value));
    return this;
  }

  /** The person has no attribute at {@code path}. */
  public PersonAssertion withoutAttribute(String path) {
    described.add("no " + path);
    criteria.add(p -> JsonValues.at(p.attributes(), path).isMissingNode());
    return this;
  }

  /** The person is related to the object {@code objectTypeId}/{@code objectId}. */
  public PersonAssertion relatedTo(String objectTypeId, String objectId) {
    described.add("related to object " + objectTypeId + "/" + objectId);
    criteria.add(p -> p.isRelatedTo(objectTypeId, objectId));
    return this;
  }

  /** The person is not related to the object {@code objectTypeId}/{@code objectId}. */
  public PersonAssertion notRelatedTo(String objectTypeId, String objectId) {
    described.add("not related to object " + objectTypeId + "/" + objectId);
    criteria.add(p -> !p.isRelatedTo(objectTypeId, objectId));
    return this;
  }

  /** The person's identify calls broke no rule of the tracking plan. */
  public PersonAssertion withoutViolations() {
    described.add("no plan violations");
    criteria.add(p -> p.violations().isEmpty());
    return this;
  }

  /** Asserts such a person exists; returns them. */
  public PersonView exists() {
    ModelSnapshot s = delivery.await(snap -> find(snap) != null && matches(find(snap)), snap -> false);
    PersonView p = find(s);
    if (p == null || !matches(p)) {
      throw failure(s, p, "to exist");
    }
    return p;
  }

  /** Asserts no person is known by this identifier (never identified, deleted, merged away or suppressed). */
  public void doesNotExist() {
    delivery.flush();
    ModelSnapshot s = delivery.await(snap -> true, snap -> true);
    PersonView p = find(s);
    if (p != null) {
      throw failure(s, p, "not to exist");
    }
  }

  private PersonView find(ModelSnapshot s) {
    for (PersonView p : s.people()) {
      if (p.isKnownAs(identifier)) {
        return p;
      }
    }
    return null;
  }

  private boolean matches(PersonView p) {
    return criteria.stream().allMatch(c -> c.test(p));
  }

  private AssertionError failure(ModelSnapshot s, PersonView found, String expectation) {
    StringBuilder m = new StringBuilder("Expected person ").append(identifier);
    for (int i = 0; i < described.size(); i++) {
      m.append(i == 0 ? " with " : " and ").append(described.get(i));
    }
    m.append(' ').append(expectation).append(", but ");
    if (found == null) {
      m.append("no person is known by ").append(identifier);
    } else {
      m.append("found ").append(found.displayName()).append(" with attributes ").append(found.attributes());
      if (!found.relationships().isEmpty()) {
        m.append(", related to ").append(found.relationships().stream()
            .map(r -> r.objectTypeId() + "/" + r.objectId()).toList());
      }
      if (!found.violations().isEmpty()) {
        m.append(" and plan violations ").append(found.violations());
      }
    }
    m.append(" (waited up to ").append(delivery.timeout().toMillis()).append(" ms).");
    m.append("\nPeople received (").append(s.people().size()).append("):");
    if (s.people().isEmpty()) {
      m.append(" none");
    }
    for (PersonView p : s.people()) {
      m.append("\n  - ").append(p.displayName());
      if (p.email() != null && !p.email().equals(p.displayName())) {
        m.append(" <").append(p.email()).append('>');
      }
      m.append(' ').append(p.attributes()).append(", ").append(p.events().size()).append(" event(s)");
    }
    if (!s.suppressed().isEmpty()) {
      m.append("\nSuppressed: ").append(s.suppressed());
    }
    m.append(delivery.runtimeSummary());
    return new AssertionError(m.toString());
  }
}
