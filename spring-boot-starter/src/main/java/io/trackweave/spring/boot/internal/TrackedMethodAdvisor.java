package io.trackweave.spring.boot.internal;

import io.trackweave.annotations.DeleteObject;
import io.trackweave.annotations.IdentifyObject;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.api.internal.MapperDispatch;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.MethodClassKey;
import org.springframework.core.Ordered;

/**
 * Tracks {@code @TrackEvent} / {@code @IdentifyOn} / {@code @IdentifyObject} / {@code @DeleteObject}
 * methods of Spring beans without agent or build plugin:
 * a proxy around the bean calls the method's generated mapper on exit, through {@link MapperDispatch}
 * exactly as woven code does (arguments taken on entry, the same exit on return and on throw, nothing
 * thrown into the caller). A method is advised only when the processor's index names its mapper and
 * nothing woven reports it already (agent attached, or its class woven at build time).
 *
 * <p>Innermost of the bean's advice ({@link Ordered#LOWEST_PRECEDENCE}), like the woven method itself:
 * inside a transaction's proxy, for example, as the agent would be.
 */
public final class TrackedMethodAdvisor extends StaticMethodMatcherPointcutAdvisor {
  private static final long serialVersionUID = 1L;
  private static final Log LOG = LogFactory.getLog(TrackedMethodAdvisor.class);

  private final transient MapperIndex index = new MapperIndex();
  private final transient ConcurrentHashMap<Method, Optional<Class<?>>> mappers = new ConcurrentHashMap<>();
  private final transient Set<Class<?>> reported = ConcurrentHashMap.newKeySet();
  private final transient ConcurrentHashMap<Class<?>, Boolean> candidates = new ConcurrentHashMap<>();
  /** Per call site (invoked method, target class): one map lookup per call, no reflection. */
  private final transient ConcurrentHashMap<MethodClassKey, Optional<Class<?>>> calls = new ConcurrentHashMap<>();
  private final boolean agentAttached;

  public TrackedMethodAdvisor() {
    this(WeavingDetection.agentAttached());
  }

  /** As the auto-configuration makes it, with the agent's presence given (tests). */
  public TrackedMethodAdvisor(boolean agentAttached) {
    this.agentAttached = agentAttached;
    if (agentAttached) {
      LOG.info("Trackweave: the agent is attached and weaves annotated methods; the advisor stays out of the way");
    }
    setAdvice(new Interceptor());
    setOrder(Ordered.LOWEST_PRECEDENCE);
    // per class first, so Spring does not ask about every method of every bean (start-up time)
    setClassFilter(type -> !agentAttached && candidates.computeIfAbsent(type, this::mayTrack));
  }

  /** A class of the hierarchy has an indexed or an annotated method (the latter to warn about it). */
  private boolean mayTrack(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (index.namesMethodsOf(c)) {
        return true;
      }
      if (c.getName().startsWith("org.springframework.") || c.getName().startsWith("java.")) {
        continue;
      }
      try {
        for (Method m : c.getDeclaredMethods()) {
          if (annotated(m)) {
            return true;
          }
        }
      } catch (LinkageError e) {
        return false; // a class whose methods cannot be resolved is not ours to proxy
      }
    }
    return false;
  }

  @Override
  public boolean matches(Method method, Class<?> targetClass) {
    return !agentAttached && mapperFor(method, targetClass) != null;
  }

  private Class<?> mapperFor(Method method, Class<?> targetClass) {
    Method specific = BridgeMethodResolver.findBridgedMethod(
        targetClass == null ? method : AopUtils.getMostSpecificMethod(method, targetClass));
    return mappers.computeIfAbsent(specific, this::resolve).orElse(null);
  }

  private Optional<Class<?>> resolve(Method method) {
    if (!annotated(method)) {
      return Optional.empty();
    }
    Class<?> owner = method.getDeclaringClass();
    if (WeavingDetection.wovenAtBuildTime(owner)) {
      if (reported.add(owner)) {
        LOG.debug("Trackweave: " + owner.getName() + " is woven at build time; the advisor leaves it to the woven code");
      }
      return Optional.empty();
    }
    String mapper = index.mapperOf(method);
    if (mapper == null) {
      LOG.warn("Trackweave: " + owner.getName() + "." + method.getName() + " is annotated but no "
          + MapperIndex.RESOURCE + " names its mapper (compiled without trackweave-processor in"
          + " annotationProcessorPaths?); it is not tracked");
      return Optional.empty();
    }
    try {
      return Optional.of(Class.forName(mapper, false, owner.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.warn("Trackweave: cannot load mapper " + mapper + " of " + owner.getName() + "." + method.getName()
          + "; it is not tracked: " + e);
      return Optional.empty();
    }
  }

  /** The annotations the processor writes a mapper for. */
  private static boolean annotated(Method m) {
    return m.isAnnotationPresent(TrackEvent.class) || m.isAnnotationPresent(IdentifyOn.class)
        || m.isAnnotationPresent(IdentifyObject.class) || m.isAnnotationPresent(DeleteObject.class);
  }

  private final class Interceptor implements MethodInterceptor {
    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
      Object target = invocation.getThis();
      Class<?> targetClass = target == null ? null : AopUtils.getTargetClass(target);
      Class<?> mapper = calls.computeIfAbsent(new MethodClassKey(invocation.getMethod(), targetClass),
          key -> Optional.ofNullable(mapperFor(invocation.getMethod(), targetClass))).orElse(null);
      if (mapper == null) {
        return invocation.proceed();
      }
      // taken on entry, as the weaver does: the body may reassign what it was given
      Object[] args = invocation.getArguments().clone();
      Object result;
      try {
        result = invocation.proceed();
      } catch (Throwable thrown) {
        MapperDispatch.exit(mapper, args, null, thrown); // never throws
        throw thrown;
      }
      MapperDispatch.exit(mapper, args, result, null);
      return result;
    }
  }
}
