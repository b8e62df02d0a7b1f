package io.trackweave.runtime.internal.operation;

import java.util.Set;

/**
 * The v1 identify body's named properties that the Track API's spec types as objects; every other
 * attribute there is a string, an integer or a boolean. Capture refuses a nested value anywhere else, and
 * the v1 encoder writes these two as JSON objects.
 */
public final class V1ObjectAttributes {
  private static final Set<String> NAMES = Set.of("cio_subscription_preferences", "cio_relationships");

  private V1ObjectAttributes() {}

  public static boolean contains(String name) {
    return NAMES.contains(name);
  }
}
