package io.trackweave.agent.it.app;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A launcher of the Spring Boot kind: the application's classes are not on the class path, they come
 * from a class loader the launcher creates (here a URLClassLoader over the directories and jars named
 * by the system property it.nested.path), and main is invoked through it.
 */
public final class NestedLauncher {
  private NestedLauncher() {}

  public static void main(String[] args) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("it.nested.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    try (URLClassLoader loader = new URLClassLoader("nested-app", urls.toArray(new URL[0]), ClassLoader.getSystemClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> main = loader.loadClass(args[0]);
      System.out.println("LAUNCHER loaded " + main.getName() + " from " + main.getClassLoader().getName());
      main.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    }
  }
}
