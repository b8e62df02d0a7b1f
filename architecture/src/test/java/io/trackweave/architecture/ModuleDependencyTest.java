package io.trackweave.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The module table (README.md, "Modules"; {@link TrackweaveModule}): a module's classes use another module's
 * classes only if the table says it may depend on that module. Transitive use does not count: the starter does not
 * reach the annotations through the runtime, it declares them.
 */
class ModuleDependencyTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrackweaveModule.class)
  void dependsOnlyOnTheModulesTheTableAllows(TrackweaveModule module) {
    classes().that(belongTo(module))
        .should(onlyUseModulesAllowedFor(module))
        .because("README.md's module table says " + module.folder + " may depend on " + module.dependsOn())
        .check(TrackweaveModule.allClasses());
  }

  static DescribedPredicate<JavaClass> belongTo(TrackweaveModule module) {
    return DescribedPredicate.describe("belong to " + module.folder,
        c -> TrackweaveModule.of(c).equals(Optional.of(module)));
  }

  private static ArchCondition<JavaClass> onlyUseModulesAllowedFor(TrackweaveModule module) {
    return new ArchCondition<>("only use the modules " + module.dependsOn()) {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          Optional<TrackweaveModule> target = TrackweaveModule.of(dependency.getTargetClass());
          if (target.isPresent() && target.get() != module && !module.dependsOn().contains(target.get())) {
            events.add(SimpleConditionEvent.violated(dependency,
                module.folder + " -> " + target.get().folder + ": " + dependency.getDescription()));
          }
        }
      }
    };
  }
}
