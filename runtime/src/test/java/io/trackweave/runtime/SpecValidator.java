package io.trackweave.runtime;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Validates request bodies against the request schemas of Customer.io's own Track API OpenAPI 3.1
 * document (a copy in test resources). {@code $ref}s such as {@code #/components/schemas/person_event}
 * resolve inside the same document. The dialect is plain JSON Schema 2020-12 (OpenAPI 3.1's base):
 * the validator's OpenAPI dialect treats {@code discriminator} as binding and looks for a component
 * named after each action value ({@code identify}, {@code event}), which this spec does not have, so it
 * would fail every valid body; the {@code anyOf} alternatives themselves are the actual contract.
 */
public final class SpecValidator {
  private static final String SPEC = "classpath:customerio-track-api.openapi.json";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private SpecValidator() {}

  /** The JSON pointer of a path's request body schema, e.g. ("/api/v2/batch", "post"). */
  public static Schema requestBody(String path, String method) {
    String pointer = "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method
        + "/requestBody/content/application~1json/schema";
    return REGISTRY.getSchema(SchemaLocation.of(SPEC + pointer));
  }

  /** Any schema in the document by its JSON pointer (without the leading '#'). */
  public static Schema at(String pointer) {
    return REGISTRY.getSchema(SchemaLocation.of(SPEC + "#" + pointer));
  }

  public static Schema component(String name) {
    return REGISTRY.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/" + name));
  }

  public static List<Error> batchErrors(String json) {
    return requestBody("/api/v2/batch", "post").validate(json, InputFormat.JSON);
  }

  public static List<Error> errors(String path, String method, String json) {
    return requestBody(path, method).validate(json, InputFormat.JSON);
  }
}
