package io.trackweave.testkit.model;

import java.util.Locale;

/**
 * Who a journey decision was about: the person's identifiers when the decision was last shown (a person
 * merged into another is shown as the one they became).
 */
public record PersonRef(String cioId, String id, String email, String phone) {

  /** True when {@code identifier} is this person's id, email (any case), cio_id (with or without prefix) or phone. */
  public boolean isKnownAs(String identifier) {
    if (identifier == null) {
      return false;
    }
    return identifier.equals(id)
        || identifier.equals(cioId)
        || identifier.equals("cio_" + cioId)
        || identifier.equals(phone)
        || (email != null && email.toLowerCase(Locale.ROOT).equals(identifier.toLowerCase(Locale.ROOT)));
  }

  /** The best name to show: id, else email, else phone, else {@code cio_<cioId>}. */
  public String displayName() {
    if (id != null) {
      return id;
    }
    if (email != null) {
      return email;
    }
    return phone != null ? phone : "cio_" + cioId;
  }

  @Override
  public String toString() {
    return displayName();
  }
}
