package io.trackweave.agent.internal.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {
  private static AgentArguments parse(String args) {
    return AgentArguments.parse(args, Map.of(), new Properties());
  }

  @Test
  void runtimeSettingsPassThroughAndAgentSettingsAreKept() {
    AgentArguments a = parse("region=eu, spool.dir=/tmp/spool,exclude=com.shop.A#m;com.shop.B,fallback=false");

    assertThat(a.settings()).containsExactly(Map.entry("region", "eu"), Map.entry("spool.dir", "/tmp/spool"));
    assertThat(a.enabled()).isTrue();
    assertThat(a.fallback()).isFalse();
    assertThat(a.exclusions().excludes("com.shop.A", "m")).isTrue();
    assertThat(a.exclusions().excludes("com.shop.A", "n")).isFalse();
    assertThat(a.exclusions().excludesClass("com.shop.B")).isTrue();
    assertThat(a.problems()).isEmpty();
  }

  @Test
  void offSwitch() {
    assertThat(parse("enabled=false").enabled()).isFalse();
    assertThat(parse(null).enabled()).isTrue();
  }

  @Test
  void offSwitchFromTheEnvironmentAndSystemProperties() {
    Properties props = new Properties();
    props.setProperty("trackweave.enabled", "false");
    assertThat(AgentArguments.parse("", Map.of(), props).enabled()).isFalse();
    assertThat(AgentArguments.parse("", Map.of("TRACKWEAVE_ENABLED", "false"), new Properties()).enabled()).isFalse();
    // the agent argument wins over both
    assertThat(AgentArguments.parse("enabled=true", Map.of("TRACKWEAVE_ENABLED", "false"), props).enabled()).isTrue();
  }

  @Test
  void aKeyOnTheCommandLineIsWarnedAboutWithoutEchoingIt() {
    AgentArguments a = parse("api.key=s3cr3t,region=us");

    assertThat(a.problems()).singleElement().asString().contains("api.key").contains("CUSTOMERIO_API_KEY").doesNotContain("s3cr3t");
    assertThat(a.settings()).containsEntry("api.key", "s3cr3t"); // still honoured
    // not a setting's name either: warned about as a secret, and as ignored (it never was used)
    assertThat(parse("API_KEY=x").problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains("no such setting"));
  }

  @Test
  void malformedArgumentsAreReportedNotFatal() {
    AgentArguments a = parse("novalue,enabled=maybe,buffer.size=lots");

    assertThat(a.problems()).hasSize(3);
    assertThat(a.enabled()).isTrue();
    assertThat(a.bufferCapacity()).isEqualTo(parse(null).bufferCapacity()); // the default, whatever it is
  }

  @Test
  void aMalformedPairIsNamedByPositionAndLengthNeverEchoed() {
    // a pair without '=' is likely a value pasted on its own, e.g. the key itself
    AgentArguments a = parse("region=us,sk_live_0123456789");

    assertThat(a.problems())
        .singleElement()
        .asString()
        .doesNotContain("sk_live")
        .doesNotContain("0123456789")
        .contains("#2")
        .contains("18 characters")
        .contains("key=value");
    assertThat(a.settings()).containsOnlyKeys("region");
  }

  @Test
  void theReflectiveFallbackIsOffUnlessAskedFor() {
    assertThat(parse(null).fallback()).isFalse();
    assertThat(parse("").fallback()).isFalse();
    assertThat(parse("fallback=true").fallback()).isTrue();
    assertThat(AgentArguments.parse("", Map.of("TRACKWEAVE_FALLBACK", "true"), new Properties()).fallback()).isTrue();
  }

  @Test
  void unknownArgumentsAreNamedInOneWarningAndNotPassedOn() {
    AgentArguments a = parse("region=eu,regoin=us,flush.intervall=1s,TRACKWEAVE_SENDERS=3,trackweave.jmx=false");

    assertThat(a.problems()).singleElement().asString()
        .contains("regoin").contains("flush.intervall")
        .contains("no such setting")
        .doesNotContain("=us").doesNotContain("1s");
    // every spelling of a real setting is one
    assertThat(a.settings()).containsOnlyKeys("region", "trackweave_senders", "trackweave.jmx");
  }

  @Test
  void aKeyWithoutValueAndAKeyGivenTwiceAreNamed() {
    AgentArguments a = parse("region=,senders=2,senders=3,buffer.size=-5");

    assertThat(a.problems()).hasSize(3);
    assertThat(a.problems().get(0)).contains("'region' has no value");
    assertThat(a.problems().get(1)).contains("more than once").contains("senders");
    assertThat(a.problems().get(2)).contains("buffer.size").contains("negative");
    assertThat(a.settings()).containsExactly(Map.entry("senders", "3"));
    assertThat(a.bufferCapacity()).isZero();
  }

  @Test
  void extensionsAreTheAgentsOwnSettingInEveryForm() {
    assertThat(parse(null).extensions()).isNull();
    AgentArguments a = parse("agent.extensions=/opt/tw/trackweave-kafka-agent.jar,transport=kafka");
    assertThat(a.extensions()).isEqualTo("/opt/tw/trackweave-kafka-agent.jar");
    assertThat(a.settings()).as("not handed to the runtime").containsOnlyKeys("transport");
    assertThat(a.problems()).isEmpty();
    Properties props = new Properties();
    props.setProperty("trackweave.agent.extensions", "/from/property.jar");
    assertThat(AgentArguments.parse("", Map.of(), props).extensions()).isEqualTo("/from/property.jar");
    assertThat(AgentArguments.parse("", Map.of("TRACKWEAVE_AGENT_EXTENSIONS", "/from/env.jar"), new Properties())
        .extensions()).isEqualTo("/from/env.jar");
    // the agent argument wins over both
    assertThat(AgentArguments.parse("agent.extensions=/arg.jar", Map.of("TRACKWEAVE_AGENT_EXTENSIONS", "/env.jar"),
        props).extensions()).isEqualTo("/arg.jar");
  }

  @Test
  void checkingTheArgumentsInPremainBootsNoInvokeDynamic() {
    // premain must not boot java.lang.invoke (a lambda or an indy string concatenation costs tens of ms)
    for (Class<?> type : java.util.List.of(AgentArguments.class, AgentExtensions.class,
        io.trackweave.runtime.internal.config.Setting.class)) {
      java.util.List<String> indy = new java.util.ArrayList<>();
      new net.bytebuddy.jar.asm.ClassReader(net.bytebuddy.dynamic.ClassFileLocator.ForClassLoader.read(type))
          .accept(new net.bytebuddy.jar.asm.ClassVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9) {
            @Override
            public net.bytebuddy.jar.asm.MethodVisitor visitMethod(
                int access, String method, String descriptor, String signature, String[] exceptions) {
              return new net.bytebuddy.jar.asm.MethodVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9) {
                @Override
                public void visitInvokeDynamicInsn(
                    String name, String desc, net.bytebuddy.jar.asm.Handle bootstrap, Object... args) {
                  indy.add(method + ": " + bootstrap.getName());
                }
              };
            }
          }, 0);
      assertThat(indy).as(type.getName()).isEmpty();
    }
  }
}
