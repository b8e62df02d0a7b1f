package io.trackweave.plan;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Compiles a plan's schemas for {@link PlanValidator}, once: each {@code $ref} followed to its definition, and
 * each definition compiled once however many places use it, so that a recursive schema (a category whose
 * {@code children} are categories) becomes a cycle of {@link CompiledSchema}s rather than an endless descent.
 * Used while the validator is built, by one thread.
 */
final class SchemaCompiler {
  private final TrackingPlan plan;
  /** By identity: two equal schemas at different places are still compiled apart, which is harmless. */
  private final Map<Schema, CompiledSchema> compiled = new IdentityHashMap<>();

  SchemaCompiler(TrackingPlan plan) {
    this.plan = plan;
  }

  CompiledSchema compile(Schema schema) {
    if (schema == null) {
      return new CompiledSchema(); // a hand-built plan without a schema: anything goes
    }
    Schema s = plan.resolve(schema);
    if (s == null) {
      s = schema; // a hand-built plan with a dangling $ref: check what is there
    }
    CompiledSchema node = compiled.get(s);
    if (node != null) {
      return node;
    }
    node = new CompiledSchema();
    compiled.put(s, node); // before the children, so that a self-reference ends
    node.init(s, this);
    return node;
  }

  /** Each of {@code schemas} compiled, by the same names. */
  Map<String, CompiledSchema> compileAll(Map<String, Schema> schemas) {
    Map<String, CompiledSchema> nodes = new HashMap<>();
    schemas.forEach((name, schema) -> nodes.put(name, compile(schema)));
    return nodes;
  }
}
