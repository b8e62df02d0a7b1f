package io.trackweave.runtime.internal.operation;

/** Why a call was refused before it was sent; {@link #reason()} is the counter's label. */
public enum Rejection {
  MISSING_PERSON("missing_identifier", "the person has no identifier (type and id)"),
  MISSING_EVENT_NAME("missing_event_name", "the event has no name"),
  EVENT_NAME_TOO_LONG("event_name_too_long", "the event name is over 100 bytes"),
  TOO_MANY_ATTRIBUTES("too_many_attributes", "more than 300 attributes"),
  ATTRIBUTE_NAME_TOO_LONG("attribute_name_too_long", "an attribute name is over 150 bytes"),
  ATTRIBUTE_VALUE_TOO_LARGE("attribute_value_too_large", "an attribute value is over 1000 bytes"),
  NON_FINITE_NUMBER("non_finite_number", "a number is NaN or infinite, which JSON cannot carry"),
  OPERATION_TOO_LARGE("operation_too_large", "the operation is over 32 KB encoded"),
  PHONE_NEEDS_V2("phone_needs_v2", "phone identifiers exist only in the v2 API"),
  PHONE_NOT_MERGEABLE("phone_not_mergeable", "merge takes id, email or cio_id, not phone"),
  DEVICE_ATTRIBUTE_NOT_SCALAR("device_attribute_not_scalar", "device attributes are strings; nested objects and arrays are not allowed"),
  MISSING_DEVICE_TOKEN("missing_device_token", "the device has no token"),
  IDENTIFIER_NOT_ADDRESSABLE("identifier_not_addressable", "an id of \".\" or \"..\" cannot be a v1 URL path segment; use the v2 API"),
  ENCODING_FAILED("encoding_failed", "the operation could not be encoded as JSON"),
  NESTED_TOO_DEEP("nested_too_deep", "values are nested more than 64 levels deep (or contain a cycle)"),
  IDENTIFIER_TOO_LONG("identifier_too_long",
      "a person identifier (id, email, cio_id, phone or anonymous id, a merge's included) is over 150 bytes in"
          + " UTF-8, the Track API's limit"),
  IDENTIFIER_NEEDS_TRACK_API("identifier_needs_track_api",
      "the Data Pipelines API addresses people by userId (an id or an email) or anonymousId; cio_id and phone"
          + " identifiers need the Track API (api.version=v2)"),
  UPDATE_ONLY_NEEDS_TRACK_API("update_only_needs_track_api",
      "an update-only identify (never create the person) exists only in the Track API; the Data Pipelines"
          + " API's identify always creates or updates, and pipelines.update.only=reject refuses it (use"
          + " api.version=v2, or pipelines.update.only=identify to send it as a plain identify)"),
  V1_ATTRIBUTE_NOT_SCALAR("v1_attribute_not_scalar",
      "a v1 identify attribute is a nested object or array; the Track API's v1 identify takes only string,"
          + " integer and boolean values (use api.version=v2 for objects and arrays)"),
  OBJECTS_NEED_V2_OR_PIPELINES("objects_need_v2_or_pipelines",
      "objects and relationships exist only in the Track API's v2 and the Data Pipelines API; the Track API's"
          + " v1 has none (set api.version=v2 or pipelines)"),
  MISSING_OBJECT("missing_object", "the object has no type id or no id (ObjectRef with empty values)"),
  OBJECT_TYPE_ID_NOT_INTEGER("object_type_id_not_integer",
      "an object type id is Customer.io's number for the type, a positive integer written in decimal (\"1\","
          + " \"2\"), not the type's name"),
  OBJECT_ID_TOO_LONG("object_id_too_long", "an object id is over 150 bytes in UTF-8, the Track API's limit"),
  RELATIONSHIP_NEEDS_ID_EMAIL_OR_CIO_ID("relationship_needs_id_email_or_cio_id",
      "a relationship's person is addressed by id, email or cio_id in the Track API's cio_relationships;"
          + " a phone identifier cannot be related to an object"),
  OBJECT_NEEDS_PERSON_ON_PIPELINES("object_needs_person_on_pipelines",
      "the Data Pipelines API writes an object's attributes only with a group call, which relates a person to"
          + " it; identifying an object without a person needs the Track API (api.version=v2), or pass the"
          + " person to relate"),
  BACKFILL_WOULD_TRIGGER("backfill_would_trigger",
      "backfill mode: the event is less than 72 hours old, so Customer.io would still trigger live campaigns"
          + " from it. Send historical roll-ups as identify attributes (e.g. last_order_at, order_count), or"
          + " name the event in backfill.trigger.events if triggering is intended");

  private final String reason;
  private final String message;

  Rejection(String reason, String message) {
    this.reason = reason;
    this.message = message;
  }

  public String reason() {
    return reason;
  }

  public String message() {
    return message;
  }
}
