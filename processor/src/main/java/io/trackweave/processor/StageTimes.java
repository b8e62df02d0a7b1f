package io.trackweave.processor;

import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;

/**
 * How long each stage of the processor took over the whole compilation, reported as one note when
 * {@code -Atrackweave.timing=true} asks (for tuning: it separates our own work from javac's, which it leaves out).
 */
final class StageTimes {
  /** The stages in the order the note lists them. */
  enum Stage {
    PLAN("plan"),
    READ("read"),
    CHECK("check"),
    /** The JavaPoet model and the source text. */
    RENDER("render"),
    /** Creating and writing the source through the Filer. */
    FILER("filer"),
    INDEX("index+catalog");

    private final String label;

    Stage(String label) {
      this.label = label;
    }
  }

  private final long[] nanos = new long[Stage.values().length];

  void add(Stage stage, long elapsedNanos) {
    nanos[stage.ordinal()] += elapsedNanos;
  }

  void report(Reporter reporter, int mappers) {
    StringBuilder stages = new StringBuilder();
    for (Stage stage : Stage.values()) {
      stages.append(Message.Part.TIMING_STAGE.text(stage.label, nanos[stage.ordinal()] / 1_000_000));
    }
    reporter.report(Message.TIMING, null, Message.Part.TIMING.text(mappers, stages));
  }
}
