package io.trackweave.agent.it.app;

public record Shipment(String carrier) {}
