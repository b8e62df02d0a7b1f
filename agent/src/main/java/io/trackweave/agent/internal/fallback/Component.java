package io.trackweave.agent.internal.fallback;

import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.EventTimestamp;
import io.trackweave.annotations.NotTracked;
import io.trackweave.annotations.Prop;
import io.trackweave.api.internal.PropertyNames;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * One readable value of a payload object (a record component, a getter or a public field), with the
 * names and roles its annotations give it. Found once per class.
 */
final class Component {
  private static final ClassValue<List<Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
          return List.copyOf(find(type));
        }
      };

  final String javaName;
  final String propertyName;
  final String attributeName;
  final boolean explicitlyNamed;
  final boolean customerId;
  final boolean anonymousId;
  final boolean timestamp;
  final boolean notTracked;
  private final Method getter;
  private final Field field;

  private Component(String javaName, Method getter, Field field, AnnotatedElement... annotated) {
    this.javaName = javaName;
    this.getter = getter;
    this.field = field;
    String prop = null;
    String attr = null;
    boolean cid = false;
    boolean aid = false;
    boolean ts = false;
    boolean skip = false;
    for (AnnotatedElement element : annotated) {
      if (element == null) {
        continue;
      }
      Prop p = element.getAnnotation(Prop.class);
      if (p != null) {
        prop = p.value();
      }
      Attr a = element.getAnnotation(Attr.class);
      if (a != null) {
        attr = a.value();
      }
      cid |= element.isAnnotationPresent(CustomerId.class);
      aid |= element.isAnnotationPresent(AnonymousId.class);
      ts |= element.isAnnotationPresent(EventTimestamp.class);
      skip |= element.isAnnotationPresent(NotTracked.class);
    }
    String snake = PropertyNames.snakeCase(javaName);
    this.explicitlyNamed = prop != null || attr != null;
    this.propertyName = prop == null || prop.isEmpty() ? snake : prop;
    this.attributeName = attr == null || attr.isEmpty() ? snake : attr;
    this.customerId = cid;
    this.anonymousId = aid;
    this.timestamp = ts;
    this.notTracked = skip;
  }

  static List<Component> of(Class<?> type) {
    return COMPONENTS.get(type);
  }

  /** Whether this component becomes a property or an attribute (identity and time go elsewhere). */
  boolean isData() {
    return !notTracked && (explicitlyNamed || !(customerId || anonymousId || timestamp));
  }

  Object read(Object target) throws ReflectiveOperationException {
    return getter != null ? getter.invoke(target) : field.get(target);
  }

  private static List<Component> find(Class<?> type) {
    List<Component> found = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        Method accessor = rc.getAccessor();
        accessible(accessor);
        Field field = null;
        try {
          field = type.getDeclaredField(rc.getName());
        } catch (NoSuchFieldException ignored) {
          // records always have it; be lenient anyway
        }
        found.add(new Component(rc.getName(), accessor, null, rc, accessor, field));
      }
      return found;
    }
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() != 0
          || method.isBridge()
          || Modifier.isStatic(method.getModifiers())
          || method.getDeclaringClass() == Object.class
          || method.getReturnType() == void.class) {
        continue;
      }
      Class<?> returns = method.getReturnType();
      // the processor's rule, so a class maps the same with or without it
      String property =
          PropertyNames.accessorProperty(
              method.getName(), returns == boolean.class || returns == Boolean.class, returns == void.class);
      if (property == null) {
        continue;
      }
      accessible(method);
      Field field = declaredField(type, property);
      found.add(new Component(property, method, null, method, field));
    }
    for (Field field : type.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        found.add(new Component(field.getName(), null, field, field));
      }
    }
    return found;
  }

  private static Field declaredField(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException ignored) {
        // look further up
      }
    }
    return null;
  }

  private static void accessible(Method method) {
    try {
      method.trySetAccessible(); // a public record nested in a non-public class
    } catch (RuntimeException ignored) {
      // invoke reports it
    }
  }
}
