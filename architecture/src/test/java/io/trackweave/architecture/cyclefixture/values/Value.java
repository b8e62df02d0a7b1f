package io.trackweave.architecture.cyclefixture.values;

public record Value(String name) {}
