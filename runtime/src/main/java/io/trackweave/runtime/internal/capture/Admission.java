package io.trackweave.runtime.internal.capture;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.internal.operation.Limits;
import io.trackweave.runtime.internal.operation.Rejection;
import io.trackweave.runtime.internal.operation.V1ObjectAttributes;

/**
 * Whether a call's people, objects and attributes can be sent to the configured API at all, decided on
 * the caller's thread from the call alone (no I/O, no encoding): Customer.io's identifier rules and
 * limits per API, and a cheap lower bound of the payload's size. Each check answers the first
 * {@link Rejection} that applies, or null.
 */
final class Admission {
  /** Customer.io's limit for a person's identifier ("ID: 150 bytes" in the Track API's limits). */
  static final int MAX_IDENTIFIER_BYTES = 150;

  private final ApiVersion apiVersion;

  Admission(ApiVersion apiVersion) {
    this.apiVersion = apiVersion;
  }

  /** Why {@code person} cannot be identified by this API, or null. */
  Rejection person(Person person) {
    if (person == null || !person.isIdentified() || person.id().isEmpty()) {
      return Rejection.MISSING_PERSON;
    }
    if (person.type() == IdentifierType.PHONE && apiVersion == ApiVersion.V1) {
      return Rejection.PHONE_NEEDS_V2;
    }
    if (apiVersion == ApiVersion.PIPELINES
        && person.type() != IdentifierType.ID && person.type() != IdentifierType.EMAIL) {
      return Rejection.IDENTIFIER_NEEDS_TRACK_API;
    }
    if (tooLong(person.id()) || tooLong(person.anonymousId())) {
      return Rejection.IDENTIFIER_TOO_LONG;
    }
    return null;
  }

  /** The person of a relationship: identified, and (Track API) by id, email or cio_id. */
  Rejection relationshipPerson(Person person) {
    Rejection problem = person(person);
    if (problem == null && person.type() == IdentifierType.PHONE) {
      return Rejection.RELATIONSHIP_NEEDS_ID_EMAIL_OR_CIO_ID;
    }
    return problem;
  }

  /**
   * Why {@code object} cannot be sent, or null. Checked for every API, so a call refused by one is
   * refused by all: the v1 refusal first (it names the setting that helps), then the reference itself.
   */
  Rejection object(ObjectRef object) {
    if (apiVersion == ApiVersion.V1) {
      return Rejection.OBJECTS_NEED_V2_OR_PIPELINES;
    }
    if (object == null || object.typeId().isEmpty() || object.id().isEmpty()) {
      return Rejection.MISSING_OBJECT;
    }
    if (!isObjectTypeId(object.typeId())) {
      return Rejection.OBJECT_TYPE_ID_NOT_INTEGER;
    }
    if (Measure.utf8Exceeds(object.id(), MAX_IDENTIFIER_BYTES)) {
      return Rejection.OBJECT_ID_TOO_LONG;
    }
    return null;
  }

  /** A v1 identify refuses nested attributes (see {@link #hasNestedAttribute}); the other APIs take them. */
  Rejection identifyAttributes(Fields attributes) {
    return apiVersion == ApiVersion.V1 && hasNestedAttribute(attributes) ? Rejection.V1_ATTRIBUTE_NOT_SCALAR : null;
  }

  /**
   * Customer.io numbers object types from 1 and writes the number as text ("1"); the Pipelines API's
   * semantic events carry it as a JSON integer, so it must be one: 1 to 18 decimal digits, no sign, no
   * leading zero.
   */
  static boolean isObjectTypeId(String typeId) {
    int n = typeId.length();
    if (n == 0 || n > 18 || typeId.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = typeId.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean tooLong(String identifier) {
    return identifier != null && Measure.utf8Exceeds(identifier, MAX_IDENTIFIER_BYTES);
  }

  /**
   * Whether a v1 identify's attributes hold an object or array where the spec allows only a string, an
   * integer or a boolean. Numbers that are not integers have a faithful form there (their decimal text,
   * see the encoder); a nested value has none, so the call is refused rather than flattened.
   */
  private static boolean hasNestedAttribute(Fields attributes) {
    if (attributes == null) {
      return false;
    }
    for (int i = 0, n = attributes.size(); i < n; i++) {
      Object v = attributes.value(i);
      if ((v instanceof Fields || v instanceof FieldArray) && !V1ObjectAttributes.contains(attributes.name(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the payload's estimate alone is over Customer.io's 32 KB per operation. The estimate is a
   * lower bound of the encoded size (characters, no escapes, no identifiers or envelope) in both API
   * versions, so what it refuses could never be sent; what it lets through is checked exactly after
   * encoding, on a sender thread. Refusing here keeps such calls from holding queue room meanwhile.
   */
  static boolean tooLarge(long payloadEstimate) {
    return payloadEstimate > Limits.MAX_OPERATION_BYTES;
  }

  /** The queue's byte estimate of an operation: its payload, its identifiers and the envelope. */
  static int estimate(long payload, Person person) {
    long ids = 40;
    if (person != null) {
      ids += person.id() == null ? 0 : person.id().length();
      ids += person.anonymousId() == null ? 0 : person.anonymousId().length() + 16;
    }
    return (int) Math.min(Integer.MAX_VALUE, payload + ids + 48);
  }
}
