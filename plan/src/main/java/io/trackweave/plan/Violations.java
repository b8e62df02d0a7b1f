package io.trackweave.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The violations of one {@link PlanValidator} call as they are found, each at the path being checked. One per
 * call and never shared, so it needs no locking; the list is allocated at the first violation because the
 * emulator checks every call it receives and most are valid.
 */
final class Violations {
  private final StringBuilder path = new StringBuilder(48);
  private List<Violation> found;

  /** Descends into the field {@code name}; returns the mark that {@link #leave} takes back to. */
  int enter(String name) {
    int mark = path.length();
    if (mark > 0) {
      path.append('.');
    }
    path.append(name);
    return mark;
  }

  /** Descends into the array element at {@code index}; returns the mark that {@link #leave} takes back to. */
  int enter(int index) {
    int mark = path.length();
    path.append('[').append(index).append(']');
    return mark;
  }

  void leave(int mark) {
    path.setLength(mark);
  }

  /** Records that the value at the current path breaks the plan. */
  void add(String message) {
    if (found == null) {
      found = new ArrayList<>(4);
    }
    found.add(new Violation(path.toString(), message));
  }

  /** Records that the field {@code name} (below the current path) breaks the plan. */
  void addAt(String name, String message) {
    int mark = enter(name);
    add(message);
    leave(mark);
  }

  List<Violation> result() {
    return found == null ? List.of() : List.copyOf(found);
  }
}
