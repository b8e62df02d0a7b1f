package io.trackweave.agent.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.Shapes;
import io.trackweave.agent.internal.advice.ClassWeaver;
import io.trackweave.agent.internal.advice.WeavingListener;
import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.index.IndexParser;
import io.trackweave.agent.internal.index.LoaderIndexCache;
import io.trackweave.agent.internal.matching.Exclusions;
import io.trackweave.api.internal.EventMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.build.EntryPoint;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.inline.MethodNameTransformer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/** The build-time plugin weaves exactly what the agent weaves, whatever Byte Buddy entry point runs it. */
class TrackweavePluginTest {
  /** Never called: the test compares bytes. */
  public static final class NoOpMapper implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {}

    @Override
    public void onThrow(Object[] args, Throwable thrown) {}
  }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = EntryPoint.Default.class, names = {"REBASE", "DECORATE"})
  void buildTimeCodeIsTheAgentsCode(EntryPoint.Default entryPoint) throws Exception {
    String path = Shapes.class.getName().replace('.', '/') + ".class";
    byte[] original = read(Shapes.class);
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Files.createDirectories(in.resolve(path).getParent());
    Files.write(in.resolve(path), original);
    List<IndexEntry> entries = new ArrayList<>();
    StringBuilder index = new StringBuilder(IndexParser.HEADER).append('\n');
    for (Method method : Shapes.class.getDeclaredMethods()) {
      if (!method.isSynthetic()) {
        IndexEntry entry =
            new IndexEntry(Shapes.class.getName(), method.getName(), Type.getMethodDescriptor(method), NoOpMapper.class.getName());
        entries.add(entry);
        index.append(entry.owner()).append(' ').append(entry.method()).append(' ')
            .append(entry.descriptor()).append(' ').append(entry.mapper()).append('\n');
      }
    }
    Files.createDirectories(in.resolve(LoaderIndexCache.RESOURCE).getParent());
    Files.writeString(in.resolve(LoaderIndexCache.RESOURCE), index);

    Plugin.Engine.Summary summary =
        Plugin.Engine.Default.of(entryPoint, ClassFileVersion.JAVA_V17, MethodNameTransformer.Suffixing.withRandomSuffix())
            .with(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()))
            .withErrorHandlers(Plugin.Engine.ErrorHandler.Failing.FAIL_LAST)
            .apply(
                new Plugin.Engine.Source.ForFolder(in.toFile()),
                new Plugin.Engine.Target.ForFolder(out.toFile()),
                new Plugin.Factory.Simple(new TrackweavePlugin(in.toFile())));
    assertThat(summary.getFailed()).isEmpty();
    byte[] buildTime = Files.readAllBytes(out.resolve(path));
    byte[] runTime =
        new ClassWeaver(SILENT)
            .weave(getClass().getClassLoader(), Shapes.class.getName().replace('.', '/'), original, entries, false, Exclusions.NONE);

    assertThat(runTime).isNotNull();
    assertThat(methods(buildTime)).isEqualTo(methods(runTime));
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(buildTime), getClass().getClassLoader(), false, new PrintWriter(problems));
    assertThat(problems.toString()).isEmpty();
  }

  /** Each method's code as text, frames expanded (so the constant pool's order and frame compression do not count). */
  private static Map<String, String> methods(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.EXPAND_FRAMES);
    Map<String, String> methods = new TreeMap<>();
    for (MethodNode method : node.methods) {
      Textifier text = new Textifier();
      method.accept(new TraceMethodVisitor(text));
      StringWriter sw = new StringWriter();
      text.print(new PrintWriter(sw));
      methods.put(method.name + method.desc, sw.toString());
    }
    return methods;
  }

  private static byte[] read(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }

  private static final WeavingListener SILENT =
      new WeavingListener() {
        @Override
        public void onWoven(String type, List<String> indexedMethods, List<String> fallbackMethods) {}

        @Override
        public void onProblem(String type, String problem) {}

        @Override
        public void onError(String type, Throwable error) {
          throw new AssertionError(error);
        }
      };
}
