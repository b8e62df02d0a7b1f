package io.trackweave.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A module's {@code internal} packages are its own: another module may use them only if it is a declared friend
 * below (built and released together, so the "may change in any release" promise holds between them). Code users
 * write cannot be checked here; code the processor generates uses {@code io.trackweave.api.internal} by design (its
 * package-info says so), and that is the one exception users see.
 */
class InternalPackageTest {

  /**
   * Who may use whose internals. Every entry is a real use today, with its reason; a new one needs a reason here
   * (and in README.md's "Modules"). Micrometer and the testkit use only the runtime's public API, and stay so.
   */
  static final Map<TrackweaveModule, Set<TrackweaveModule>> FRIENDS = Map.of(
      // PropertyNames.snakeCase: the plan's names and the runtime's must come from one rule
      TrackweaveModule.PLAN, Set.of(TrackweaveModule.ANNOTATIONS),
      // PropertyNames.accessorProperty: the generated mapper and the agent's fallback name a getter alike
      TrackweaveModule.PROCESSOR, Set.of(TrackweaveModule.ANNOTATIONS),
      // internal.fallback is the reflective stand-in for a generated mapper (MapperSupport, EventMapper); internal.bootstrap
      // builds the runtime from agent arguments (config.TransportSettings, metrics.LogSink, send, encode)
      TrackweaveModule.AGENT, Set.of(TrackweaveModule.ANNOTATIONS, TrackweaveModule.RUNTIME),
      // the Spring advisor dispatches to generated mappers exactly as woven code does (MapperDispatch.exit)
      TrackweaveModule.SPRING_BOOT_STARTER, Set.of(TrackweaveModule.ANNOTATIONS),
      // a transport behind the runtime's internal SPI (send.TransportFactory), writing operations with the spool's
      // codec: it is part of the runtime released as its own jar to keep kafka-clients out of the runtime
      TrackweaveModule.KAFKA, Set.of(TrackweaveModule.RUNTIME),
      // the relay is the runtime's send stage (HttpTransport, Delivery, Backoff, TokenBucket, Ledger) run by a
      // Kafka consumer instead of the queue, reading the records the Kafka transport writes (kafka's RecordFormat)
      TrackweaveModule.RELAY, Set.of(TrackweaveModule.RUNTIME, TrackweaveModule.KAFKA));

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrackweaveModule.class)
  void usesNoOtherModulesInternalsUnlessAFriend(TrackweaveModule module) {
    classes().that(ModuleDependencyTest.belongTo(module))
        .should(useNoForeignInternals(module))
        .check(TrackweaveModule.allClasses());
  }

  private static ArchCondition<JavaClass> useNoForeignInternals(TrackweaveModule module) {
    Set<TrackweaveModule> friends = FRIENDS.getOrDefault(module, Set.of());
    return new ArchCondition<>("use no other module's internal packages except " + friends + "'s") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          Optional<TrackweaveModule> owner = TrackweaveModule.of(target);
          if (owner.isPresent() && owner.get() != module && !friends.contains(owner.get())
              && TrackweaveModule.isInternal(target.getPackageName())) {
            events.add(SimpleConditionEvent.violated(dependency,
                module.folder + " uses " + owner.get().folder + "'s internals: " + dependency.getDescription()));
          }
        }
      }
    };
  }
}
