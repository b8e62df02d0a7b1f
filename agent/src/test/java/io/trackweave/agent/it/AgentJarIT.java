package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The agent jar's layout: everything but Trackweave's shared API is relocated, versioned copies included. */
class AgentJarIT {
  @Test
  void onlyTheSharedApiIsUnrelocated() throws Exception {
    try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR)) {
      List<String> classes =
          Collections.list(jar.entries()).stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class"))
              .map(n -> n.replaceFirst("^META-INF/versions/\\d+/", ""))
              .toList();
      assertThat(classes)
          .allSatisfy(
              n ->
                  assertThat(n)
                      .matches("io/trackweave/(api|annotations|agent/(shaded|internal)/|agent/TrackweaveAgent).*"));
      assertThat(classes)
          .contains(
              "io/trackweave/agent/shaded/net/bytebuddy/ByteBuddy.class",
              "io/trackweave/agent/shaded/okhttp3/OkHttpClient.class",
              "io/trackweave/agent/shaded/com/fasterxml/jackson/databind/ObjectMapper.class",
              "io/trackweave/agent/shaded/io/trackweave/runtime/TrackweaveRuntime.class",
              "io/trackweave/api/internal/MapperDispatch.class",
              // woven code calls it by this name (ExitDispatchWeaver.FALLBACK_DISPATCH)
              "io/trackweave/agent/internal/fallback/FallbackDispatch.class");
      // MSHADE-406: Byte Buddy's JDK 24+ class reader moves with it
      assertThat(jar.getEntry("META-INF/versions/24/io/trackweave/agent/shaded/net/bytebuddy/jar/asmjdkbridge/JdkClassReader.class"))
          .isNotNull();
      assertThat(Collections.list(jar.entries()).stream().map(JarEntry::getName))
          .noneMatch(n -> n.endsWith("module-info.class") || n.endsWith(".SF") || n.endsWith(".kotlin_module"));

      Attributes manifest = jar.getManifest().getMainAttributes();
      assertThat(manifest.getValue("Premain-Class")).isEqualTo("io.trackweave.agent.TrackweaveAgent");
      assertThat(manifest.getValue("Agent-Class")).isEqualTo("io.trackweave.agent.TrackweaveAgent");
      assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(manifest.getValue("Multi-Release")).isEqualTo("true");
    }
  }
}
