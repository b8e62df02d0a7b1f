package io.trackweave.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Sends {@link Message}s to javac, attached to the element they concern, and counts the errors. */
public final class Reporter {
  private final Messager messager;
  private int errors;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports on {@code element}; with a null element the message stands alone (e.g. a plan file error). */
  public void report(Message message, Element element, Object... args) {
    report(message.kind(), message, element, args);
  }

  /**
   * Reports {@code message} as {@code kind} instead of its own kind, for a check whose severity the build
   * chooses (e.g. {@code -Atrackweave.nullableRequired=error}).
   */
  public void report(Diagnostic.Kind kind, Message message, Element element, Object... args) {
    if (kind == Diagnostic.Kind.ERROR) {
      errors++;
    }
    String text = message.format(args);
    if (element == null) {
      messager.printMessage(kind, text);
    } else {
      messager.printMessage(kind, text, element);
    }
  }

  /** Errors reported so far; compare before and after a step to know whether it failed. */
  public int errors() {
    return errors;
  }
}
