package io.trackweave.agent.it.app;

public record Order(String orderId, double revenue, String currency) {}
