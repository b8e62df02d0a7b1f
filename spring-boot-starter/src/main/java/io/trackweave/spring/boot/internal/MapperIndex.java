package io.trackweave.spring.boot.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The processor's {@code META-INF/trackweave/index} files of a class loader ({@code <owner> <method>
 * <descriptor> <mapper>} per line, as the agent reads them): which generated mapper reports which method.
 * Read once per loader, on first use.
 */
public final class MapperIndex {
  /** Where trackweave-processor writes the index, in every jar or class folder it compiled. */
  public static final String RESOURCE = "META-INF/trackweave/index";
  private static final Log LOG = LogFactory.getLog(MapperIndex.class);

  private final Map<ClassLoader, Map<String, String>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());

  /** True when the index names a method declared by {@code type}. */
  public boolean namesMethodsOf(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return false;
    }
    return byLoader.computeIfAbsent(loader, MapperIndex::read).containsKey(type.getName());
  }

  /** The binary name of the mapper of {@code method}, or null when no index names it. */
  public String mapperOf(Method method) {
    ClassLoader loader = method.getDeclaringClass().getClassLoader();
    if (loader == null) {
      return null;
    }
    Map<String, String> entries = byLoader.computeIfAbsent(loader, MapperIndex::read);
    return entries.get(key(method.getDeclaringClass().getName(), method.getName(), descriptor(method)));
  }

  private static String key(String owner, String name, String descriptor) {
    return owner.replace('/', '.') + ' ' + name + ' ' + descriptor;
  }

  private static Map<String, String> read(ClassLoader loader) {
    Map<String, String> entries = new HashMap<>();
    try {
      Enumeration<URL> files = loader.getResources(RESOURCE);
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        try (InputStream in = file.openStream();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          int number = 0;
          while ((line = reader.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
              continue;
            }
            String[] f = text.split(" ");
            if (f.length != 4 || !f[2].startsWith("(")) {
              LOG.warn("Trackweave: " + file + ":" + number + ": not '<owner> <method> <descriptor> <mapper>': " + text);
              continue;
            }
            entries.put(key(f[0], f[1], f[2]), f[3].replace('/', '.'));
            entries.put(f[0].replace('/', '.'), ""); // the owner itself: a cheap per-class test
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("Trackweave: cannot read " + RESOURCE + " (annotated methods stay untracked by the advisor): " + e);
    }
    return entries;
  }

  /** The JVM method descriptor, as the processor writes it: {@code (Ljava/lang/String;J)V}. */
  static String descriptor(Method method) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> parameter : method.getParameterTypes()) {
      sb.append(descriptor(parameter));
    }
    return sb.append(')').append(descriptor(method.getReturnType())).toString();
  }

  private static String descriptor(Class<?> type) {
    if (type.isArray()) {
      return type.getName().replace('.', '/');
    }
    if (type.isPrimitive()) {
      if (type == int.class) return "I";
      if (type == long.class) return "J";
      if (type == boolean.class) return "Z";
      if (type == double.class) return "D";
      if (type == float.class) return "F";
      if (type == byte.class) return "B";
      if (type == char.class) return "C";
      if (type == short.class) return "S";
      return "V";
    }
    return "L" + type.getName().replace('.', '/') + ";";
  }
}
