package io.trackweave.runtime.internal.config;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.runtime.Region;
import io.trackweave.runtime.Transport;
import io.trackweave.runtime.internal.operation.Limits;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Setting}'s value is: how its text form parses ({@link #fromText}) and which typed values
 * are possible ({@link #check}). One place for both, so the text a source gives and the value a builder
 * setter takes pass the same rules, and a setting's default is its documented text parsed.
 *
 * <p>Kept apart from {@link Setting}, which the agent loads in premain: nothing here runs until a value is
 * parsed or checked.
 */
public enum SettingType {
  /** Free text, trimmed; blank is unset (null). */
  TEXT,
  /** {@code pipelines.update.only}: {@code identify} (false) or {@code reject} (true). */
  UPDATE_ONLY,
  REGION,
  /** An http(s) base URL with a host ({@link EndpointPolicy#syntaxProblem}); blank is unset (null). */
  ENDPOINT,
  API_VERSION,
  /** Bytes, positive: {@code 32m}, {@code 500000}. */
  SIZE,
  /** Bytes of one v2 batch: positive, capped at {@link Limits#MAX_BATCH_BYTES}. */
  BATCH_SIZE,
  /** Bytes on disk: at least 1 MiB. */
  DISK_SIZE,
  /** A positive whole number. */
  COUNT,
  /** A whole number, 0 meaning no limit. */
  LIMIT,
  /** A positive finite number. */
  RATE,
  /** A positive duration. */
  DURATION,
  /** A duration that may be zero. */
  DEADLINE,
  BOOLEAN,
  /** Comma-separated names; the default (none) is the empty set. */
  NAMES,
  /** A name; blank is {@code default}. */
  RUNTIME_NAME,
  /** A file system path; blank is unset (null). */
  PATH,
  FSYNC,
  TRANSPORT,
  /** A Kafka topic or group name: letters, digits, {@code . _ -}. */
  KAFKA_NAME;

  private static final long MIN_DISK_BYTES = 1024 * 1024;

  /**
   * The value of {@code text}, checked as {@link #check} does.
   *
   * @throws IllegalArgumentException naming the bad value and what would do
   */
  Object parse(String key, String text) {
    return check(key, fromText(text));
  }

  /** The value of text that parsed, before {@link #check}. */
  private Object fromText(String text) {
    switch (this) {
      case TEXT:
      case ENDPOINT:
      case RUNTIME_NAME:
      case KAFKA_NAME:
        return text;
      case UPDATE_ONLY:
        switch (text.trim().toLowerCase(Locale.ROOT)) {
          case "identify":
            return false;
          case "reject":
            return true;
          default:
            throw new IllegalArgumentException("unknown value '" + text.trim() + "': use identify or reject");
        }
      case REGION:
        return Region.parse(text);
      case API_VERSION:
        return ApiVersion.parse(text);
      case SIZE:
      case DISK_SIZE:
        return SettingValues.size(text);
      case BATCH_SIZE:
        return (int) Math.min(Integer.MAX_VALUE, SettingValues.size(text));
      case COUNT:
        return SettingValues.positiveInt(text);
      case LIMIT:
        return SettingValues.nonNegativeInt(text);
      case RATE:
        return SettingValues.positiveDouble(text);
      case DURATION:
      case DEADLINE:
        return SettingValues.duration(text);
      case BOOLEAN:
        return SettingValues.bool(text);
      case NAMES:
        return SettingValues.names(text);
      case PATH:
        try {
          return Path.of(text.trim());
        } catch (InvalidPathException e) {
          throw new IllegalArgumentException("not a path: '" + text + "'");
        }
      case FSYNC:
        return FsyncPolicy.parse(text);
      case TRANSPORT:
        return Transport.parse(text);
      default:
        throw new IllegalStateException(name());
    }
  }

  /**
   * The value a setting named {@code key} holds when given {@code value}: checked, and normalized where
   * the setting says so (trimmed text, a capped batch size, an unmodifiable set).
   *
   * @throws IllegalArgumentException for an impossible value, naming the setting
   * @throws NullPointerException for null where the setting has no unset state
   */
  Object check(String key, Object value) {
    switch (this) {
      case TEXT:
        return blankToNull((String) value);
      case ENDPOINT: {
        String e = blankToNull((String) value);
        String problem = e == null ? null : EndpointPolicy.syntaxProblem(e);
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
        return e;
      }
      case RUNTIME_NAME: {
        String n = blankToNull((String) value);
        return n == null ? "default" : n;
      }
      case KAFKA_NAME:
        return TransportSettings.requireName((String) value, key);
      case SIZE:
        return requirePositive(((Number) value).longValue(), key);
      case BATCH_SIZE:
        return Math.min((int) requirePositive(((Number) value).intValue(), key), Limits.MAX_BATCH_BYTES);
      case DISK_SIZE:
        if (((Number) value).longValue() < MIN_DISK_BYTES) {
          throw new IllegalArgumentException(key + " must be at least 1m");
        }
        return ((Number) value).longValue();
      case COUNT:
        return (int) requirePositive(((Number) value).intValue(), key);
      case LIMIT:
        if (((Number) value).intValue() < 0) {
          throw new IllegalArgumentException(key + " must be 0 (no limit) or positive");
        }
        return ((Number) value).intValue();
      case RATE: {
        double r = ((Number) value).doubleValue();
        if (!(r > 0) || Double.isInfinite(r)) {
          throw new IllegalArgumentException(key + " must be a positive number");
        }
        return r;
      }
      case DURATION: {
        Duration d = (Duration) Objects.requireNonNull(value, key);
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(key + " must be positive");
        }
        return d;
      }
      case NAMES:
        return Set.copyOf((Collection<?>) value);
      case PATH:
        return value;
      default: // the enums, booleans and a zero-or-more deadline: any value but null
        return Objects.requireNonNull(value, key);
    }
  }

  /** The value of a setting whose documented default is not a value, like {@code (none)}. */
  Object none() {
    return this == NAMES ? Collections.emptySet() : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static long requirePositive(long v, String key) {
    if (v <= 0) {
      throw new IllegalArgumentException(key + " must be positive");
    }
    return v;
  }
}
