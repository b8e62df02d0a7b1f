package io.trackweave.bench.sink;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts {@link SinkServer} in a child JVM (same java, same class path) and reads its counters. Used from
 * the benchmarks' trial-level setup; never on a timed path except {@link #events} inside the end-to-end
 * benchmark's wait, where a round trip on loopback costs a few microseconds.
 */
public final class SinkProcess implements AutoCloseable {
  /** Which client's events to count. */
  public enum Client {
    TRACKWEAVE('T'),
    SEGMENT('S');

    final char command;

    Client(char command) {
      this.command = command;
    }
  }

  private final Process process;
  private final int httpPort;
  private final Socket control;
  private final DataInputStream controlIn;
  private final DataOutputStream controlOut;

  private SinkProcess(Process process, int httpPort, int controlPort) throws IOException {
    this.process = process;
    this.httpPort = httpPort;
    this.control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
    control.setTcpNoDelay(true);
    this.controlIn = new DataInputStream(control.getInputStream());
    this.controlOut = new DataOutputStream(control.getOutputStream());
  }

  public static SinkProcess start() {
    try {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      command.add("-Xms256m");
      command.add("-Xmx256m");
      command.add("-XX:+UseSerialGC");
      command.add("-Dsun.net.httpserver.nodelay=true");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(SinkServer.class.getName());
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("SINK ")) {
        process.destroyForcibly();
        throw new IllegalStateException("sink server did not start: " + line);
      }
      String[] parts = line.split(" ");
      return new SinkProcess(process, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the sink server", e);
    }
  }

  /** Base URL of the sink, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Events the sink has counted for {@code client} so far. */
  public synchronized long events(Client client) {
    return query(client.command);
  }

  public synchronized long requests() {
    return query('R');
  }

  private long query(char command) {
    try {
      controlOut.write(command);
      controlOut.flush();
      return controlIn.readLong();
    } catch (IOException e) {
      throw new IllegalStateException("sink server went away", e);
    }
  }

  /**
   * Waits until the sink has counted at least {@code target} events for {@code client}.
   *
   * @param failFast checked while waiting; a non-empty answer (e.g. "the client dropped 12 events")
   *     aborts the wait, since those events will never arrive
   */
  public void awaitEvents(Client client, long target, long timeoutMillis, Check failFast) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    long seen;
    while ((seen = events(client)) < target) {
      String problem = failFast.problem();
      if (problem != null) {
        throw new IllegalStateException(problem + " (sink has " + seen + " of " + target + ")");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out waiting for " + target + " " + client + " events; sink has " + seen);
      }
      sleepQuietly();
    }
  }

  /** Something that can tell that an awaited count will never be reached. */
  @FunctionalInterface
  public interface Check {
    String problem();

    Check NONE = () -> null;
  }

  private static void sleepQuietly() {
    // each poll is a loopback round trip to the sink; 0.5 ms keeps that well under 1% of a core
    LockSupport.parkNanos(500_000);
    if (Thread.interrupted()) {
      throw new IllegalStateException("interrupted");
    }
  }

  @Override
  public void close() {
    try {
      control.close();
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
