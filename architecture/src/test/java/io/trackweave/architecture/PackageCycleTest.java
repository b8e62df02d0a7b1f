package io.trackweave.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No package cycles inside a module: every package is a slice of its own (a parent package and its sub-package are
 * two slices), so a stage that reaches back into the package that drives it fails.
 *
 * <p>One kind of dependency does not count: internal code using a public <em>value</em>, a class of a public
 * package that reaches nothing internal, directly or through the public classes it uses ({@code Region},
 * {@code Device}, {@code MetricsSnapshot}: words users see too). Using a public <em>entry point</em>, a class that
 * builds or drives internal code ({@code TrackweaveRuntime}, {@code TrackweaveConfig}), does count: a stage takes the
 * values it uses, never the object that wires it, so the runtime's stages do not depend back on its facade.
 *
 * <p>The cycles present when this rule came were frozen (ArchUnit's {@code FreezingArchRule}) and then removed, one
 * module at a time; with none left, the rule is a plain one: any cycle fails, and no switch can record it as known.
 */
class PackageCycleTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrackweaveModule.class)
  void packagesAreFreeOfCycles(TrackweaveModule module) {
    rule()
        .as("packages of " + module.folder + " are free of cycles")
        .because("a package is a stage of the data's path; stages only look forward")
        .check(module.classes());
  }

  @Test
  void internalCodeMayUseAPublicValue() {
    assertThat(rule().evaluate(fixture("values")).hasViolation()).isFalse();
  }

  @Test
  void internalCodeThatUsesTheEntryPointIsACycle() {
    assertThat(rule().evaluate(fixture("entrypoint")).getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("Cycle detected").contains("Facade"));
  }

  @Test
  void aValueThatReachesInternalCodeIsNoValue() {
    // Wrapper holds a Setting that reads the internal Stage: a stage using Wrapper closes a cycle
    assertThat(rule().evaluate(fixture("transitive")).hasViolation()).isTrue();
  }

  private static SliceRule rule() {
    Map<JavaClass, Boolean> reachesInternal = new HashMap<>();
    return slices().assignedFrom(EACH_PACKAGE)
        .should().beFreeOfCycles()
        .ignoreDependency(
            DescribedPredicate.describe("internal code", (JavaClass c) -> isInternal(c.getPackageName())),
            DescribedPredicate.describe("a public value", (JavaClass c) ->
                !isInternal(c.getPackageName()) && !reachesInternal(c, reachesInternal)));
  }

  private static JavaClasses fixture(String name) {
    return new ClassFileImporter().importPackages("io.trackweave.architecture.cyclefixture." + name);
  }

  private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      return SliceIdentifier.of(javaClass.getPackageName());
    }

    @Override
    public String getDescription() {
      return "each package";
    }
  };

  /** Whether {@code c} depends on a Trackweave internal package, directly or through Trackweave's public classes. */
  private static boolean reachesInternal(JavaClass c, Map<JavaClass, Boolean> memo) {
    Boolean known = memo.get(c);
    if (known != null) {
      return known;
    }
    memo.put(c, false); // a cycle among public classes adds nothing: assume no, until a path says yes
    boolean reaches = c.getDirectDependenciesFromSelf().stream()
        .map(d -> d.getTargetClass().getBaseComponentType())
        .filter(t -> t.getPackageName().startsWith("io.trackweave.") && !t.equals(c))
        .anyMatch(t -> isInternal(t.getPackageName()) || reachesInternal(t, memo));
    memo.put(c, reaches);
    return reaches;
  }

  private static boolean isInternal(String packageName) {
    return packageName.contains(".internal.") || packageName.endsWith(".internal");
  }
}
