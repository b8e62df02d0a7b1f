package io.trackweave.agent.fallback;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.Tracker;
import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a live Java value into the capture's value kinds, as the generated mappers would. */
final class Values {
  private static final int MAX_DEPTH = 8;

  private Values() {}

  static Object capture(Object value) {
    return capture(value, 0);
  }

  private static Object capture(Object value, int depth) {
    if (value instanceof Optional<?> optional) {
      value = optional.orElse(null);
    }
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toEpochSecond();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toEpochSecond();
    }
    if (value instanceof TemporalAccessor || value instanceof java.util.UUID) {
      return value.toString();
    }
    if (value instanceof Number
        || value instanceof CharSequence
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum<?>
        || value instanceof Fields
        || value instanceof FieldArray) {
      return Fields.normalize(value);
    }
    if (depth >= MAX_DEPTH) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Fields.Builder builder = Fields.builder(map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        builder.putValue(String.valueOf(entry.getKey()), capture(entry.getValue(), depth + 1));
      }
      return builder.build();
    }
    if (value instanceof Collection<?> collection) {
      List<Object> out = new ArrayList<>(collection.size());
      for (Object element : collection) {
        out.add(capture(element, depth + 1));
      }
      return FieldArray.ofOwned(out.toArray());
    }
    if (value.getClass().isArray()) {
      int n = Array.getLength(value);
      Object[] out = new Object[n];
      for (int i = 0; i < n; i++) {
        out[i] = capture(Array.get(value, i), depth + 1);
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
          builder.putValue(component.propertyName, capture(read(component, value), depth + 1));
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
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toEpochSecond();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toEpochSecond();
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    return Tracker.NOW;
  }
}
