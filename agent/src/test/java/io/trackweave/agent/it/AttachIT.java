package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** agentmain: the agent attached to a running JVM weaves the indexed classes it had loaded already. */
class AttachIT {
  @Test
  void attachedAgentRetransformsLoadedClasses() throws Exception {
    try (TrackApi api = new TrackApi()) {
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              String.join(File.pathSeparator, ShopRun.classpath(ChildJvm.TEST_CLASSES)),
              "io.trackweave.agent.it.app.AttachApp");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("CUSTOMERIO_") || k.startsWith("TRACKWEAVE_"));
      builder.environment().put("TRACKWEAVE_ENDPOINT", api.endpoint());
      builder.environment().put("CUSTOMERIO_SITE_ID", "site-it");
      builder.environment().put("CUSTOMERIO_API_KEY", "key-it-secret");
      builder.environment().put("TRACKWEAVE_JMX", "false");
      builder.environment().put("TRACKWEAVE_SPOOL_DIR", ChildJvm.spoolDir().toString());
      Process process = builder.start();
      StringBuilder output = new StringBuilder();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          output.append(line).append('\n');
          if (line.startsWith("READY ")) {
            VirtualMachine vm = VirtualMachine.attach(line.substring("READY ".length()).strip());
            try {
              vm.loadAgent(Path.of(ChildJvm.AGENT_JAR).toAbsolutePath().toString());
            } finally {
              vm.detach();
            }
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
          }
        }
      } finally {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      assertThat(process.exitValue()).as(output.toString()).isZero();
      assertThat(output).contains("ATTACHED BufferingTracker").contains("RESULT confirm confirmed o-1").contains("DONE");
      assertThat(api.wire()).as(output.toString()).contains("\"name\":\"order_completed\"").contains("\"id\":\"cust-1\"");
    }
  }
}
