package io.trackweave.processor.check;

import io.trackweave.api.IdentifierType;
import io.trackweave.plan.EventDefinition;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.MethodModel;
import java.util.List;

/**
 * A method that passed every check: everything the writer needs to generate its mapper, and the catalog
 * to describe it.
 *
 * @param planName the plan's name, or null without a plan
 * @param planVersion the plan's version, or 0 without a plan
 * @param event the plan's definition of the tracked event, or null (no plan, or no @TrackEvent)
 * @param properties the event's properties, or empty
 * @param attributes the identify's attributes, or empty
 * @param timestamp the event time's source, or null for "now"
 * @param dedupe the dedupe property (one of {@code properties}), or null
 * @param object the object the method identifies or deletes, or null
 */
public record MapperSpec(
    MethodModel model,
    String planName,
    int planVersion,
    IdentifierType identifierType,
    EventDefinition event,
    List<Write> properties,
    List<Write> attributes,
    Binding customerId,
    Binding anonymousId,
    Binding timestamp,
    String dedupe,
    ObjectSpec object) {}
