package io.trackweave.processor.check;

import io.trackweave.plan.JsonType;
import io.trackweave.plan.Schema;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Message.Part;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.JavaShape.Kind;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.Nullness;
import io.trackweave.processor.model.TypeNames;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * The required properties of one method whose sources may be null (or an empty Optional): gathered while the
 * method's values are checked, then reported once for the method, not once per property, with the severity
 * the build chose ({@code -Atrackweave.nullableRequired}).
 */
final class NullableSources {
  /** A required property whose source may be null. */
  private record Source(Element element, String what, String path, String pointer, String source, String type,
      boolean optional) {}

  private final TrackingPlan plan;
  private final Reporter reporter;
  private final Diagnostic.Kind severity;
  private final List<Source> sources = new ArrayList<>();

  /** @param severity WARNING, ERROR, or null to not report them at all */
  NullableSources(TrackingPlan plan, Reporter reporter, Diagnostic.Kind severity) {
    this.plan = plan;
    this.reporter = reporter;
    this.severity = severity;
  }

  /** Forgets what an earlier method left (a method that failed reports nothing of this). */
  void clear() {
    sources.clear();
  }

  /**
   * Notes the source of required property {@code path} when it may be null and the plan does not allow null.
   *
   * @param objectSchema the schema that requires it
   */
  void add(Element element, String source, TypeMirror type, boolean nonNull, ValueNode node, Schema valueSchema,
      Subject subject, String path, Schema objectSchema) {
    if (severity == null || !node.shape().kind().reference() || Nullness.nonNull(element, type, nonNull)) {
      return;
    }
    Schema resolved = valueSchema == null ? null : plan.resolve(valueSchema);
    if (resolved != null && resolved.types().contains(JsonType.NULL)) {
      return;
    }
    boolean optional = node.shape().kind() == Kind.OPTIONAL || node.shape().kind() == Kind.OPTIONAL_INT
        || node.shape().kind() == Kind.OPTIONAL_DOUBLE;
    sources.add(new Source(element, Part.capitalized(subject.what(path)), path, objectSchema.pointer(), source,
        TypeNames.display(type), optional));
  }

  /**
   * One diagnostic per method, not one per property: on the source when there is one, else on the event
   * name, listing each property with its source.
   */
  void report(MethodModel m) {
    if (sources.isEmpty()) {
      return;
    }
    if (sources.size() == 1) {
      Source n = sources.get(0);
      reporter.report(severity, Message.NULLABLE_REQUIRED, n.element(), n.what(), plan.name(), n.pointer(),
          n.source(), n.type(), (n.optional() ? Part.EMPTY : Part.NULL).text());
    } else {
      List<String> items = new ArrayList<>();
      for (Source n : sources) {
        items.add(Part.NULLABLE_SOURCE_ITEM.text(n.path(), n.source(), n.type(),
            (n.optional() ? Part.EMPTY : Part.NULL).text()));
      }
      reporter.reportAt(severity, Message.NULLABLE_REQUIRED_SEVERAL, m.method(), "TrackEvent", "value",
          Part.EVENT.text(m.event()), sources.size(), plan.name(), Part.items(items));
    }
    sources.clear();
  }
}
