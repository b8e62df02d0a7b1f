package io.trackweave.processor;

import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;

/**
 * The processor's own {@code -A} options ({@code -Atrackweave.plan} and {@code -Atrackweave.requirePlan} are
 * {@link PlanLocator}'s), parsed so that a bad value is reported rather than silently read as something else.
 */
final class ProcessorOptions {
  private ProcessorOptions() {}

  /** The severity {@code -Atrackweave.nullableRequired} asks for; null means ignore. */
  static Diagnostic.Kind nullableRequired(Map<String, String> options, Reporter reporter) {
    String value = options.get(TrackweaveProcessor.NULLABLE_REQUIRED_OPTION);
    if (value == null || value.isBlank()) {
      return Diagnostic.Kind.WARNING;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "warn":
      case "warning":
        return Diagnostic.Kind.WARNING;
      case "error":
        return Diagnostic.Kind.ERROR;
      case "ignore":
        return null;
      default:
        // a typo must not silently turn the check off (or on): say so, and keep the default
        reporter.report(Message.BAD_OPTION, null, TrackweaveProcessor.NULLABLE_REQUIRED_OPTION, value,
            "warn, error, ignore", "warn");
        return Diagnostic.Kind.WARNING;
    }
  }

  /** Whether {@code -Atrackweave.timing=true} asks for the note of how long each stage took. */
  static boolean timing(Map<String, String> options) {
    return "true".equalsIgnoreCase(options.get(TrackweaveProcessor.TIMING_OPTION));
  }
}
