package io.trackweave.annotations;

/** When a {@link TrackEvent} or {@link IdentifyOn} fires, relative to how the method completes. */
public enum Fire {
  /** After the method returns normally (or its returned stage completes normally). */
  RETURN,
  /** When the method throws (or its returned stage completes exceptionally); e.g. {@code payment_failed}. */
  THROW,
  /** In both cases. */
  ALWAYS
}
