package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An application whose classes come from a class loader its launcher creates (as Spring Boot's nested
 * jars do), not from the system class path.
 */
class NestedLoaderIT {
  @Test
  void weavesClassesOfANestedLoader() throws Exception {
    Path root = ChildJvm.WORK.resolve("nested");
    Path launcher = root.resolve("launcher/io/trackweave/agent/it/app");
    Files.createDirectories(launcher);
    Files.copy(
        ChildJvm.TEST_CLASSES.resolve("io/trackweave/agent/it/app/NestedLauncher.class"),
        launcher.resolve("NestedLauncher.class"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path app = ShopRun.copyApp(root.resolve("app"));
    String nestedPath =
        String.join(
            File.pathSeparator,
            app.toString(),
            ShopRun.legacyClasses().toString(),
            ChildJvm.jarOf("trackweave-annotations"));

    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result =
          ChildJvm.java()
              .withAgent("fallback=true") // LegacyShop has no index entry
              .classpath(root.resolve("launcher")) // the application itself is not on the class path
              .property("it.nested.path", nestedPath)
              .property("it.legacy", ShopRun.LEGACY_CLASS)
              .trackApi(api.endpoint())
              .main("io.trackweave.agent.it.app.NestedLauncher", ShopRun.SHOP_APP)
              .run()
              .assertOk();

      assertThat(result.output()).contains("LAUNCHER loaded " + ShopRun.SHOP_APP + " from nested-app");
      ShopRun.assertCallsUnchanged(result, true);
      ShopRun.assertTracked(api, result, true);
    }
  }
}
