package io.trackweave.architecture.cyclefixture.transitive;

public record Wrapper(Setting setting) {}
