package io.trackweave.processor;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles fixtures with the processor, loads what came out, and records what mappers send. */
final class Harness {
  static final String SHOP_PLAN = "plans/shop-tracking-plan.yaml";
  static final List<String> SHOP_FILES =
      List.of("Currency", "LineItem", "Order", "NonNull", "Product", "Customer", "CancelReason",
          "PaymentDeclinedException", "ShopService");

  private Harness() {}

  /** The path of a test resource file. */
  static Path resource(String name) {
    try {
      return Path.of(Harness.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Compiler javac(String... options) {
    return Compiler.javac().withProcessors(new TrackweaveProcessor(), new TrackweaveProcessor.IndexKeeper())
        .withOptions((Object[]) options);
  }

  /** Compiles with the plan given by -Atrackweave.plan (a test resource), or without a plan when null. */
  static Compilation compile(String plan, List<JavaFileObject> sources) {
    return compile(plan, List.of(), sources);
  }

  /** As {@link #compile(String, List)}, with more javac options (e.g. {@code -Atrackweave.nullableRequired=error}). */
  static Compilation compile(String plan, List<String> moreOptions, List<JavaFileObject> sources) {
    List<String> options = new ArrayList<>(moreOptions);
    options.add("-Xlint:all,-processing"); // as the parent pom compiles; the fixtures' own @NonNull is claimed by nobody
    if (plan != null) {
      options.add("-Atrackweave.plan=" + resource(plan));
    }
    return javac(options.toArray(new String[0])).compile(sources);
  }

  static Compilation compile(String plan, JavaFileObject... sources) {
    return compile(plan, List.of(sources));
  }

  static List<JavaFileObject> shop() {
    List<JavaFileObject> out = new ArrayList<>();
    for (String name : SHOP_FILES) {
      out.add(JavaFileObjects.forResource("shop/com/shop/" + name + ".java"));
    }
    return out;
  }

  static List<JavaFileObject> plus(List<JavaFileObject> base, JavaFileObject... more) {
    List<JavaFileObject> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }

  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  /** A class loader over the compilation's class files, parent-first so the API classes are the test's. */
  static ClassLoader load(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - ".class".length())
          .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Harness.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /** The text of a generated resource (index, catalog). */
  static String resourceText(Compilation compilation, String name) {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.toUri().getPath().endsWith("/CLASS_OUTPUT/" + name)) {
        try (InputStream in = file.openInputStream()) {
          return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new AssertionError("not generated: " + name);
  }

  /** Records every call as one line of JSON-ish text, in order. */
  static final class Recorder implements Tracker, AutoCloseable {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Tracker previous;

    Recorder() {
      previous = Trackweave.install(this);
    }

    @Override
    public void identify(Person person, Fields attributes, boolean updateOnly) {
      calls.add("identify " + person(person) + (updateOnly ? " update-only " : " ") + json(attributes));
    }

    @Override
    public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
      calls.add("track " + person(person) + " " + event + " " + json(properties)
          + (timestamp == Tracker.NOW ? " at=now" : " at=" + timestamp)
          + (dedupeKey == null ? "" : " dedupe=" + dedupeKey));
    }

    @Override
    public void identifyObject(ObjectRef object, Fields attributes, Person person) {
      calls.add("identifyObject " + object(object) + " " + json(attributes)
          + (person == null ? "" : " related " + person(person)));
    }

    @Override
    public void deleteObject(ObjectRef object) {
      calls.add("deleteObject " + object(object));
    }

    @Override
    public void relate(Person person, ObjectRef object, Fields relationshipAttributes, boolean related) {
      calls.add((related ? "relate " : "unrelate ") + person(person) + " " + object(object) + " "
          + json(relationshipAttributes));
    }

    private static String object(ObjectRef o) {
      return "object(" + o.typeId() + "/" + o.id() + ")";
    }

    @Override
    public void violation(String event, String property, String problem) {
      calls.add("violation " + event + " " + property + ": " + problem);
    }

    @Override
    public void close() {
      Trackweave.install(previous);
    }

    private static String person(Person p) {
      return "person(" + (p.type() == null ? "-" : p.type().wireName()) + "=" + p.id() + ", anon=" + p.anonymousId() + ")";
    }
  }

  /** Renders Fields as compact JSON, with each value's Java kind visible where JSON would hide it. */
  static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (value instanceof Fields f) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < f.size(); i++) {
        sb.append(i == 0 ? "" : ",").append('"').append(f.name(i)).append("\":").append(json(f.value(i)));
      }
      return sb.append('}').toString();
    }
    if (value instanceof FieldArray a) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < a.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(json(a.get(i)));
      }
      return sb.append(']').toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Long || value instanceof Boolean || value instanceof Double || value instanceof java.math.BigInteger) {
      return value.toString();
    }
    throw new AssertionError("not a Fields value: " + value.getClass() + " " + value);
  }
}
