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
    if (message.kind() == Diagnostic.Kind.ERROR) {
      errors++;
    }
    String text = message.format(args);
    if (element == null) {
      messager.printMessage(message.kind(), text);
    } else {
      messager.printMessage(message.kind(), text, element);
    }
  }

  /** Errors reported so far; compare before and after a step to know whether it failed. */
  public int errors() {
    return errors;
  }
}
