package io.trackweave.agent.internal.advice;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.WovenLoader;
import io.trackweave.agent.internal.index.IndexEntry;
import io.trackweave.agent.internal.matching.ClassBytes;
import io.trackweave.agent.internal.matching.Exclusions;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.api.internal.EventMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Methods annotated {@code @IdentifyObject} / {@code @DeleteObject} are woven exactly as {@code @TrackEvent}
 * ones: by their index entry, calling their generated mapper. Without an entry the reflective fallback cannot
 * send an object (its type_id is in the plan, which only the processor reads), so the agent says so instead
 * of leaving the method silently untracked. The class under weaving is compiled here with real javac and
 * without the processor ({@code -proc:none}), as a build that forgot the processor would compile it.
 */
class ObjectWeavingTest {
  private static final String ACCOUNTS = "com.acme.Accounts";
  private static final String SOURCE = String.join("\n",
      "package com.acme;",
      "import io.trackweave.annotations.*;",
      "public class Accounts {",
      "  @IdentifyObject(value = \"account\", relate = true)",
      "  public String open(@CustomerId String owner, @ObjectId String accountId, @Attr(\"name\") String name) {",
      "    return accountId + \":open\";",
      "  }",
      "  @DeleteObject(\"account\")",
      "  public void close(@ObjectId String accountId) {}",
      "}");

  /** Stands in for the processor's mapper of {@code Accounts#open}, shaped as it generates them. */
  public static final class OpenMapper implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {
      Trackweave.tracker().identifyObject(ObjectRef.of("1", (String) args[1]),
          Fields.builder(2).put("name", (String) args[2]).put("result", (String) result).build(),
          Person.identified(IdentifierType.ID, (String) args[0]));
    }

    @Override
    public void onThrow(Object[] args, Throwable thrown) {}
  }

  /** Stands in for the processor's mapper of {@code Accounts#close}. */
  public static final class CloseMapper implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {
      Trackweave.tracker().deleteObject(ObjectRef.of("1", (String) args[0]));
    }

    @Override
    public void onThrow(Object[] args, Throwable thrown) {}
  }

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<String> heard = new ArrayList<>();
  private Tracker previous;

  private final WeavingListener listener =
      new WeavingListener() {
        @Override
        public void onWoven(String type, List<String> indexed, List<String> fallback) {
          heard.add("woven " + type + " " + indexed + " " + fallback);
        }

        @Override
        public void onProblem(String type, String problem) {
          heard.add("problem " + type + " " + problem);
        }

        @Override
        public void onError(String type, Throwable error) {
          heard.add("error " + type + " " + error);
        }

        @Override
        public void onUnwoven(String type, List<String> methods) {
          heard.add("unwoven " + type + " " + methods);
        }
      };

  @BeforeEach
  void install() {
    previous = Trackweave.install(new Tracker() {
      @Override
      public void identify(Person person, Fields attributes, boolean updateOnly) {
        calls.add("identify");
      }

      @Override
      public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
        calls.add("track");
      }

      @Override
      public void identifyObject(ObjectRef object, Fields attributes, Person person) {
        calls.add("identifyObject " + object + " name=" + attributes.get("name") + " result="
            + attributes.get("result") + " person=" + person.id());
      }

      @Override
      public void deleteObject(ObjectRef object) {
        calls.add("deleteObject " + object);
      }
    });
  }

  @AfterEach
  void uninstall() {
    Trackweave.install(previous);
  }

  @Test
  void indexedObjectMethodsAreWovenAndCallTheirMappers() throws Exception {
    byte[] bytes = compileWithoutProcessor();
    assertThat(ClassBytes.mayCarryTrackingAnnotation(bytes)).isTrue();
    List<IndexEntry> entries = List.of(
        new IndexEntry(ACCOUNTS, "open", "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
            OpenMapper.class.getName()),
        new IndexEntry(ACCOUNTS, "close", "(Ljava/lang/String;)V", CloseMapper.class.getName()));

    byte[] woven = new ClassWeaver(listener)
        .weave(getClass().getClassLoader(), ACCOUNTS.replace('.', '/'), bytes, entries, false, Exclusions.NONE);

    assertThat(woven).as("heard %s", heard).isNotNull();
    assertThat(heard).containsExactly("woven " + ACCOUNTS + " [" + ACCOUNTS + "#open(java.lang.String,"
        + " java.lang.String, java.lang.String), " + ACCOUNTS + "#close(java.lang.String)] []");
    Object accounts = new WovenLoader(Map.of(ACCOUNTS, woven)).loadClass(ACCOUNTS).getConstructor().newInstance();
    assertThat(accounts.getClass().getMethod("open", String.class, String.class, String.class)
        .invoke(accounts, "c-1", "acc-7", "Acme")).isEqualTo("acc-7:open");
    accounts.getClass().getMethod("close", String.class).invoke(accounts, "acc-7");
    assertThat(calls).containsExactly(
        "identifyObject ObjectRef[typeId=1, id=acc-7] name=Acme result=acc-7:open person=c-1",
        "deleteObject ObjectRef[typeId=1, id=acc-7]");
  }

  @Test
  void withoutAnIndexEntryTheAgentSaysTheObjectIsNotSent() throws Exception {
    byte[] bytes = compileWithoutProcessor();

    byte[] woven = new ClassWeaver(listener)
        .weave(getClass().getClassLoader(), ACCOUNTS.replace('.', '/'), bytes, List.of(), true, Exclusions.NONE);

    assertThat(woven).as("nothing the fallback could send, so nothing woven").isNull();
    assertThat(heard).containsExactly(
        "problem " + ACCOUNTS + " " + ACCOUNTS + "#open(java.lang.String, java.lang.String, java.lang.String) has"
            + " @IdentifyObject but no index entry, so its object is not sent: object calls need the mapper the"
            + " Trackweave processor generates (the type_id comes from the tracking plan); compile the class with"
            + " the processor",
        "problem " + ACCOUNTS + " " + ACCOUNTS + "#close(java.lang.String) has @DeleteObject but no index entry,"
            + " so its object is not sent: object calls need the mapper the Trackweave processor generates (the"
            + " type_id comes from the tracking plan); compile the class with the processor");

    heard.clear();
    new ClassWeaver(listener).reportUnwoven(ACCOUNTS.replace('.', '/'), bytes, List.of(), Exclusions.NONE);
    assertThat(heard).containsExactly("unwoven " + ACCOUNTS + " [" + ACCOUNTS + "#open(java.lang.String,"
        + " java.lang.String, java.lang.String), " + ACCOUNTS + "#close(java.lang.String)]");
    assertThat(calls).isEmpty();
  }

  /** {@link #SOURCE} compiled by the JDK's javac with no annotation processing: its class file. */
  private static byte[] compileWithoutProcessor() throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream classFile = new ByteArrayOutputStream();
    JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///com/acme/Accounts.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return SOURCE;
      }
    };
    try (StandardJavaFileManager standard = javac.getStandardFileManager(null, null, UTF_8)) {
      ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
            FileObject sibling) {
          return new SimpleJavaFileObject(URI.create("mem:///" + className + kind.extension), kind) {
            @Override
            public OutputStream openOutputStream() {
              return classFile;
            }
          };
        }
      };
      boolean ok = javac.getTask(null, files, null,
          List.of("-proc:none", "-classpath", System.getProperty("java.class.path")), null, List.of(source)).call();
      assertThat(ok).as("javac compiles the fixture").isTrue();
    }
    return classFile.toByteArray();
  }
}
