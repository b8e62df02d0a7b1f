package io.trackweave.api.internal;

/**
 * Implemented by each generated mapper (one per annotated method): turns the method's arguments and
 * outcome into tracker calls. Woven code reaches it through {@link MapperDispatch}; users without the
 * agent may call the generated mapper's typed static methods directly.
 *
 * <p>Generated mappers have a public no-argument constructor.
 */
public interface EventMapper {
  /**
   * Called after the method returned normally. When {@link #completesAsync()} is true, {@code result} is
   * the value the returned stage completed with.
   */
  void onReturn(Object[] args, Object result);

  /** Called when the method threw (or its returned stage completed exceptionally). */
  void onThrow(Object[] args, Throwable thrown);

  /** True when the method returns a CompletionStage and the mapper wants its completion, not the stage. */
  default boolean completesAsync() {
    return false;
  }
}
