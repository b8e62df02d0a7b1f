package io.trackweave.agent.it.app;

import java.util.Map;

/**
 * Uses the application's own Byte Buddy, Jackson and OkHttp when they are on its class path (by
 * reflection, so this compiles against none of them) and prints which versions answered: they must be
 * the application's, untouched by the agent's relocated copies.
 */
final class ForeignLibraries {
  private ForeignLibraries() {}

  static void report() {
    if (!Boolean.getBoolean("it.foreign")) {
      return;
    }
    try {
      Class<?> mapperType = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
      Object mapper = mapperType.getConstructor().newInstance();
      Object json = mapperType.getMethod("writeValueAsString", Object.class).invoke(mapper, Map.of("a", 1));
      System.out.println("FOREIGN jackson " + version(mapperType) + " " + json);

      Class<?> byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
      Object bb = byteBuddy.getConstructor().newInstance();
      Object builder = byteBuddy.getMethod("subclass", Class.class).invoke(bb, Object.class);
      Object unloaded = builder.getClass().getMethod("make").invoke(builder);
      System.out.println("FOREIGN bytebuddy " + version(byteBuddy) + " made " + (unloaded != null));

      Class<?> okHttp = Class.forName("okhttp3.OkHttp");
      Object client = Class.forName("okhttp3.OkHttpClient").getConstructor().newInstance();
      System.out.println("FOREIGN okhttp " + okHttp.getField("VERSION").get(null) + " " + (client != null));
    } catch (ReflectiveOperationException | LinkageError e) {
      System.out.println("FOREIGN failed " + e);
    }
  }

  private static String version(Class<?> type) {
    String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
