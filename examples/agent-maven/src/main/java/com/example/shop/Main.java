package com.example.shop;

/**
 * Run with the agent: {@code java -javaagent:target/trackweave-agent.jar -cp target/classes:... com.example.shop.Main}
 * and CUSTOMERIO_SITE_ID / CUSTOMERIO_API_KEY (or TRACKWEAVE_ENDPOINT for an emulator) in the environment.
 */
public final class Main {
  public static void main(String[] args) {
    Checkout checkout = new Checkout();
    checkout.register("42", "ada@example.com");
    checkout.complete("42", "o-1", 12.5);
  }
}
