package io.trackweave.agent.internal.fallback;

import io.trackweave.api.internal.EventMapper;
import io.trackweave.api.internal.MapperDispatch;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a method woven through the fallback calls on exit: finds (once) the reflective mapper of the woven method and hands
 * over to {@link MapperDispatch}, which fires on return, throw or stage completion as the mapper says.
 * Woven code reaches it through the agent's jar on the system class path.
 */
public final class FallbackDispatch {
  private static final ClassValue<Map<String, Optional<EventMapper>>> MAPPERS =
      new ClassValue<>() {
        @Override
        protected Map<String, Optional<EventMapper>> computeValue(Class<?> owner) {
          return new ConcurrentHashMap<>();
        }
      };

  private FallbackDispatch() {}

  /**
   * @param owner the woven method's class
   * @param methodKey its name and descriptor, {@code confirm(Ljava/lang/String;)V}
   */
  public static void exit(Class<?> owner, String methodKey, Object[] args, Object result, Throwable thrown) {
    try {
      Optional<EventMapper> mapper =
          MAPPERS.get(owner).computeIfAbsent(methodKey, key -> Optional.ofNullable(find(owner, key)));
      if (mapper.isPresent()) {
        MapperDispatch.exit(mapper.get(), args, result, thrown);
      }
    } catch (Throwable ignored) {
      // never into the business method
    }
  }

  static EventMapper find(Class<?> owner, String methodKey) {
    for (Method method : owner.getDeclaredMethods()) {
      if (methodKey.startsWith(method.getName())
          && methodKey.equals(
              method.getName()
                  + MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                      .toMethodDescriptorString())) {
        return ReflectiveMapper.of(method);
      }
    }
    return null;
  }
}
