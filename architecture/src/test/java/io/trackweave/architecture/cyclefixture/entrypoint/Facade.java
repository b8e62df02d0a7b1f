package io.trackweave.architecture.cyclefixture.entrypoint;

import io.trackweave.architecture.cyclefixture.entrypoint.internal.Stage;

public final class Facade {
  final Stage stage = new Stage(this);
}
