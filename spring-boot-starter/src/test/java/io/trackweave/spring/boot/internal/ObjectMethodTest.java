package io.trackweave.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.annotations.IdentifyObject;
import io.trackweave.processor.TrackweaveProcessor;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.shop.ShopApplication;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.RelationshipView;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * {@code @IdentifyObject} / {@code @DeleteObject} methods of a Spring bean, tracked by the advisor: the bean is
 * compiled here by real javac with trackweave-processor and a plan that declares the object type (the starter's
 * own test sources have no plan), loaded by a child class loader, and run in a real context against the
 * emulator, where the object, its attributes and the person's relationship must arrive.
 */
class ObjectMethodTest {
  private static final String PLAN = """
      plan: accounts
      version: 1
      identifier: id

      events:
        account_opened:
          schema: { type: object }

      objects:
        account:
          type_id: "7"
          description: A company that buys seats.
          attributes:
            name: { type: string }
            seats: { type: integer, minimum: 1 }
          relationship:
            role: { type: string, enum: [owner, member] }
      """;

  private static final String SOURCE = """
      package com.example.accounts;

      import io.trackweave.annotations.Attr;
      import io.trackweave.annotations.CustomerId;
      import io.trackweave.annotations.DeleteObject;
      import io.trackweave.annotations.IdentifyObject;
      import io.trackweave.annotations.ObjectId;
      import io.trackweave.annotations.RelationshipAttr;

      public class Accounts {
        @IdentifyObject(value = "account", relate = true)
        public String join(@CustomerId String customerId, @ObjectId String accountId, @Attr("name") String name,
            @Attr("seats") int seats, @RelationshipAttr String role) {
          return accountId;
        }

        @DeleteObject("account")
        public void close(@ObjectId String accountId) {}
      }
      """;

  /** Real javac with the real processor and the plan, as a module whose build has both. */
  private static Class<?> compileWithPlan(Path dir) throws Exception {
    Path plan = dir.resolve("tracking-plan.yaml");
    Files.writeString(plan, PLAN);
    Path source = dir.resolve("src/com/example/accounts/Accounts.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    // the annotations jar holds what the generated mapper calls too (io.trackweave.api)
    String classPath = Path.of(IdentifyObject.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    JavaCompiler.CompilationTask task = javac.getTask(diagnostics, null, null,
        List.of("--release", "17", "-classpath", classPath, "-d", classes.toString(), "-Atrackweave.plan=" + plan),
        null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source));
    task.setProcessors(List.of(new TrackweaveProcessor())); // the processor the test's own class path holds
    assertThat(task.call()).as(diagnostics.toString()).isTrue();
    assertThat(classes.resolve(MapperIndex.RESOURCE)).exists();
    ClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, ObjectMethodTest.class.getClassLoader());
    return Class.forName("com.example.accounts.Accounts", true, loader);
  }

  @Test
  void anObjectMethodOfABeanLandsAsTheObjectWithItsAttributesAndTheRelationship(@TempDir Path dir) throws Exception {
    Class<?> accounts = compileWithPlan(dir);
    try (TrackApiEmulator emulator = TrackApiEmulator.start();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
            .properties("spring.main.web-application-type=none",
                "trackweave.endpoint=" + emulator.endpoint(),
                "trackweave.site.id=" + emulator.siteId(),
                "trackweave.api.key=" + emulator.apiKey(),
                "trackweave.jmx=false",
                "trackweave.spool.enabled=false")
            // the context's class loader is the bean's, so the advisor's proxy (a CGLIB subclass) can see the class
            .resourceLoader(new DefaultResourceLoader(accounts.getClassLoader()))
            .initializers(app -> ((GenericApplicationContext) app).registerBean("accounts", accounts))
            .run()) {
      Object bean = context.getBean("accounts");
      assertThat(AopUtils.isAopProxy(bean)).as("the advisor proxies the bean").isTrue();
      Method join = bean.getClass().getMethod("join", String.class, String.class, String.class, int.class, String.class);
      Method close = bean.getClass().getMethod("close", String.class);

      assertThat(join.invoke(bean, "c-1", "acme", "Acme Inc.", 12, "owner")).isEqualTo("acme");
      join.invoke(bean, "c-2", "globex", "Globex", 3, "member");
      close.invoke(bean, "globex");
      assertThat(context.getBean(TrackweaveRuntime.class).flush(Duration.ofSeconds(5)).complete()).isTrue();

      ObjectView acme = emulator.object("7", "acme").orElseThrow(() -> new AssertionError(
          "no object 7/acme at the emulator; objects: " + emulator.objects()));
      assertThat(acme.attributes().get("name").asText()).isEqualTo("Acme Inc.");
      assertThat(acme.attributes().get("seats").asInt()).isEqualTo(12);
      assertThat(acme.isRelatedTo("c-1")).isTrue();
      assertThat(acme.isRelatedTo("c-2")).isFalse();
      RelationshipView owner = acme.relationships().stream().filter(r -> r.isWith("c-1")).findFirst().orElseThrow();
      assertThat(owner.attributes().get("role").asText()).isEqualTo("owner");
      assertThat(emulator.object("7", "globex")).as("deleted by @DeleteObject").isEmpty();
    }
  }
}
