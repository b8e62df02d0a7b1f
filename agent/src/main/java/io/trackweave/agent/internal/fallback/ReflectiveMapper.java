package io.trackweave.agent.internal.fallback;

import io.trackweave.agent.internal.log.AgentLog;
import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.EventTimestamp;
import io.trackweave.annotations.Fire;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.api.internal.EventMapper;
import io.trackweave.api.internal.PropertyNames;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The slower stand-in for a generated mapper, for a method whose class was compiled without the
 * processor: it reads the method's annotations once, and each call's values by reflection. It is not
 * checked against the tracking plan (that takes the processor), so the person's identifier is the plan
 * default {@code id} and no dedupe key is known.
 *
 * <p>It never sends a name it made up: a {@code @Prop} or {@code @Attr} without an explicit name takes
 * the parameter's name, and a class compiled without {@code -parameters} has none ({@code arg0},
 * {@code arg1}, ... are the JDK's inventions). Such a parameter is skipped, warned about once per method
 * and counted as a violation on each call.
 */
public final class ReflectiveMapper implements EventMapper {
  private final String event;
  private final Fire eventFire;
  private final boolean identify;
  private final boolean updateOnly;
  private final Fire identifyFire;
  private final boolean async;
  private final boolean returnIsPayload;
  private final Role[] roles;
  /** What an unnamed parameter's violation says, or null when every named parameter has a real name. */
  private final String unnamed;

  /** What one parameter contributes. */
  private record Role(
      String name,
      boolean customerId,
      boolean anonymousId,
      boolean timestamp,
      String property,
      String attribute,
      boolean payload) {}

