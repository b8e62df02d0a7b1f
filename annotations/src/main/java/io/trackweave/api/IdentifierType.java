package io.trackweave.api;

/** The key that identifies a person in Customer.io, named as the Track API names it. */
public enum IdentifierType {
  ID("id"),
  EMAIL("email"),
  CIO_ID("cio_id"),
  /** Accepted by the v2 API only, where the workspace enables it. */
  PHONE("phone");

  private final String wireName;

  IdentifierType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the Track API's {@code identifiers} object and in tracking plans. */
  public String wireName() {
    return wireName;
  }

  /** Parses a plan's or a setting's spelling ({@code id}, {@code email}, {@code cio_id}, {@code phone}). */
  public static IdentifierType fromWireName(String name) {
    for (IdentifierType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown person identifier '" + name + "': use one of id, email, cio_id, phone");
  }
}
