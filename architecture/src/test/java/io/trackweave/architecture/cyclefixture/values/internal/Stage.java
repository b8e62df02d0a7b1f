package io.trackweave.architecture.cyclefixture.values.internal;

import io.trackweave.architecture.cyclefixture.values.Value;

public final class Stage {
  public Stage(Value value) {}
}
