package io.trackweave.agent.internal.fallback;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.internal.MapperSupport;
import io.trackweave.api.ValueKind;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a live Java value into the capture's value kinds, as the generated mappers would. This runs on
 * the caller's thread, so a copy is bounded: at most {@link #MAX_ELEMENTS} elements of any list, array or
 * map are kept, and at most {@link #MAX_TOTAL_ELEMENTS} in all (nesting would otherwise multiply the
 * per-container cap), {@link #MAX_DEPTH} levels deep; what is cut off is reported as one counted violation
 * per value, never as an exception.
 */
final class Values {
  static final int MAX_DEPTH = 8;
  static final int MAX_ELEMENTS = 1_000;
  static final int MAX_TOTAL_ELEMENTS = 10_000;

  private Values() {}

  /**
   * The captured copy of {@code value}, the {@code property} of {@code event} (null for an identify's
   * attributes); a truncation is reported to the installed tracker's {@link Tracker#violation}.
   */
  static Object capture(Object value, String event, String property) {
    Cut cut = new Cut();
    Object captured = capture(value, 0, cut);
    if (cut.containers > 0) {
      try {
        Trackweave.tracker()
            .violation(
                event,
                property,
                cut.containers
                    + " list(s), array(s) or map(s) were truncated (at most "
                    + MAX_ELEMENTS
                    + " elements each, "
                    + MAX_TOTAL_ELEMENTS
                    + " in all); "
                    + cut.elements
                    + " element(s) not sent");
      } catch (Throwable ignored) {
        // a tracker never throws; the value is sent truncated regardless
      }
    }
    return captured;
  }

  /** What one capture cut off. */
  private static final class Cut {
    int containers;
    long elements;
    int left = MAX_TOTAL_ELEMENTS;

    /** Whether one more element may be copied into a container holding {@code kept} already. */
    boolean take(int kept) {
      if (kept >= MAX_ELEMENTS || left <= 0) {
        return false;
      }
      left--;
      return true;
    }

    void add(long dropped) {
      containers++;
      elements += dropped;
    }
  }

  private static Object capture(Object value, int depth, Cut cut) {
    if (value instanceof Optional<?> optional) {
      value = optional.orElse(null);
    }
    if (value == null) {
      return null;
    }
    if (isInstantLike(value)) {
      return MapperSupport.seconds((TemporalAccessor) value);
    }
    if (value instanceof TemporalAccessor || value instanceof java.util.UUID) {
      return value.toString();
    }
    if (ValueKind.of(value) != ValueKind.OTHER) {
      return Fields.normalize(value); // a value Fields holds, or one it turns into one (a number, text, an enum)
    }
    if (depth >= MAX_DEPTH) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      int size = map.size();
      Fields.Builder builder = Fields.builder(Math.min(size, MAX_ELEMENTS));
      int kept = 0;
      for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
          it.hasNext() && cut.take(kept);
          kept++) {
        Map.Entry<?, ?> entry = it.next();
        builder.putValue(String.valueOf(entry.getKey()), capture(entry.getValue(), depth + 1, cut));
      }
      if (size > kept) {
        cut.add(size - kept);
      }
      return builder.build();
    }
    if (value instanceof Collection<?> collection) {
      int size = collection.size();
      List<Object> out = new ArrayList<>(Math.min(size, MAX_ELEMENTS));
      for (Iterator<?> it = collection.iterator(); it.hasNext() && cut.take(out.size()); ) {
        out.add(capture(it.next(), depth + 1, cut));
      }
      if (size > out.size()) {
        cut.add(size - out.size());
      }
      return FieldArray.ofOwned(out.toArray());
    }
    if (value.getClass().isArray()) {
      int n = Array.getLength(value);
      Object[] out = new Object[Math.min(n, MAX_ELEMENTS)];
      int kept = 0;
      for (; kept < n && cut.take(kept); kept++) {
        out[kept] = capture(Array.get(value, kept), depth + 1, cut);
      }
      if (n > kept) {
        cut.add(n - kept);
        out = java.util.Arrays.copyOf(out, kept);
      }
      return FieldArray.ofOwned(out);
    }
    Class<?> type = value.getClass();
    String pkg = type.getPackageName();
    if (type.isRecord() || !(pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jdk."))) {
      List<Component> components = Component.of(type);
      if (!components.isEmpty()) {
        Fields.Builder builder = Fields.builder(components.size());
        for (Component component : components) {
          if (component.notTracked) {
            continue;
          }
          builder.putValue(component.propertyName, capture(read(component, value), depth + 1, cut));
        }
        return builder.build();
      }
    }
    return value.toString();
  }

  static Object read(Component component, Object target) {
    try {
      return component.read(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Unix seconds of an {@code @EventTimestamp} value, or {@link Tracker#NOW}. */
  static long timestamp(Object value) {
    if (isInstantLike(value)) {
      return MapperSupport.seconds((TemporalAccessor) value);
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    return Tracker.NOW;
  }

  /** The points in time the processor also sends as unix seconds (see MapperSupport#seconds). */
  private static boolean isInstantLike(Object value) {
    return value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime;
  }
}
