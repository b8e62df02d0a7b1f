package io.trackweave.spring.boot.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Whether a method is reported by woven code already, so the advisor never reports it twice. Woven code
 * (the agent's, or the build plugin's, which is the same weaver) calls {@code
 * io.trackweave.api.internal.MapperDispatch} or the agent's fallback dispatcher, and nothing else names them: a
 * class file that names one was woven at build time. The agent weaves at load time, which leaves the
 * class file unchanged, so its presence is detected instead: its relocated runtime is on the system
 * class path only when {@code -javaagent:trackweave-agent.jar} attached it.
 */
public final class WeavingDetection {
  private static final String AGENT_MARKER = "io/trackweave/agent/shaded/io/trackweave/runtime/TrackweaveRuntime.class";
  private static final byte[][] DISPATCHERS = {
    "io/trackweave/api/internal/MapperDispatch".getBytes(StandardCharsets.US_ASCII),
    "io/trackweave/agent/internal/fallback/FallbackDispatch".getBytes(StandardCharsets.US_ASCII)
  };

  private WeavingDetection() {}

  /** True when the Trackweave agent is attached to this JVM. */
  public static boolean agentAttached() {
    ClassLoader system = ClassLoader.getSystemClassLoader();
    return system != null && system.getResource(AGENT_MARKER) != null;
  }

  /** True when {@code type}'s class file calls a Trackweave dispatcher (woven at build time). */
  public static boolean wovenAtBuildTime(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return false;
    }
    try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      if (in == null) {
        return false;
      }
      byte[] bytes = in.readAllBytes();
      for (byte[] dispatcher : DISPATCHERS) {
        if (indexOf(bytes, dispatcher) >= 0) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static int indexOf(byte[] bytes, byte[] pattern) {
    outer:
    for (int i = 0; i <= bytes.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
