package io.trackweave.architecture.cyclefixture.transitive;

import io.trackweave.architecture.cyclefixture.transitive.internal.Stage;

public record Setting(Stage stage) {}
