package io.trackweave.testkit.model;

/**
 * How many events of one name arrived since start (or the last reset), whether or not they are still stored.
 *
 * @param name the event name (page and screen views are counted under {@code page:<name>} and
 *     {@code screen:<name>})
 * @param received stored occurrences (duplicates dropped by event id are not counted)
 * @param violated occurrences that broke the tracking plan
 * @param cannotTrigger occurrences too old (over 72 hours) to trigger a campaign
 */
public record EventTotal(String name, long received, long violated, long cannotTrigger) {}
