package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.queue.Overflow;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;

/**
 * Sends one request and retries what deserves it (no answer, 408, 429, 5xx): after the wait Customer.io
 * named in {@code Retry-After}, else a jittered exponential backoff, while the attempts last and the
 * next wait ends within {@code retry.max.time}. With a disk spool it does not retry at all: the first
 * retryable answer is returned at once, and the spool's replay (held for any {@code Retry-After}) sends
 * the calls again. Reports outages, once at their start and once at their end, through the senders'
 * shared {@link Reachability}.
 */
final class RetryingExchange {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");

  private final DeliverySettings settings;
  private final HttpTransport transport;
  private final TokenBucket bucket;
  private final Ledger ledger;
  private final Overflow overflow;
  private final Pause pause;
  private final LongSupplier nanoClock;
  /** Epoch milliseconds: an HTTP-date Retry-After is measured against it. */
  private final LongSupplier wallClock;
  private final Backoff backoff;
  private final boolean spillAtFirstFailure;
  private final Reachability reachability;

  RetryingExchange(
      DeliverySettings settings,
      HttpTransport transport,
      TokenBucket bucket,
      Ledger ledger,
      Overflow overflow,
      Pause pause,
      LongSupplier nanoClock,
      LongSupplier wallClock,
      boolean spillAtFirstFailure,
      Reachability reachability) {
    this.settings = settings;
    this.transport = transport;
    this.bucket = bucket;
    this.ledger = ledger;
    this.overflow = overflow;
    this.pause = pause;
    this.nanoClock = nanoClock;
    this.wallClock = wallClock;
    this.backoff = new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff());
    this.spillAtFirstFailure = spillAtFirstFailure;
    this.reachability = reachability;
  }

  /** Why calls are handed to the overflow (or dropped, when it cannot take them) after a retryable answer. */
  String givenUpReason() {
    return spillAtFirstFailure ? "unreachable" : "retries_exhausted";
  }

  /**
   * Sends, retrying what deserves it. Returns the last answer; a retryable one means the attempts or
   * the time ran out (or, with a spool, that the calls go there).
   *
   * @param operations how many calls the request carries, for the ledger's retry count and the log
   */
  Answer exchange(String method, HttpUrl url, byte[] body, int length, boolean gzipped, int operations)
      throws Interrupted {
    long start = nanoClock.getAsLong();
    long deadline = start + settings.retryMaxTime().toNanos();
    for (int attempt = 1; ; attempt++) {
      sleep(bucket.reserve());
      Answer answer;
      reachability.sending(nanoClock.getAsLong());
      boolean heard = false;
      try {
        answer = transport.execute(method, url, body, length, gzipped);
        heard = true;
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new Interrupted();
        }
        answer = Answer.failed(e.toString());
      } finally {
        reachability.ended(nanoClock.getAsLong(), heard);
      }
      if (!answer.retryable()) {
        ledger.request(nanoClock.getAsLong() - start);
        if (reachability.answered()) {
          LOG.log(Level.INFO, "Trackweave: Customer.io answers again");
        }
        return answer;
      }
      if (reachability.failed()) {
        LOG.log(Level.WARNING, "Trackweave: Customer.io is unreachable or refusing calls ({0}); "
            + (spillAtFirstFailure
                ? "calls go to the disk spool and are retried from there until delivered"
                : "calls are retried in memory for up to " + settings.retryMaxTime().toSeconds()
                    + " s (no spool: spool.enabled=false)"), answer.cause());
      }
      if (spillAtFirstFailure) {
        // the spool's replay sends them again: counted as retried here, as an in-memory retry would be
        ledger.request(nanoClock.getAsLong() - start);
        ledger.retried(operations, answer.cause());
        long retryAfter = RetryAfter.nanos(answer.retryAfter(), wallClock.getAsLong());
        if (retryAfter > 0) {
          overflow.holdReplay(retryAfter); // Customer.io said when: the spool waits that long
        }
        return answer;
      }
      long delay = RetryAfter.nanos(answer.retryAfter(), wallClock.getAsLong());
      if (delay < 0) {
        delay = backoff.delayNanos(attempt);
      }
      if (attempt >= settings.retryMaxAttempts() || nanoClock.getAsLong() + delay - deadline > 0) {
        ledger.request(nanoClock.getAsLong() - start);
        LOG.log(Level.WARNING, "Trackweave: giving up {0} call(s) after {1} attempt(s) in {2} ms; last: {3}",
            operations, attempt, (nanoClock.getAsLong() - start) / 1_000_000, answer.cause());
        return answer;
      }
      ledger.retried(operations, answer.cause());
      sleep(delay);
    }
  }

  private void sleep(long nanos) throws Interrupted {
    if (nanos <= 0) {
      if (Thread.currentThread().isInterrupted()) {
        throw new Interrupted();
      }
      return;
    }
    try {
      pause.sleep(nanos);
    } catch (InterruptedException e) {
      throw new Interrupted();
    }
  }
}
