package io.trackweave.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No package cycles inside a module: every package is a slice of its own (a parent package and its sub-package are
 * two slices), so a stage that reaches back into the package that drives it fails. The cycles present when this
 * rule came are frozen in {@code architecture/frozen} (see README.md, "Modules"); they may shrink, never grow.
 */
class PackageCycleTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrackweaveModule.class)
  void packagesAreFreeOfCycles(TrackweaveModule module) {
    // the cycles that existed when the rule came (listed in architecture/frozen) are frozen, not allowed: any new
    // cycle, or a new dependency inside a frozen one, fails
    FreezingArchRule.freeze(slices().assignedFrom(EACH_PACKAGE)
            .should().beFreeOfCycles()
            .as("packages of " + module.folder + " are free of cycles")
            .because("a package is a stage of the data's path; stages only look forward"))
        .check(module.classes());
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
}
