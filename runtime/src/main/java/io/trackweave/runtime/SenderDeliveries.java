package io.trackweave.runtime;

import io.trackweave.runtime.internal.concurrent.Clocks;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import io.trackweave.runtime.internal.send.AnonymousOrder;
import io.trackweave.runtime.internal.send.BatchDelivery;
import io.trackweave.runtime.internal.send.Delivery;
import io.trackweave.runtime.internal.send.DeliverySettings;
import io.trackweave.runtime.internal.send.HttpSettings;
import io.trackweave.runtime.internal.send.HttpTransport;
import io.trackweave.runtime.internal.send.LazyTransport;
import io.trackweave.runtime.internal.send.Pause;
import io.trackweave.runtime.internal.send.Reachability;
import io.trackweave.runtime.internal.send.Surrender;
import io.trackweave.runtime.internal.send.TokenBucket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What each sender thread builds when it starts: its delivery over HTTP to Customer.io (and the HTTP client the
 * senders share, built by the first), or through another transport's client. Small classes, not lambdas: each
 * lambda spins a class the first time it runs, about a millisecond on a cold JVM.
 */
final class SenderDeliveries {
  private SenderDeliveries() {}

  /** The HTTP client, built by the first sender that needs it. */
  static final class HttpClient implements Supplier<HttpTransport> {
    private final HttpSettings settings;

    HttpClient(HttpSettings settings) {
      this.settings = settings;
    }

    @Override
    public HttpTransport get() {
      return new HttpTransport(settings);
    }
  }

  /** Each sender's delivery over HTTP to Customer.io. */
  static final class HttpDeliveries implements Supplier<BatchDelivery> {
    private final DeliverySettings settings;
    private final LazyTransport transport;
    private final TokenBucket bucket;
    private final Ledger ledger;
    private final OperationQueue queue;
    private final Overflow overflow;
    private final LongSupplier nanoClock;
    private final AtomicBoolean unauthorizedLogged;
    private final boolean spillAtFirstFailure;
    private final Reachability reachability;
    private final AnonymousOrder order;

    HttpDeliveries(DeliverySettings settings, LazyTransport transport, TokenBucket bucket, Ledger ledger,
        OperationQueue queue, Overflow overflow, LongSupplier nanoClock, AtomicBoolean unauthorizedLogged,
        boolean spillAtFirstFailure, Reachability reachability, AnonymousOrder order) {
      this.settings = settings;
      this.transport = transport;
      this.bucket = bucket;
      this.ledger = ledger;
      this.queue = queue;
      this.overflow = overflow;
      this.nanoClock = nanoClock;
      this.unauthorizedLogged = unauthorizedLogged;
      this.spillAtFirstFailure = spillAtFirstFailure;
      this.reachability = reachability;
      this.order = order;
    }

    @Override
    public BatchDelivery get() {
      return new Delivery(settings, transport.get(), bucket, ledger, queue, overflow, Pause.SLEEP, nanoClock,
          Clocks.WALL_MILLIS, unauthorizedLogged, spillAtFirstFailure, reachability, order);
    }
  }

  /** The one sender's delivery through another transport's shared client. */
  static final class OtherDeliveries implements Supplier<BatchDelivery> {
    private final OtherTransport other;
    private final Ledger ledger;
    private final OperationQueue queue;
    private final Overflow overflow;
    private final Reachability reachability;

    OtherDeliveries(OtherTransport other, Ledger ledger, OperationQueue queue, Overflow overflow,
        Reachability reachability) {
      this.other = other;
      this.ledger = ledger;
      this.queue = queue;
      this.overflow = overflow;
      this.reachability = reachability;
    }

    @Override
    public BatchDelivery get() {
      return other.get().delivery(ledger, queue, new Surrender(overflow, queue, ledger), reachability);
    }
  }
}
