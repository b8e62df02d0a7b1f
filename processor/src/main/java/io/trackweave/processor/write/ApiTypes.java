package io.trackweave.processor.write;

import com.palantir.javapoet.ClassName;

/** The trackweave-annotations types a generated mapper names. */
final class ApiTypes {
  static final String API = "io.trackweave.api";
  /** What only generated code calls, kept out of the user's API. */
  static final String API_INTERNAL = "io.trackweave.api.internal";
  static final ClassName TRACKER = ClassName.get(API, "Tracker");
  static final ClassName TRACKWEAVE = ClassName.get(API, "Trackweave");
  static final ClassName FIELDS = ClassName.get(API, "Fields");
  static final ClassName SUPPORT = ClassName.get(API_INTERNAL, "MapperSupport");
  static final ClassName PERSON = ClassName.get(API, "Person");
  static final ClassName IDENTIFIER_TYPE = ClassName.get(API, "IdentifierType");
  static final ClassName OBJECT_REF = ClassName.get(API, "ObjectRef");

  private ApiTypes() {}
}
