package io.trackweave.architecture.cyclefixture.values;

import io.trackweave.architecture.cyclefixture.values.internal.Stage;

public final class Facade {
  final Stage stage = new Stage(new Value("v"));
}
