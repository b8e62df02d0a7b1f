package io.trackweave.testkit.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One way of naming a person, as the Track API spells it: {@code id}, {@code email}, {@code cio_id} or
 * {@code phone}. Emails compare case-insensitively, as Customer.io treats them.
 *
 * @param type the Track API's identifier name
 * @param value the identifier's value (for emails, as sent; compare with {@link #key()})
 */
public record Identifier(String type, String value) {
  public static final String ID = "id";
  public static final String EMAIL = "email";
  public static final String CIO_ID = "cio_id";
  public static final String PHONE = "phone";

  public Identifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (!isType(type)) {
      throw new IllegalArgumentException("unknown identifier type " + type);
    }
  }

  public static Identifier id(String value) {
    return new Identifier(ID, value);
  }

  public static Identifier email(String value) {
    return new Identifier(EMAIL, value);
  }

  public static Identifier cioId(String value) {
    return new Identifier(CIO_ID, value);
  }

  /** True for the identifier names the Track API accepts in {@code identifiers}. */
  public static boolean isType(String type) {
    return ID.equals(type) || EMAIL.equals(type) || CIO_ID.equals(type) || PHONE.equals(type);
  }

  /**
   * Reads a v1 path identifier the way Customer.io does: {@code cio_<value>} addresses a person by cio_id,
   * a value with an {@code @} is an email, anything else an id.
   */
  public static Identifier fromV1Path(String decoded) {
    if (decoded.startsWith("cio_") && decoded.length() > 4) {
      return cioId(decoded.substring(4));
    }
    if (decoded.indexOf('@') > 0) {
      return email(decoded);
    }
    return id(decoded);
  }

  /** The value used for lookups: emails lower-cased. */
  public String key() {
    return EMAIL.equals(type) ? value.toLowerCase(Locale.ROOT) : value;
  }

  @Override
  public String toString() {
    return type + "=" + value;
  }
}
