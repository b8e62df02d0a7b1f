package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Where the plan comes from, and what happens without one or with a broken one. */
class PlanLocationTest {
  private static final JavaFileObject TWO_METHODS = DiagnosticsTest.svc(
      "  @TrackEvent(\"signed_in\")",
      "  public void signIn(@CustomerId String id, @Prop String method) {}",
      "  @IdentifyOn",
      "  public void register(@CustomerId String id, @Attr String email) {}");

  private static long count(Compilation c, Diagnostic.Kind kind, String fragment) {
    return c.diagnostics().stream()
        .filter(d -> d.getKind() == kind && d.getMessage(null).contains(fragment))
        .count();
  }

  @Test
  void withoutAPlanItWarnsOnceAndStillGenerates() throws Exception {
    Compilation c = Harness.compile(null, TWO_METHODS);
    assertThat(c).succeeded();
    assertThat(count(c, Diagnostic.Kind.WARNING, "no tracking plan found")).isEqualTo(1);
    assertThat(c).hadWarningContaining(
        "no tracking plan found: mappers are generated but nothing was checked against a plan. Fix: pass"
            + " -Atrackweave.plan=<path to tracking-plan.yaml>");
    Class<?> mapper = Harness.load(c).loadClass("com.shop.Svc_signIn_TrackweaveMapper");
    assertThat(mapper.getField("PLAN").get(null)).isNull();
    assertThat(mapper.getField("PLAN_VERSION").get(null)).isEqualTo(0);
    assertThat(Harness.resourceText(c, TrackweaveProcessor.CATALOG_MD)).contains("Generated without a tracking plan");
  }

  @Test
  void requirePlanMakesAMissingPlanAnError() {
    Compilation c = Harness.javac("-Atrackweave.requirePlan=true").compile(TWO_METHODS);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("no tracking plan found, and -Atrackweave.requirePlan=true demands one");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aPlanPathThatDoesNotExistIsAnError() {
    Compilation c = Harness.javac("-Atrackweave.plan=no/such/plan.yaml").compile(TWO_METHODS);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("no/such/plan.yaml (from -Atrackweave.plan=no/such/plan.yaml) does not exist");
    assertThat(c).hadErrorContaining("a relative path is resolved against the compiler's working directory");
  }

  @Test
  void aRelativePlanPathIsResolvedAgainstTheWorkingDirectory() {
    // surefire runs in the module directory, where the test resources were copied to target/test-classes
    Compilation c = Harness.javac("-Atrackweave.plan=target/test-classes/" + Harness.SHOP_PLAN)
        .compile(DiagnosticsTest.svc(
            "  @TrackEvent(\"signed_in\")",
            "  public void signIn(@CustomerId String id) {}"));
    assertThat(c).hadErrorContaining("event 'signed_in' is not in tracking plan 'shop-retention'");
  }

  @Test
  void aPlanResourceOnTheSourcePathIsFound() {
    JavaFileObject svc = DiagnosticsTest.svc(
        "  @TrackEvent(\"signed_in\")",
        "  public void signIn(@CustomerId String id, @Prop String method) {}",
        "  @TrackEvent(\"signed_out\")",
        "  public void signOut(@CustomerId String id) {}");
    Compilation c = Harness.javac("-sourcepath", Harness.resource("sourcepath").toString()).compile(svc);
    assertThat(c).hadErrorContaining("event 'signed_out' is not in tracking plan 'from-resources'")
        .inFile(svc).onLine(10); // on the event name of @TrackEvent("signed_out")
    assertThat(c).hadErrorCount(1);
    assertThat(count(c, Diagnostic.Kind.WARNING, "no tracking plan")).isZero();
  }

  @Test
  void aPlanWithLintErrorsFailsReportingEveryErrorWithFileAndKey() {
    Compilation c = Harness.compile("plans/broken-plan.yaml", TWO_METHODS);
    assertThat(c).failed();
    String file = Harness.resource("plans/broken-plan.yaml").toString();
    String prefix = "[trackweave] tracking plan error: " + file + ":";
    assertThat(c.errors()).extracting(e -> e.getMessage(null)).satisfiesExactlyInAnyOrder(
        e -> assertThat(e).startsWith(prefix + "3: identifier: "),
        e -> assertThat(e).startsWith(prefix + "5: attributes.Email: "),
        e -> assertThat(e).startsWith(prefix + "8: events.order_completed.dedupe: "),
        e -> assertThat(e).startsWith(prefix + "12: events.order_completed.schema.properties.order_id.colour: "),
        e -> assertThat(e).startsWith(prefix + "15: events.order_completed.schema.properties.items.items.$ref: "),
        e -> assertThat(e).startsWith(prefix + "16: events.order_completed: duplicate key"));
    // the annotated methods are not checked against a plan that cannot be trusted
    assertThat(count(c, Diagnostic.Kind.ERROR, "signed_in")).isZero();
  }

  @Test
  void aRelativePlanPathAlsoResolvesBesideTheClassOutputAsInAMavenModule(@org.junit.jupiter.api.io.TempDir java.nio.file.Path module)
      throws Exception {
    java.nio.file.Path classes = java.nio.file.Files.createDirectories(module.resolve("target/classes"));
    java.nio.file.Files.copy(Harness.resource(Harness.SHOP_PLAN), module.resolve("module-plan.yaml"));
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    javax.tools.DiagnosticCollector<JavaFileObject> diagnostics = new javax.tools.DiagnosticCollector<>();
    try (javax.tools.StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
          List.of("-Atrackweave.plan=module-plan.yaml", "-d", classes.toString(),
              "-classpath", System.getProperty("java.class.path")),
          null, List.of(DiagnosticsTest.svc(
              "  @TrackEvent(\"signed_in\")",
              "  public void signIn(@CustomerId String id) {}")));
      task.setProcessors(List.of(new TrackweaveProcessor()));
      assertThat(task.call()).isFalse();
    }
    assertThat(diagnostics.getDiagnostics()).extracting(d -> d.getMessage(null))
        .anyMatch(m -> m.contains("event 'signed_in' is not in tracking plan 'shop-retention'"));
  }
}
