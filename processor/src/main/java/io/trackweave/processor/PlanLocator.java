package io.trackweave.processor;

import io.trackweave.plan.PlanException;
import io.trackweave.plan.PlanLoader;
import io.trackweave.plan.PlanProblem;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Finds and loads the tracking plan, once per compilation: {@code -Atrackweave.plan=<path>} (plain file IO,
 * relative to the working directory), else the resource {@code META-INF/trackweave/tracking-plan.yaml} (or
 * {@code .yml}, {@code .json}) on the class output or the source path.
 */
public final class PlanLocator {
  public static final String PLAN_OPTION = "trackweave.plan";
  public static final String REQUIRE_PLAN_OPTION = "trackweave.requirePlan";
  static final String RESOURCE = "META-INF/trackweave/tracking-plan.";
  private static final List<String> EXTENSIONS = List.of("yaml", "yml", "json");
  private static final List<StandardLocation> LOCATIONS =
      List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.SOURCE_PATH);

  /** What was found. {@code plan} is set only when {@code state} is {@link State#LOADED}. */
  public record Result(State state, TrackingPlan plan) {}

  public enum State {
    LOADED,
    /** No plan anywhere: mappers are generated unchecked. */
    NONE,
    /** A plan was found but could not be used; its errors are reported. */
    BROKEN
  }

  private PlanLocator() {}

  public static Result locate(Map<String, String> options, Filer filer, Reporter reporter) {
    String option = options.get(PLAN_OPTION);
    if (option != null && !option.isBlank()) {
      Path cwd = Path.of("").toAbsolutePath();
      Path path = cwd.resolve(option.strip()).normalize();
      if (!Files.isRegularFile(path)) {
        Path beside = besideClassOutput(filer, option.strip());
        if (beside == null) {
          reporter.report(Message.PLAN_NOT_FOUND, null, path, option, cwd);
          return new Result(State.BROKEN, null);
        }
        path = beside;
      }
      try {
        return new Result(State.LOADED, PlanLoader.load(path));
      } catch (PlanException e) {
        return broken(e, reporter);
      }
    }
    for (StandardLocation location : LOCATIONS) {
      for (String extension : EXTENSIONS) {
        String text;
        String source;
        try {
          FileObject resource = filer.getResource(location, "", RESOURCE + extension);
          text = resource.getCharContent(true).toString();
          source = sourceName(resource.toUri(), extension);
        } catch (IOException | RuntimeException notThere) {
          continue; // javac throws for a resource that does not exist, or a location it does not have
        }
        try {
          return new Result(State.LOADED, PlanLoader.parse(text, source));
        } catch (PlanException e) {
          return broken(e, reporter);
        }
      }
    }
    boolean required = Boolean.parseBoolean(options.getOrDefault(REQUIRE_PLAN_OPTION, "false"));
    reporter.report(required ? Message.NO_PLAN_REQUIRED : Message.NO_PLAN, null);
    return new Result(required ? State.BROKEN : State.NONE, null);
  }

  /**
   * A relative plan path that is not under the working directory is tried against the class output's
   * ancestors: Maven compiles in-process, in the directory mvn was started from, so a module's
   * {@code -Atrackweave.plan=tracking-plan.yaml} means {@code <module>/tracking-plan.yaml} when
   * the class output is {@code <module>/target/classes}.
   */
  private static Path besideClassOutput(Filer filer, String option) {
    if (Path.of(option).isAbsolute()) {
      return null;
    }
    try {
      URI uri = filer.getResource(StandardLocation.CLASS_OUTPUT, "", RESOURCE + "yaml").toUri();
      if (!"file".equals(uri.getScheme())) {
        return null;
      }
      // <output>/META-INF/trackweave/tracking-plan.yaml -> <output>
      Path dir = Path.of(uri).getParent().getParent().getParent();
      for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
        Path candidate = dir.resolve(option).normalize();
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no class output to go by
    }
    return null;
  }

  private static Result broken(PlanException e, Reporter reporter) {
    for (PlanProblem problem : e.problems()) {
      reporter.report(Message.PLAN_PROBLEM, null, problem);
    }
    if (e.problems().isEmpty()) {
      reporter.report(Message.PLAN_PROBLEM, null, e.getMessage());
    }
    return new Result(State.BROKEN, null);
  }

  private static String sourceName(URI uri, String extension) {
    try {
      if ("file".equals(uri.getScheme())) {
        return Path.of(uri).toString();
      }
    } catch (RuntimeException ignored) {
      // fall through to the resource name
    }
    return RESOURCE + extension;
  }
}
