/**
 * Internal: not for public use; may change in any release.
 *
 * <p>How a plan file becomes a {@link io.trackweave.plan.TrackingPlan}: {@link
 * io.trackweave.plan.internal.LocatedTree} reads it with the line of every key, {@link
 * io.trackweave.plan.internal.PlanLinter} checks the top level and each section, {@link
 * io.trackweave.plan.internal.SchemaLinter} one schema's keywords, {@link io.trackweave.plan.internal.RefGraph} the
 * {@code $ref}s between {@code $defs}, {@link io.trackweave.plan.internal.JourneyLinter} segments and journeys;
 * every problem's text comes from {@link io.trackweave.plan.internal.PlanMessage}.
 */
package io.trackweave.plan.internal;
