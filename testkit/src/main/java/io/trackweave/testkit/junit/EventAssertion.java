package io.trackweave.testkit.junit;

import io.trackweave.testkit.model.AnonymousView;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.PersonView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An expectation about tracked events, read like a sentence:
 * {@code tracked("order_completed").forCustomer("42").withProperty("order_id", "o-1").exactlyOnce()}.
 *
 * <p>The terminal methods ({@link #exactlyOnce()}, {@link #times(int)}, {@link #atLeastOnce()},
 * {@link #never()}) flush the runtime, wait (boundedly) for delivery, and fail with a message that lists
 * what the emulator did receive.
 */
public final class EventAssertion {
  private static final int MAX_LISTED = 40;

  private final Delivery delivery;
  private final String event;
  private final List<Criterion> criteria = new ArrayList<>();
  private String customer;
  private String anonymousId;

  EventAssertion(Delivery delivery, String event) {
    this.delivery = delivery;
    this.event = Objects.requireNonNull(event, "event");
  }

  /** Only events of the person known by this id, email, phone or cio_id. */
  public EventAssertion forCustomer(String identifier) {
    this.customer = Objects.requireNonNull(identifier, "identifier");
    return this;
  }

  /** Only events sent with this anonymous id (still anonymous, or merged into a person since). */
  public EventAssertion forAnonymous(String anonymousId) {
    this.anonymousId = Objects.requireNonNull(anonymousId, "anonymousId");
    return this;
  }

  /**
   * Only events whose property at {@code path} equals {@code value}. {@code path} is a property name, a
   * dotted path ({@code items[0].sku}) or a JSON pointer ({@code /items/0/sku}); numbers compare by value.
   */
  public EventAssertion withProperty(String path, Object value) {
    criteria.add(
        new Criterion(
            path + " = " + JsonValues.show(value),
            e -> JsonValues.matches(JsonValues.at(e.properties(), path), value)));
    return this;
  }

  /** Only events that have a property at {@code path}, whatever its value. */
  public EventAssertion withPropertyPresent(String path) {
    criteria.add(new Criterion(path + " present", e -> !JsonValues.at(e.properties(), path).isMissingNode()));
    return this;
  }

  /** Only events that broke no rule of the tracking plan. */
  public EventAssertion withoutViolations() {
    criteria.add(new Criterion("no plan violations", e -> e.violations().isEmpty()));
    return this;
  }

  /** Only events matching a predicate of your own. */
  public EventAssertion matching(String description, Predicate<EventView> predicate) {
    criteria.add(new Criterion(description, predicate));
    return this;
  }

  /** Asserts exactly one such event arrived; returns it. */
  public EventView exactlyOnce() {
    return times(1).get(0);
  }

  /** Asserts exactly {@code n} such events arrived; returns them in arrival order. */
  public List<EventView> times(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    ModelSnapshot s = delivery.await(snap -> matching(snap).size() == n, snap -> matching(snap).size() > n);
    List<EventView> found = matching(s);
    if (found.size() != n) {
      throw failure(s, found, n == 1 ? "exactly once" : "exactly " + n + " times");
    }
    return found;
  }

  /** Asserts at least one such event arrived; returns all of them. */
  public List<EventView> atLeastOnce() {
    ModelSnapshot s = delivery.await(snap -> !matching(snap).isEmpty(), snap -> false);
    List<EventView> found = matching(s);
    if (found.isEmpty()) {
      throw failure(s, found, "at least once");
    }
    return found;
  }

  /** Asserts no such event arrived, after flushing the runtime. */
  public void never() {
    delivery.flush();
    ModelSnapshot s = delivery.await(snap -> true, snap -> true);
    List<EventView> found = matching(s);
    if (!found.isEmpty()) {
      throw failure(s, found, "never");
    }
  }

  private List<EventView> matching(ModelSnapshot s) {
    List<EventView> out = new ArrayList<>();
    for (Owned o : all(s)) {
      if (o.event.name().equals(event) && owner(o) && criteria.stream().allMatch(c -> c.test.test(o.event))) {
        out.add(o.event);
      }
    }
    return out;
  }

  private boolean owner(Owned o) {
    if (customer != null && (o.person == null || !o.person.isKnownAs(customer))) {
      return false;
    }
    return anonymousId == null || anonymousId.equals(o.event.anonymousId());
  }

  private AssertionError failure(ModelSnapshot s, List<EventView> found, String expectation) {
    StringBuilder m = new StringBuilder("Expected event ").append(event);
    if (customer != null) {
      m.append(" for customer ").append(customer);
    }
    if (anonymousId != null) {
      m.append(" for anonymous id ").append(anonymousId);
    }
    for (int i = 0; i < criteria.size(); i++) {
      m.append(i == 0 ? " with " : " and ").append(criteria.get(i).description);
    }
    m.append(' ').append(expectation).append(", but it was tracked ").append(count(found.size()));
    m.append(" (waited up to ").append(delivery.timeout().toMillis()).append(" ms).");
    List<Owned> all = all(s);
    m.append("\nEvents received (").append(all.size()).append("):");
    if (all.isEmpty()) {
      m.append(" none");
    }
    int listed = 0;
    for (int i = all.size() - 1; i >= 0 && listed < MAX_LISTED; i--, listed++) {
      Owned o = all.get(i);
      m.append("\n  - ").append(o.event.name()).append(" for ").append(o.whom());
      if (o.event.id() != null) {
        m.append(" (id ").append(o.event.id()).append(')');
      }
      m.append(' ').append(o.event.properties());
      if (!o.event.violations().isEmpty()) {
        m.append("  !! plan violations: ").append(o.event.violations());
      }
    }
    if (all.size() > MAX_LISTED) {
      m.append("\n  ... and ").append(all.size() - MAX_LISTED).append(" older");
    }
    if (s.counts().deduplicated() > 0) {
      m.append("\nDuplicates dropped by event id: ").append(s.counts().deduplicated());
    }
    m.append(delivery.runtimeSummary());
    return new AssertionError(m.toString());
  }

  private static String count(int n) {
    return n == 0 ? "0 times" : n == 1 ? "once" : n + " times";
  }

  /** Every stored event with its owner, in arrival order. */
  private static List<Owned> all(ModelSnapshot s) {
    List<Owned> out = new ArrayList<>();
    for (PersonView p : s.people()) {
      for (EventView e : p.events()) {
        out.add(new Owned(p, null, e));
      }
    }
    for (AnonymousView a : s.anonymous()) {
      for (EventView e : a.events()) {
        out.add(new Owned(null, a.anonymousId(), e));
      }
    }
    out.sort((x, y) -> Long.compare(x.event.seq(), y.event.seq()));
    return out;
  }

  private record Owned(PersonView person, String anonymousId, EventView event) {
    String whom() {
      return person != null ? "customer " + person.displayName() : "anonymous " + anonymousId;
    }
  }

  private record Criterion(String description, Predicate<EventView> test) {}
}
