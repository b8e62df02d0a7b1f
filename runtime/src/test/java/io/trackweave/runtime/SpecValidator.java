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
  private static final String PIPELINES_SPEC = "classpath:customerio-pipelines-api.openapi.json";
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

  /**
   * The Track API's spec with one defect mended, for bodies that relate people to objects. In {@code
   * v2_cio_relationships} (the people of an object's {@code identify}, {@code add_relationships} and
   * {@code delete_relationships}) the person's {@code identifiers} are {@code oneOf} three branches,
   * titled {@code id}, {@code email} and {@code cio_id}, none of which requires its property: every
   * identifier matches several branches, so no real body can pass the {@code oneOf}. The mended copy
   * adds to each branch the {@code required} its title names (as the spec's person identifiers have);
   * everything else is the document as published.
   */
  private static final String MENDED_SPEC = "https://trackweave.invalid/customerio-track-api.mended.json";
  private static final SchemaRegistry MENDED = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      b -> b.schemas(java.util.Map.of(MENDED_SPEC, mendedTrackSpec())));

  private static String mendedTrackSpec() {
    try (java.io.InputStream in = SpecValidator.class.getResourceAsStream("/customerio-track-api.openapi.json")) {
      com.fasterxml.jackson.databind.JsonNode spec = TestSupport.JSON.readTree(in);
      com.fasterxml.jackson.databind.JsonNode branches =
          spec.at("/components/schemas/v2_cio_relationships/items/properties/identifiers/oneOf");
      if (branches.size() != 3) {
        throw new IllegalStateException("v2_cio_relationships changed: mend the spec copy anew");
      }
      for (com.fasterxml.jackson.databind.JsonNode branch : branches) {
        String identifier = branch.get("title").asText();
        if (!branch.at("/properties").has(identifier) || branch.has("required")) {
          throw new IllegalStateException("v2_cio_relationships branch '" + identifier + "' changed");
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) branch).putArray("required").add(identifier);
      }
      return TestSupport.JSON.writeValueAsString(spec);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A v2 batch body's errors against the mended spec (see {@link #MENDED_SPEC}). */
  public static List<Error> objectBatchErrors(String json) {
    return MENDED.getSchema(SchemaLocation.of(MENDED_SPEC
            + "#/paths/~1api~1v2~1batch/post/requestBody/content/application~1json/schema"))
        .validate(json, InputFormat.JSON);
  }

  /** A component of the mended spec, e.g. {@code object_add_relationships}. */
  public static Schema objectComponent(String name) {
    return MENDED.getSchema(SchemaLocation.of(MENDED_SPEC + "#/components/schemas/" + name));
  }

  /** A request body's errors against the Data Pipelines API's spec, e.g. ("/batch", json). */
  public static List<Error> pipelinesErrors(String path, String json) {
    String pointer = "#/paths/" + path.replace("~", "~0").replace("/", "~1")
        + "/post/requestBody/content/application~1json/schema";
    return REGISTRY.getSchema(SchemaLocation.of(PIPELINES_SPEC + pointer)).validate(json, InputFormat.JSON);
  }

  /** Any schema of the Data Pipelines API's spec by its JSON pointer (without the leading '#'). */
  public static Schema pipelinesAt(String pointer) {
    return REGISTRY.getSchema(SchemaLocation.of(PIPELINES_SPEC + "#" + pointer));
  }

  private static final java.util.Map<String, Integer> BATCH_CALL_TYPES =
      java.util.Map.of("identify", 0, "track", 1, "page", 2, "screen", 3, "group", 4);

  /**
   * A Pipelines batch body's errors, each item checked against the one branch it is meant to match.
   * The spec's batch items are {@code oneOf} Known User / Anonymous User branches that overlap (the
   * batch's anonymous track requires no anonymousId, so every known user's track matches both; an
   * identify with userId and anonymousId matches both), so no real call can pass the {@code oneOf}
   * itself, whatever it holds. The branch is chosen by {@code type} and by whether {@code userId} is
   * set, and the envelope is checked for its own members.
   */
  public static List<String> pipelinesBatchErrors(String json) {
    List<String> out = new java.util.ArrayList<>();
    com.fasterxml.jackson.databind.JsonNode body;
    try {
      body = TestSupport.JSON.readTree(json);
    } catch (java.io.IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!List.of("batch", "context", "integrations").contains(name)) {
        out.add("unexpected member '" + name + "' of the batch body");
      }
    });
    com.fasterxml.jackson.databind.JsonNode items = body.path("batch");
    if (!items.isArray()) {
      out.add("batch is not an array");
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      com.fasterxml.jackson.databind.JsonNode item = items.get(i);
      Integer call = BATCH_CALL_TYPES.get(item.path("type").asText());
      if (call == null) {
        out.add("/batch/" + i + ": type '" + item.path("type").asText() + "' is not a batch call type");
        continue;
      }
      int branch = item.hasNonNull("userId") ? 0 : 1;
      String pointer = call == 0
          ? "/components/schemas/identify/oneOf/" + branch
          : "/components/schemas/batch/properties/batch/items/anyOf/" + call + "/oneOf/" + branch;
      for (Error e : pipelinesAt(pointer).validate(item)) {
        out.add("/batch/" + i + ": " + e);
      }
    }
    return out;
  }
}
