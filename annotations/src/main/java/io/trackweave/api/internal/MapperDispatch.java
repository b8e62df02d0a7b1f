package io.trackweave.api.internal;

import io.trackweave.api.Trackweave;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The single entry point of woven code (agent or build-time): finds the mapper of the woven method,
 * calls it, and suppresses anything it throws, so tracking can never change what the business method
 * returns or throws.
 */
public final class MapperDispatch {
  private static final ClassValue<EventMapper> MAPPERS =
      new ClassValue<>() {
        @Override
        protected EventMapper computeValue(Class<?> mapperClass) {
          try {
            // once per mapper class; calls themselves never reflect
            return (EventMapper) mapperClass.getConstructor().newInstance();
          } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            Trackweave.tracker()
                .violation(null, null, "cannot create mapper " + mapperClass.getName() + ": " + e);
            return null;
          }
        }
      };

  private MapperDispatch() {}

  /**
   * Called on exit of a woven method.
   *
   * @param mapperClass the generated mapper of that method
   * @param args the method's arguments
   * @param result the return value (null when it threw or returns void)
   * @param thrown what the method threw, or null
   */
  public static void exit(Class<?> mapperClass, Object[] args, Object result, Throwable thrown) {
    try {
      EventMapper mapper = MAPPERS.get(mapperClass);
      if (mapper != null) {
        exit(mapper, args, result, thrown);
      }
    } catch (Throwable ignored) {
      // never into the business method
    }
  }

  /** As {@link #exit(Class, Object[], Object, Throwable)}, for a mapper already in hand. */
  public static void exit(EventMapper mapper, Object[] args, Object result, Throwable thrown) {
    try {
      if (thrown != null) {
        mapper.onThrow(args, thrown);
      } else if (mapper.completesAsync() && result instanceof CompletionStage<?> stage) {
        // observe only: the application's stage, its value and its timing are untouched
        stage.whenComplete(
            (value, failure) -> {
              try {
                if (failure == null) {
                  mapper.onReturn(args, value);
                } else {
                  mapper.onThrow(args, unwrap(failure));
                }
              } catch (Throwable ignored) {
                // never into the completing thread
              }
            });
      } else {
        mapper.onReturn(args, result);
      }
    } catch (Throwable ignored) {
      // never into the business method
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
