package bench.startup;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.lang.management.ManagementFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prints the JVM's uptime and CPU time when the application is ready (server listening, runners done); with
 * -Dbench.exit=true then exits.
 */
@SpringBootApplication
public class StartupApplication {
  public static void main(String[] args) {
    SpringApplication.run(StartupApplication.class, args);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ready(ApplicationReadyEvent event) {
    // wall time to ready, and the CPU the process spent getting there (all threads; steadier on a busy machine)
    long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.println("READY_MS " + ManagementFactory.getRuntimeMXBean().getUptime() + " CPU_MS " + cpuNanos / 1_000_000);
    if (Boolean.getBoolean("bench.exit")) {
      System.exit(SpringApplication.exit(event.getApplicationContext()));
    }
  }

  @Service
  public static class Orders {
    @TrackEvent("order_completed")
    public String complete(@CustomerId String customerId, @Prop("order_id") String orderId) {
      return orderId;
    }
  }

  @RestController
  public static class OrderController {
    private final Orders orders;

    public OrderController(Orders orders) {
      this.orders = orders;
    }

    @PostMapping("/orders")
    public String order() {
      return orders.complete("42", "o-1");
    }
  }
}
