package io.trackweave.testkit.junit;

import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.RelationshipView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An expectation about a Customer.io object:
 * {@code object("1", "sub-42").withAttribute("plan", "pro").relatedTo("42").exists()}. Terminal methods flush the
 * runtime and wait (boundedly), and list the objects received on failure.
 */
public final class ObjectAssertion {
  private final Delivery delivery;
  private final String typeId;
  private final String id;
  private final List<String> described = new ArrayList<>();
  private final List<Predicate<ObjectView>> criteria = new ArrayList<>();

  ObjectAssertion(Delivery delivery, String typeId, String id) {
    this.delivery = delivery;
    this.typeId = Objects.requireNonNull(typeId, "typeId");
    this.id = Objects.requireNonNull(id, "id");
  }

  /** The object's attribute at {@code path} (a name, dotted path or JSON pointer) equals {@code value}. */
  public ObjectAssertion withAttribute(String path, Object value) {
    described.add(path + " = " + JsonValues.show(value));
    criteria.add(o -> JsonValues.matches(JsonValues.at(o.attributes(), path), value));
    return this;
  }

  /** The object has no attribute at {@code path}. */
  public ObjectAssertion withoutAttribute(String path) {
    described.add("no " + path);
    criteria.add(o -> JsonValues.at(o.attributes(), path).isMissingNode());
    return this;
  }

  /** The person known by this id, email, phone or cio_id (or this anonymous id) is related to the object. */
  public ObjectAssertion relatedTo(String person) {
    Objects.requireNonNull(person, "person");
    described.add("related to " + person);
    criteria.add(o -> o.isRelatedTo(person));
    return this;
  }

  /** The relationship with {@code person} has the attribute {@code path} equal to {@code value}. */
  public ObjectAssertion relatedTo(String person, String path, Object value) {
    Objects.requireNonNull(person, "person");
    described.add("related to " + person + " with " + path + " = " + JsonValues.show(value));
    criteria.add(o -> o.relationships().stream().anyMatch(
        r -> r.isWith(person) && JsonValues.matches(JsonValues.at(r.attributes(), path), value)));
    return this;
  }

  /** The person is not related to the object. */
  public ObjectAssertion notRelatedTo(String person) {
    Objects.requireNonNull(person, "person");
    described.add("not related to " + person);
    criteria.add(o -> !o.isRelatedTo(person));
    return this;
  }

  /** Asserts such an object exists; returns it. */
  public ObjectView exists() {
    ModelSnapshot s = delivery.await(snap -> find(snap) != null && matches(find(snap)), snap -> false);
    ObjectView o = find(s);
    if (o == null || !matches(o)) {
      throw failure(s, o, "to exist");
    }
    return o;
  }

  /** Asserts there is no such object (never identified, or deleted). */
  public void doesNotExist() {
    delivery.flush();
    ModelSnapshot s = delivery.await(snap -> true, snap -> true);
    ObjectView o = find(s);
    if (o != null) {
      throw failure(s, o, "not to exist");
    }
  }

  private ObjectView find(ModelSnapshot s) {
    return s.object(typeId, id);
  }

  private boolean matches(ObjectView o) {
    return criteria.stream().allMatch(c -> c.test(o));
  }

  private AssertionError failure(ModelSnapshot s, ObjectView found, String expectation) {
    StringBuilder m = new StringBuilder("Expected object ").append(typeId).append('/').append(id);
    for (int i = 0; i < described.size(); i++) {
      m.append(i == 0 ? " with " : " and ").append(described.get(i));
    }
    m.append(' ').append(expectation).append(", but ");
    if (found == null) {
      m.append("there is no object ").append(typeId).append('/').append(id);
    } else {
      m.append("found it with attributes ").append(found.attributes()).append(" and ").append(related(found));
    }
    m.append(" (waited up to ").append(delivery.timeout().toMillis()).append(" ms).");
    m.append("\nObjects received (").append(s.objects().size()).append("):");
    if (s.objects().isEmpty()) {
      m.append(" none");
    }
    for (ObjectView o : s.objects()) {
      m.append("\n  - ").append(o.displayName()).append(' ').append(o.attributes()).append(", ").append(related(o));
    }
    m.append(delivery.runtimeSummary());
    return new AssertionError(m.toString());
  }

  private static String related(ObjectView o) {
    if (o.relationships().isEmpty()) {
      return "no one related";
    }
    List<String> names = new ArrayList<>();
    for (RelationshipView r : o.relationships()) {
      String who = r.person() != null ? r.person().displayName() : "anonymous " + r.anonymousId();
      names.add(r.attributes().isEmpty() ? who : who + " " + r.attributes());
    }
    return "related to " + names;
  }
}