  private ReflectiveMapper(Method method) {
    TrackEvent trackEvent = method.getAnnotation(TrackEvent.class);
    IdentifyOn identifyOn = method.getAnnotation(IdentifyOn.class);
    this.event = trackEvent == null ? null : trackEvent.value();
    this.eventFire = trackEvent == null ? Fire.RETURN : trackEvent.on();
    this.identify = identifyOn != null;
    this.updateOnly = identifyOn != null && identifyOn.updateOnly();
    this.identifyFire = identifyOn == null ? Fire.RETURN : identifyOn.on();
    this.async = CompletionStage.class.isAssignableFrom(method.getReturnType());
    this.returnIsPayload = method.isAnnotationPresent(Payload.class);
    Parameter[] parameters = method.getParameters();
    this.roles = new Role[parameters.length];
    List<String> unnamedParameters = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      Parameter p = parameters[i];
      Prop prop = p.getAnnotation(Prop.class);
      Attr attr = p.getAnnotation(Attr.class);
      // without -parameters the JDK invents "argN": never a property or attribute name
      String snake = p.isNamePresent() ? PropertyNames.snakeCase(p.getName()) : null;
      String property = prop == null ? null : prop.value().isEmpty() ? snake : prop.value();
      String attribute = attr == null ? null : attr.value().isEmpty() ? snake : attr.value();
      if ((prop != null && property == null) || (attr != null && attribute == null)) {
        unnamedParameters.add("#" + (i + 1) + " (" + p.getType().getSimpleName() + ")");
      }
      roles[i] =
          new Role(
              p.getName(),
              p.isAnnotationPresent(CustomerId.class),
              p.isAnnotationPresent(AnonymousId.class),
              p.isAnnotationPresent(EventTimestamp.class),
              property,
              attribute,
              p.isAnnotationPresent(Payload.class));
    }
    if (unnamedParameters.isEmpty()) {
      this.unnamed = null;
    } else {
      String where = method.getDeclaringClass().getName() + "#" + method.getName();
      this.unnamed = "parameter(s) " + String.join(", ", unnamedParameters) + " of " + where
          + " have no name in the class file (compiled without -parameters) and no name in @Prop/@Attr;"
          + " not sent";
      AgentLog.warning("Trackweave: " + unnamed + ". Name them (@Prop(\"total\")), compile with -parameters,"
          + " or better add trackweave-processor, which checks names against the tracking plan");
    }
  }

  /** The mapper of {@code method}, or null when it carries neither tracking annotation. */
  public static ReflectiveMapper of(Method method) {
    if (!method.isAnnotationPresent(TrackEvent.class) && !method.isAnnotationPresent(IdentifyOn.class)) {
      return null;
    }
    return new ReflectiveMapper(method);
  }

  @Override
  public boolean completesAsync() {
    return async;
  }

  @Override
  public void onReturn(Object[] args, Object result) {
    emit(args, result, false);
  }

  @Override
  public void onThrow(Object[] args, Throwable thrown) {
    emit(args, null, true);
  }

  private static boolean fires(Fire fire, boolean threw) {
    return fire == Fire.ALWAYS || (fire == Fire.THROW) == threw;
  }

  private void emit(Object[] args, Object result, boolean threw) {
    Tracker tracker = Trackweave.tracker();
    if (unnamed != null
        && ((identify && fires(identifyFire, threw)) || (event != null && fires(eventFire, threw)))) {
      tracker.violation(event, "unnamed_parameter", unnamed);
    }
    if (identify && fires(identifyFire, threw)) {
      Person person = person(args, result);
      if (person == null || !person.isIdentified()) {
        tracker.violation(null, "customer_id", "identify without a @CustomerId value was not sent");
      } else {
        tracker.identify(person, data(args, result, false), updateOnly);
      }
    }
    if (event != null && fires(eventFire, threw)) {
      Person person = person(args, result);
      if (person == null) {
        tracker.violation(event, "customer_id", "neither @CustomerId nor @AnonymousId had a value; not sent");
      } else {
        tracker.track(person, event, data(args, result, true), timestamp(args), null);
      }
    }
  }

  private Person person(Object[] args, Object result) {
    String id = null;
    String anonymous = null;
    for (int i = 0; i < roles.length; i++) {
      if (roles[i].customerId && args[i] != null) {
        id = args[i].toString();
      }
      if (roles[i].anonymousId && args[i] != null) {
        anonymous = args[i].toString();
      }
    }
    for (int i = 0; i < roles.length && (id == null || anonymous == null); i++) {
      if (roles[i].payload && args[i] != null) {
        id = id != null ? id : component(args[i], true);
        anonymous = anonymous != null ? anonymous : component(args[i], false);
      }
    }
    if (result != null && (id == null || anonymous == null)) {
      id = id != null ? id : component(result, true);
      anonymous = anonymous != null ? anonymous : component(result, false);
    }
    if (id != null) {
      return new Person(IdentifierType.ID, id, anonymous);
    }
    return anonymous != null ? Person.anonymous(anonymous) : null;
  }

  private static String component(Object target, boolean customerId) {
    String pkg = target.getClass().getPackageName();
    if (!target.getClass().isRecord() && (pkg.startsWith("java.") || pkg.startsWith("javax."))) {
      return null; // a plain value or a JDK type, not an object with annotated components
    }
    for (Component component : Component.of(target.getClass())) {
      if (customerId ? component.customerId : component.anonymousId) {
        Object value = Values.read(component, target);
        if (value != null) {
          return value.toString();
        }
      }
    }
    return null;
  }

  private Fields data(Object[] args, Object result, boolean properties) {
    Fields.Builder builder = Fields.builder(roles.length + 4);
    for (int i = 0; i < roles.length; i++) {
      Role role = roles[i];
      String name = properties ? role.property : role.attribute;
      if (name != null) {
        builder.putValue(name, Values.capture(args[i], properties ? event : null, name));
      }
      if (role.payload && args[i] != null) {
        addComponents(builder, args[i], properties ? event : null, properties);
      }
    }
    if (returnIsPayload && result != null) {
      addComponents(builder, result, properties ? event : null, properties);
    }
    return builder.build();
  }

  private static void addComponents(Fields.Builder builder, Object payload, String event, boolean properties) {
    for (Component component : Component.of(payload.getClass())) {
      if (component.isData()) {
        String name = properties ? component.propertyName : component.attributeName;
        builder.putValue(name, Values.capture(Values.read(component, payload), event, name));
      }
    }
  }

  private long timestamp(Object[] args) {
    for (int i = 0; i < roles.length; i++) {
      if (roles[i].timestamp) {
        return Values.timestamp(args[i]);
      }
      if (roles[i].payload && args[i] != null) {
        for (Component component : Component.of(args[i].getClass())) {
          if (component.timestamp) {
            return Values.timestamp(Values.read(component, args[i]));
          }
        }
      }
    }
    return Tracker.NOW;
  }
}
