package io.trackweave.runtime;

import io.trackweave.api.Fields;
import java.util.Objects;

/**
 * A mobile device for {@link TrackweaveRuntime#addDevice}.
 *
 * @param token the push token (the Track API's device {@code token}, v1's device {@code id})
 * @param platform {@code ios} or {@code android}
 * @param lastUsed unix seconds the device was last used, or 0 to let Customer.io use the request time
 * @param attributes device attributes; Customer.io stores them as strings, so scalar values are sent
 *     as their text
 */
public record Device(String token, Platform platform, long lastUsed, Fields attributes) {

  /** The device's messaging platform, spelled as the Track API spells it. */
  public enum Platform {
    IOS("ios"),
    ANDROID("android");

    private final String wireName;

    Platform(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public Device {
    Objects.requireNonNull(platform, "platform");
    attributes = attributes == null ? Fields.EMPTY : attributes;
  }

  public static Device ios(String token) {
    return new Device(token, Platform.IOS, 0, Fields.EMPTY);
  }

  public static Device android(String token) {
    return new Device(token, Platform.ANDROID, 0, Fields.EMPTY);
  }
}
