package io.trackweave.api;

/**
 * Who an operation is about: an identified person ({@code type} and {@code id}), a guest known only by
 * an anonymous id, or both (an identify that merges the guest's history into the person).
 *
 * @param type the identifier kind; null only for a purely anonymous person
 * @param id the identifier value; null only for a purely anonymous person
 * @param anonymousId the guest's anonymous id, or null
 */
public record Person(IdentifierType type, String id, String anonymousId) {

  public static Person identified(IdentifierType type, String id) {
    return new Person(type, id, null);
  }

  public static Person anonymous(String anonymousId) {
    return new Person(null, null, anonymousId);
  }

  /** True when the person can be addressed by an identifier (not only by an anonymous id). */
  public boolean isIdentified() {
    return type != null && id != null;
  }
}
