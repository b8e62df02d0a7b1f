package io.trackweave.agent.internal.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.internal.send.TransportFactory;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which entries of {@code agent.extensions} are added to the class path, and the one warning for each that
 * is not. The real append (a child JVM started with {@code java -jar}) is trackweave-kafka's
 * AgentExtensionIT.
 */
class AgentExtensionsTest {
  @TempDir Path dir;

  private static String list(Object... entries) {
    List<String> s = new ArrayList<>();
    for (Object e : entries) {
      s.add(e.toString());
    }
    return String.join(File.pathSeparator, s);
  }

  private Path jar(String name, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      for (String entry : entries) {
        j.putNextEntry(new JarEntry(entry));
        j.write("x\n".getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar;
  }

  private Path transportJar(String name) throws IOException {
    return jar(name, "META-INF/services/" + TransportFactory.class.getName(), "com/example/Transport.class");
  }

  @Test
  void aJarProvidingATransportIsUsedEachOnceAndEmptyEntriesAreNothing() throws IOException {
    Path a = transportJar("a.jar");
    Path b = transportJar("b.jar");
    List<String> problems = new ArrayList<>();

    List<Path> usable = AgentExtensions.usable(list(a, "", " " + b + " ", a), problems);

    assertThat(usable).containsExactly(a, b);
    assertThat(problems).isEmpty();
    assertThat(AgentExtensions.usable(null, problems)).isEmpty();
    assertThat(AgentExtensions.usable("", problems)).isEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void aMissingFileIsOneWarningNamingItsPathAndIsLeftOut() throws IOException {
    Path good = transportJar("good.jar");
    Path missing = dir.resolve("nowhere").resolve("trackweave-kafka-agent.jar");
    List<String> problems = new ArrayList<>();

    List<Path> usable = AgentExtensions.usable(list(missing, good), problems);

    assertThat(usable).containsExactly(good);
    assertThat(problems).singleElement().asString()
        .contains("agent.extensions")
        .contains(missing.toString())
        .contains("does not exist")
        .contains("left out");
  }

  @Test
  void aRelativePathIsShownAsGivenAndResolved() {
    List<String> problems = new ArrayList<>();

    AgentExtensions.usable("lib/missing.jar", problems);

    assertThat(problems).singleElement().asString()
        .contains("lib/missing.jar (" + Path.of("lib/missing.jar").toAbsolutePath() + ")");
  }

  @Test
  void notAJarADirectoryAndAJarWithoutATransportAreEachNamed() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip", StandardCharsets.UTF_8);
    Path folder = Files.createDirectory(dir.resolve("classes"));
    Path library = jar("trackweave-kafka.jar", "META-INF/services/io.example.OtherService", "x/Y.class");
    List<String> problems = new ArrayList<>();

    List<Path> usable = AgentExtensions.usable(list(text, folder, library), problems);

    assertThat(usable).isEmpty();
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).contains(text.toString()).contains("is not a jar");
    assertThat(problems.get(1)).contains(folder.toString()).contains("is a directory");
    assertThat(problems.get(2)).contains(library.toString())
        .contains("provides no transport")
        .contains("META-INF/services/" + TransportFactory.class.getName())
        .contains("trackweave-kafka-agent.jar");
  }

  @Test
  void anUnreadableJarIsNamed() throws IOException {
    Path locked = transportJar("locked.jar");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as a user who reads anything");
    List<String> problems = new ArrayList<>();

    assertThat(AgentExtensions.usable(locked.toString(), problems)).isEmpty();
    assertThat(problems).singleElement().asString().contains(locked.toString()).contains("not readable");
  }
}
