package io.trackweave.runtime.internal.metrics;

import io.trackweave.runtime.MetricsSnapshot;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers a runtime's MBean. A name already taken (two runtimes with one name, a test that makes
 * many) gets a numeric suffix instead of failing; JMX problems are logged, never thrown.
 */
public final class JmxRegistration implements AutoCloseable {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");

  private final ObjectName name;

  private JmxRegistration(ObjectName name) {
    this.name = name;
  }

  public static JmxRegistration register(String runtimeName, Supplier<MetricsSnapshot> snapshots) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Bean bean = new Bean(snapshots);
      String base = ObjectName.quote(runtimeName);
      for (int i = 1; i <= 100; i++) {
        String n = i == 1 ? base : ObjectName.quote(runtimeName + "-" + i);
        ObjectName objectName = new ObjectName("io.trackweave:type=Runtime,name=" + n);
        try {
          server.registerMBean(bean, objectName);
          return new JmxRegistration(objectName);
        } catch (InstanceAlreadyExistsException taken) {
          // try the next suffix
        }
      }
      LOG.log(Level.WARNING, "Trackweave: no free JMX name for runtime {0}; metrics stay available through metrics()", runtimeName);
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Trackweave: cannot register the JMX MBean: {0}", e.toString());
    }
    return new JmxRegistration(null);
  }

  /** The registered name, or null when registration failed. */
  public ObjectName objectName() {
    return name;
  }

  @Override
  public void close() {
    if (name == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (Throwable ignored) {
      // already gone
    }
  }

  private static final class Bean implements TrackweaveRuntimeMXBean {
    private final Supplier<MetricsSnapshot> snapshots;

    Bean(Supplier<MetricsSnapshot> snapshots) {
      this.snapshots = snapshots;
    }

    @Override
    public long getEnqueued() {
      return snapshots.get().enqueued();
    }

    @Override
    public long getDelivered() {
      return snapshots.get().delivered();
    }

    @Override
    public long getRejected() {
      return snapshots.get().rejected();
    }

    @Override
    public Map<String, Long> getRejectedByReason() {
      return snapshots.get().rejectedByReason();
    }

    @Override
    public long getDropped() {
      return snapshots.get().dropped();
    }

    @Override
    public Map<String, Long> getDroppedByReason() {
      return snapshots.get().droppedByReason();
    }

    @Override
    public long getRetried() {
      return snapshots.get().retried();
    }

    @Override
    public long getViolations() {
      return snapshots.get().violations();
    }

    @Override
    public long getQueueBytes() {
      return snapshots.get().queueBytes();
    }

    @Override
    public long getQueueOperations() {
      return snapshots.get().queueOperations();
    }

    @Override
    public long getRequests() {
      return snapshots.get().requests();
    }

    @Override
    public double getBatchLatencyMeanMillis() {
      return snapshots.get().batchLatencyMeanMillis();
    }

    @Override
    public double getBatchLatencyMaxMillis() {
      return snapshots.get().batchLatencyMaxNanos() / 1e6;
    }

    @Override
    public long getSpilled() {
      return snapshots.get().spilled();
    }

    @Override
    public long getReplayed() {
      return snapshots.get().replayed();
    }

    @Override
    public long getSpoolCorruptSkipped() {
      return snapshots.get().spoolCorruptSkipped();
    }

    @Override
    public long getSpoolBytes() {
      return snapshots.get().spoolBytes();
    }
  }
}
