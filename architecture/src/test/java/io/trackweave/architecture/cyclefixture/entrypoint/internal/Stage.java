package io.trackweave.architecture.cyclefixture.entrypoint.internal;

import io.trackweave.architecture.cyclefixture.entrypoint.Facade;

public final class Stage {
  public Stage(Facade facade) {}
}
