/**
 * The tracking plan (tracking-plan.md): the one file that says which events and person attributes a team sends
 * to Customer.io. One copy serves compile time (the processor) and run time (the runtime and the emulator).
 *
 * <ul>
 *   <li>{@link io.trackweave.plan.PlanLoader} reads a plan from YAML or JSON and lints it; a plan that breaks a
 *       rule throws {@link io.trackweave.plan.PlanException} with every {@link io.trackweave.plan.PlanProblem}
 *       (file, dotted key, line, and how to fix it).</li>
 *   <li>{@link io.trackweave.plan.TrackingPlan}, {@link io.trackweave.plan.EventDefinition},
 *       {@link io.trackweave.plan.Schema} and {@link io.trackweave.plan.JsonType} are the loaded, immutable
 *       model.</li>
 *   <li>{@link io.trackweave.plan.Segment}, {@link io.trackweave.plan.Journey} and
 *       {@link io.trackweave.plan.Condition}: the segments and journeys (event-triggered campaigns) the plan may
 *       declare under {@code segments:} and {@code journeys:}, checked against its events and attributes when
 *       it loads (docs/journeys.md).</li>
 *   <li>{@link io.trackweave.plan.Normalization}: the {@code normalize:} steps of a string schema (trim, case),
 *       which the validator applies before checking a value.</li>
 *   <li>{@link io.trackweave.plan.PlanValidator} checks live values against it and returns
 *       {@link io.trackweave.plan.Violation}s; {@link io.trackweave.plan.Formats} holds the {@code format}
 *       checks so that every checker agrees on them.</li>
 *   <li>{@link io.trackweave.plan.Names}: snake_case checks and conversion, and "did you mean" suggestions.</li>
 * </ul>
 */
package io.trackweave.plan;
