package io.trackweave.agent.it.app;

/** Installs the runtime as a library, as an application woven at build time (no agent) does. */
final class LibraryMode {
  private LibraryMode() {}

  static void install() {
    io.trackweave.runtime.TrackweaveRuntime.create(io.trackweave.runtime.TrackweaveConfig.load(java.util.Map.of())).installGlobally();
  }
}
