package io.trackweave.architecture.cyclefixture.transitive.internal;

import io.trackweave.architecture.cyclefixture.transitive.Wrapper;

public final class Stage {
  public Wrapper wrapper;
}
