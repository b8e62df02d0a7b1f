package io.trackweave.agent.internal.index;

/**
 * One line of {@code META-INF/trackweave/index}: the method to weave and the generated mapper its
 * advice calls.
 *
 * @param owner binary name of the declaring class ({@code com.shop.Checkout})
 * @param method the method's name
 * @param descriptor its JVM descriptor ({@code (Ljava/lang/String;)V})
 * @param mapper binary name of the generated {@code EventMapper}
 */
public record IndexEntry(String owner, String method, String descriptor, String mapper) {

  /** The method's name and descriptor, as {@code confirm(Ljava/lang/String;)V}. */
  public String methodKey() {
    return method + descriptor;
  }
}
