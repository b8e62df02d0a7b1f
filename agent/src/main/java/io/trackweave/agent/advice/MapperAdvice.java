package io.trackweave.agent.advice;

import io.trackweave.api.MapperDispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the exit of every indexed method: hands the arguments and the outcome to the method's
 * generated mapper. It only reads (the return value and the exception are left exactly as they were)
 * and anything thrown inside it is suppressed, so it can never change what the business method does.
 */
public final class MapperAdvice {
  private MapperAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @MapperClass Class<?> mapper,
      @Advice.AllArguments Object[] args,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    MapperDispatch.exit(mapper, args, result, thrown);
  }
}
