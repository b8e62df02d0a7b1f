package io.trackweave.agent.build;

import io.trackweave.agent.internal.advice.WeavePlan;
import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.index.IndexParser;
import io.trackweave.agent.internal.index.LoaderIndex;
import io.trackweave.agent.internal.index.LoaderIndexCache;
import io.trackweave.agent.internal.matching.ClassBytes;
import io.trackweave.agent.internal.matching.Exclusions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.build.BuildLogger;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.pool.TypePool;

/**
 * The agent's transformation at build time, for teams that cannot attach an agent: a Byte Buddy
 * {@link Plugin} for {@code byte-buddy-maven-plugin} (or Gradle's, or {@link Plugin.Engine} directly).
 * It reads {@code META-INF/trackweave/index} from the build output and weaves the class files with the
 * agent's own ASM weaver ({@link WeavePlan}), so the woven code is the same as at run time. Annotated methods the index does not name are woven through the reflective fallback,
 * which needs {@code trackweave-agent} on the class path at run time; a warning names them.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>net.bytebuddy</groupId><artifactId>byte-buddy-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>transform</goal></goals></execution></executions>
 *   <configuration>
 *     <transformations><transformation>
 *       <plugin>io.trackweave.agent.build.TrackweavePlugin</plugin>
 *     </transformation></transformations>
 *   </configuration>
 *   <dependencies><dependency>
 *     <groupId>io.trackweave</groupId><artifactId>trackweave-agent</artifactId><version>...</version>
 *   </dependency></dependencies>
 * </plugin>
 * }</pre>
 */
public final class TrackweavePlugin implements Plugin {
  private final LoaderIndex index;
  private final BuildLogger logger;

  /** Reads the index of {@code classesDirectory} (the maven plugin passes the build output). */
  public TrackweavePlugin(File classesDirectory) {
    this(classesDirectory, BuildLogger.NoOp.INSTANCE);
  }

  /** As {@link #TrackweavePlugin(File)}, reporting through the build's log. */
  @Plugin.Factory.UsingReflection.Priority(1)
  public TrackweavePlugin(File classesDirectory, BuildLogger logger) {
    this.index = readIndex(classesDirectory.toPath().resolve(LoaderIndexCache.RESOURCE));
    this.logger = logger;
  }

  private static LoaderIndex readIndex(Path file) {
    if (!Files.isRegularFile(file)) {
      return LoaderIndex.EMPTY;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return LoaderIndex.of(IndexParser.parse(in, file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public boolean matches(TypeDescription target) {
    if (!index.entriesFor(target.getInternalName()).isEmpty()) {
      return true;
    }
    for (MethodDescription method : target.getDeclaredMethods()) {
      for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
        String name = annotation.getAnnotationType().getName();
        if (name.equals("io.trackweave.annotations.TrackEvent")
            || name.equals("io.trackweave.annotations.IdentifyOn")
            || name.equals("io.trackweave.annotations.IdentifyObject")
            || name.equals("io.trackweave.annotations.DeleteObject")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public DynamicType.Builder<?> apply(
      DynamicType.Builder<?> builder, TypeDescription type, ClassFileLocator classFileLocator) {
    byte[] bytes = classFile(type, classFileLocator);
    if (bytes == null) {
      logger.warn("Trackweave: no class file for " + type.getName() + "; left as it is");
      return builder;
    }
    // a second run over the same output must not weave twice (the dispatch would fire twice)
    if (ClassBytes.isWoven(bytes)) {
      logger.info("Trackweave: " + type.getName() + " is woven already; left as it is");
      return builder;
    }
    List<IndexEntry> entries = index.entriesFor(type.getInternalName());
    WeavePlan plan = WeavePlan.of(bytes, entries, true, Exclusions.NONE);
    for (String problem : plan.problems()) {
      logger.warn("Trackweave: " + type.getName() + ": " + problem);
    }
    if (!plan.fallbackMethods().isEmpty()) {
      logger.warn(
          "Trackweave: no index entry for "
              + String.join(", ", plan.fallbackMethods())
              + " (compiled without trackweave-processor?): woven through the reflective fallback,"
              + " which needs trackweave-agent on the run-time class path");
    }
    if (plan.isEmpty()) {
      return builder;
    }
    // the agent's own ASM weaving, so build time and run time weave identically
    return builder.visit(new PlanVisitorWrapper(plan));
  }

  private static byte[] classFile(TypeDescription type, ClassFileLocator locator) {
    try {
      ClassFileLocator.Resolution resolution = locator.locate(type.getName());
      return resolution.isResolved() ? resolution.resolve() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Hands Byte Buddy's class events, frames expanded, to the plan's weaver. */
  private static final class PlanVisitorWrapper implements AsmVisitorWrapper {
    private final WeavePlan plan;

    PlanVisitorWrapper(WeavePlan plan) {
      this.plan = plan;
    }

    @Override
    public int mergeWriter(int flags) {
      return flags;
    }

    @Override
    public int mergeReader(int flags) {
      return flags | ClassReader.EXPAND_FRAMES;
    }

    @Override
    public ClassVisitor wrap(
        TypeDescription instrumentedType,
        ClassVisitor classVisitor,
        Implementation.Context implementationContext,
        TypePool typePool,
        FieldList<FieldDescription.InDefinedShape> fields,
        MethodList<?> methods,
        int writerFlags,
        int readerFlags) {
      return plan.visitor(classVisitor);
    }
  }

  @Override
  public void close() {}
}
