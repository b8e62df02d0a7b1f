package io.trackweave.testkit.model;

/**
 * What the people model has seen since start (or the last reset).
 *
 * @param people people stored now
 * @param events events stored now (people's and anonymous)
 * @param anonymousEvents events stored now that no person has claimed
 * @param operations operations applied
 * @param deduplicated events dropped because their id was seen before
 * @param evicted events dropped because the store was full (oldest first)
 * @param ignored operations that changed nothing (suppressed identifier, unknown person, ...)
 * @param violations plan violations recorded
 * @param cannotTrigger events stored whose timestamp was over 72 hours old when they arrived: Customer.io keeps
 *     them but triggers no campaign on them
 * @param notMerged anonymous events kept apart because they arrived more than 5 minutes after the identify that
 *     carried their anonymous id
 * @param anonymousExpired anonymous events deleted after 30 days unclaimed
 * @param objects objects stored now
 * @param relationships relationships between people (or anonymous ids) and objects stored now
 */
public record Counts(
    int people,
    long events,
    long anonymousEvents,
    long operations,
    long deduplicated,
    long evicted,
    long ignored,
    long violations,
    long cannotTrigger,
    long notMerged,
    long anonymousExpired,
    int objects,
    long relationships) {}
