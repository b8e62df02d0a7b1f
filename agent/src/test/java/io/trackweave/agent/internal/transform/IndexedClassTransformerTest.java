package io.trackweave.agent.internal.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.Checkout;
import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.agent.internal.matching.Exclusions;
import io.trackweave.annotations.TrackEvent;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedClassTransformerTest {
  private static final String CHECKOUT = Checkout.class.getName().replace('.', '/');

  private static URLClassLoader loaderWithIndex(Path dir, String index) throws IOException {
    Path file = dir.resolve("META-INF/trackweave/index");
    Files.createDirectories(file.getParent());
    Files.writeString(file, index);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }

  @Test
  void weavesIndexedClassesOnlyAndReportsTrackedCodeOnce(@TempDir Path dir) throws Exception {
    AtomicInteger found = new AtomicInteger();
    IndexedClassTransformer transformer = new IndexedClassTransformer(Exclusions.NONE, false, found::incrementAndGet);
    try (URLClassLoader loader =
        loaderWithIndex(
            dir,
            "# trackweave-index 1\n"
                + Checkout.class.getName()
                + " untracked (I)I io.trackweave.agent.fixture.Mappers$Confirm\n")) {
      byte[] checkout = ClassFileLocator.ForClassLoader.read(Checkout.class);
      byte[] other = ClassFileLocator.ForClassLoader.read(RecordingTracker.class);

      assertThat(transformer.transform(loader, "io/trackweave/agent/fixture/RecordingTracker", null, null, other)).isNull();
      // a class the index names is woven (here: one of its methods)
      assertThat(transformer.transform(loader, CHECKOUT, null, null, checkout)).isNotNull();
      assertThat(transformer.transform(loader, CHECKOUT, null, null, checkout)).isNotNull();
      assertThat(found).hasValue(1);
    }
  }

  @Test
  void withoutIndexOnlyAnnotatedClassesAreWovenAndOnlyWithFallbackOn(@TempDir Path dir) throws Exception {
    byte[] checkout = ClassFileLocator.ForClassLoader.read(Checkout.class);
    // sees the annotations (the application always does) but no index
    URL annotations = TrackEvent.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL(), annotations}, null)) {
      assertThat(new IndexedClassTransformer(Exclusions.NONE, false, () -> {}).transform(loader, CHECKOUT, null, null, checkout)).isNull();
      assertThat(new IndexedClassTransformer(Exclusions.NONE, true, () -> {}).transform(loader, CHECKOUT, null, null, checkout)).isNotNull();
      assertThat(
              new IndexedClassTransformer(Exclusions.parse(Checkout.class.getName()), true, () -> {})
                  .transform(loader, CHECKOUT, null, null, checkout))
          .isNull();
    }
  }

  @Test
  void neverTouchesTheJdkTheBootLoaderOrItself() {
    IndexedClassTransformer transformer = new IndexedClassTransformer(Exclusions.NONE, true, () -> {});
    byte[] checkout = ClassFileLocator.ForClassLoader.read(Checkout.class);
    assertThat(transformer.transform(null, CHECKOUT, null, null, checkout)).isNull();
    assertThat(IndexedClassTransformer.skipped("java/lang/String")).isTrue();
    assertThat(IndexedClassTransformer.skipped("io/trackweave/agent/shaded/net/bytebuddy/ByteBuddy")).isTrue();
    assertThat(IndexedClassTransformer.skipped("io/trackweave/agent/internal/advice/ClassWeaver")).isTrue();
    assertThat(IndexedClassTransformer.skipped("io/trackweave/agent/internal/fallback/FallbackDispatch")).isTrue();
    assertThat(IndexedClassTransformer.skipped("io/trackweave/agent/build/TrackweavePlugin")).isTrue();
    assertThat(IndexedClassTransformer.skipped("io/trackweave/api/Trackweave")).isTrue();
    assertThat(IndexedClassTransformer.skipped("io/trackweave/agent/it/app/Shop")).isFalse();
    assertThat(IndexedClassTransformer.skipped("com/shop/Checkout")).isFalse();
  }

  @Test
  void nestedClassLoadingDuringIndexReadingDoesNotRecurse(@TempDir Path dir) throws Exception {
    AtomicInteger reads = new AtomicInteger();
    IndexedClassTransformer[] self = new IndexedClassTransformer[1];
    byte[] checkout = ClassFileLocator.ForClassLoader.read(Checkout.class);
    // a loader that, like some nested-jar loaders, defines classes while it looks up resources
    ClassLoader reentrant =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, null) {
          @Override
          public java.util.Enumeration<URL> getResources(String name) throws IOException {
            reads.incrementAndGet();
            assertThat(self[0].transform(this, CHECKOUT, null, null, checkout)).isNull();
            return super.getResources(name);
          }
        };
    self[0] = new IndexedClassTransformer(Exclusions.NONE, false, () -> {});
    assertThat(self[0].transform(reentrant, "com/shop/Other", null, null, new byte[0])).isNull();
    assertThat(reads).hasValue(1);
  }
}
