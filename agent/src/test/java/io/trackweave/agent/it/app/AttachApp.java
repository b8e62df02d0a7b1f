package io.trackweave.agent.it.app;

import io.trackweave.api.Trackweave;

/**
 * Runs without -javaagent: it loads Shop, says READY and waits until an agent is attached to it
 * (agentmain) and the test says go, then makes the calls, which must be tracked although Shop was loaded before the agent.
 */
public final class AttachApp {
  private AttachApp() {}

  public static void main(String[] args) throws Exception {
    Shop shop = new Shop(); // loaded (and linked) before any agent
    System.out.println("READY " + ProcessHandle.current().pid());
    // the test attaches the agent, then writes a line once agentmain has returned
    new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
    System.out.println("ATTACHED " + Trackweave.tracker());
    System.out.println("RESULT confirm " + shop.confirmPayment("cust-1", new Order("o-1", 25.5, "EUR")));
    System.out.println("DONE");
  }
}
