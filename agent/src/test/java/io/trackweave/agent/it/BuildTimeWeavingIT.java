package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.build.TrackweavePlugin;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.build.BuildLogger;
import net.bytebuddy.build.EntryPoint;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.inline.MethodNameTransformer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build-time plugin, run by Byte Buddy's {@link Plugin.Engine} over compiled classes as
 * byte-buddy-maven-plugin runs it, and the woven classes run in a JVM without the agent.
 */
class BuildTimeWeavingIT {
  private static final Path ROOT = ChildJvm.WORK.resolve("build-time");
  private static final List<String> warnings = new ArrayList<>();
  private static Path woven;

  @BeforeAll
  static void weave() throws Exception {
    Path in = ShopRun.copyApp(ROOT.resolve("classes"));
    ShopRun.copyTree(ShopRun.legacyClasses(), in); // a class without index entry: woven through the fallback
    Path once = ROOT.resolve("woven");
    Plugin.Engine.Summary first = engine(in, once);
    assertThat(first.getFailed()).isEmpty();
    assertThat(first.getTransformed())
        .extracting(TypeDescription::getName)
        .contains("io.trackweave.agent.it.app.Shop", ShopRun.LEGACY_CLASS);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("LegacyShop#signUp").contains("reflective fallback"));

    // a second run over its own output (an incremental build) must not weave twice
    woven = ROOT.resolve("woven-twice");
    Plugin.Engine.Summary second = engine(once, woven);
    assertThat(second.getFailed()).isEmpty();
  }

  private static Plugin.Engine.Summary engine(Path in, Path out) throws Exception {
    BuildLogger logger =
        new BuildLogger.Adapter() {
          @Override
          public boolean isWarnEnabled() {
            return true;
          }

          @Override
          public void warn(String message) {
            warnings.add(message);
          }
        };
    try (ClassFileLocator annotations = ClassFileLocator.ForJarFile.of(new File(ChildJvm.jarOf("trackweave-annotations")))) {
      return Plugin.Engine.Default.of(EntryPoint.Default.DECORATE, ClassFileVersion.JAVA_V17, MethodNameTransformer.Suffixing.withRandomSuffix())
          .with(new ClassFileLocator.Compound(annotations, ClassFileLocator.ForClassLoader.ofPlatformLoader()))
          .withErrorHandlers(Plugin.Engine.ErrorHandler.Failing.FAIL_LAST)
          .apply(
              new Plugin.Engine.Source.ForFolder(in.toFile()),
              new Plugin.Engine.Target.ForFolder(out.toFile()),
              discoveredPlugin(in, logger));
    }
  }

  /**
   * The plugin as byte-buddy-maven-plugin finds it ({@code classPathDiscovery}: the
   * META-INF/net.bytebuddy/build.plugins resource) and creates it (constructor injection of the
   * class folder and the build logger).
   */
  private static Plugin.Factory discoveredPlugin(Path in, BuildLogger logger) throws Exception {
    assertThat(Plugin.Engine.Default.scan(BuildTimeWeavingIT.class.getClassLoader())).contains(TrackweavePlugin.class.getName());
    return new Plugin.Factory.UsingReflection(TrackweavePlugin.class)
        .with(
            Plugin.Factory.UsingReflection.ArgumentResolver.ForType.of(File.class, in.toFile()),
            Plugin.Factory.UsingReflection.ArgumentResolver.ForType.of(BuildLogger.class, logger));
  }

  private static List<String> runtimeClasspath() throws Exception {
    List<String> cp = ShopRun.classpath(woven);
    cp.addAll(
        ChildJvm.jarsOf(
            "trackweave-runtime", "okhttp-jvm", "okio-jvm", "kotlin-stdlib", "jackson-core", "jackson-databind", "jackson-annotations"));
    return cp;
  }

  @Test
  void wovenClassesTrackWithoutTheAgent() throws Exception {
    List<String> cp = runtimeClasspath();
    // the fallback's dispatcher lives in the agent's plain jar
    cp.add(System.getProperty("trackweave.it.agentClasses", "target/classes"));
    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result =
          ChildJvm.java()
              .classpath(cp.toArray())
              .property("it.library", true)
              .property("it.legacy", ShopRun.LEGACY_CLASS)
              .trackApi(api.endpoint())
              .main(ShopRun.SHOP_APP)
              .run()
              .assertOk();

      ShopRun.assertCallsUnchanged(result, true);
      ShopRun.assertTracked(api, result, true); // each event once: the second plugin run changed nothing
    }
  }

  @Test
  void agentLeavesClassesWovenAtBuildTimeAlone() throws Exception {
    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result =
          ChildJvm.java()
              .withAgent(null)
              .classpath(ShopRun.classpath(woven).toArray())
              .property("it.legacy", ShopRun.LEGACY_CLASS)
              .trackApi(api.endpoint())
              .main(ShopRun.SHOP_APP)
              .run()
              .assertOk();

      ShopRun.assertCallsUnchanged(result, true);
      ShopRun.assertTracked(api, result, true); // once, not twice
    }
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
