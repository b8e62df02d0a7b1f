package io.trackweave.agent.it.app;

import io.trackweave.api.Trackweave;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * The integration tests' application. It prints what each call returned or threw (the tests check the
 * advice changed nothing) and leaves delivery to the runtime's shutdown hook.
 */
public final class ShopApp {
  private ShopApp() {}

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("it.library")) {
      LibraryMode.install(); // woven at build time: no agent installs the runtime
    }
    System.out.println("TRACKER " + Trackweave.tracker());
    Shop shop = new Shop();
    System.out.println("RESULT confirm " + shop.confirmPayment("cust-1", new Order("o-1", 25.5, "EUR")));
    try {
      shop.chargeCard("cust-2", "o-2");
      System.out.println("RESULT pay returned");
    } catch (IllegalStateException e) {
      System.out.println("RESULT pay threw " + e.getMessage() + " same=" + (e == Shop.DECLINED));
    }
    System.out.println("RESULT register " + shop.register("cust-3", "c3@example.com", true));
    System.out.println("RESULT ship " + shop.shipAsync("cust-4", "o-4").get(10, TimeUnit.SECONDS).carrier());
    String legacy = System.getProperty("it.legacy");
    if (legacy != null) {
      // a class compiled without the processor: the agent's reflective fallback tracks it
      Class<?> type = Class.forName(legacy);
      Object instance = type.getConstructor().newInstance();
      Method signUp = type.getMethod("signUp", String.class, String.class);
      System.out.println("RESULT legacy " + signUp.invoke(instance, "cust-5", "spring"));
    }
    ForeignLibraries.report();
    System.out.println("DONE");
  }
}
