package io.trackweave.agent.advice;

import io.trackweave.agent.fallback.FallbackDispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the exit of an annotated method that has no index entry (its class was compiled without
 * the processor): a reflective mapper, built once from the method's annotations, stands in for the
 * generated one. Read-only and suppressing, as {@link MapperAdvice}.
 */
public final class FallbackAdvice {
  private FallbackAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Origin Class<?> owner,
      @MethodKey String method,
      @Advice.AllArguments Object[] args,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    FallbackDispatch.exit(owner, method, args, result, thrown);
  }
}
