package io.trackweave.demo.shop;

/** A replenishment subscription. */
public record Subscription(String subscriptionId, String plan, int intervalDays) {}
