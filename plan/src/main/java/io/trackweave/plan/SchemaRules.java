package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules between one schema's keywords, checked once its keywords are read: only description beside
 * {@code $ref}, required names declared when additionalProperties is false, each keyword fits the type, enum and
 * const values fit the type and the normalize steps, and no lower bound above its upper bound.
 */
final class SchemaRules {
  private final PlanProblems problems;

  SchemaRules(PlanProblems problems) {
    this.problems = problems;
  }

  /** Checks {@code s}, read from {@code node} at {@code path}. */
  void check(JsonNode node, String path, Schema s) {
    if (s.ref() != null) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getKey().equals("$ref") && !field.getKey().equals("description")) {
          problems.report(LocatedTree.child(path, field.getKey()), PlanMessage.BESIDE_REF, field.getKey(), s.ref());
        }
      }
    }
    if (!s.properties().isEmpty() && Boolean.FALSE.equals(s.additionalProperties())) {
      for (String r : s.required()) {
        if (!s.properties().containsKey(r)) {
          problems.report(path + ".required[" + indexIn(node.get("required"), r) + "]",
              PlanMessage.REQUIRED_NOT_DECLARED, r, PlanMessage.didYouMean(r, s.properties().keySet()));
        }
      }
    }
    Set<JsonType> types = s.types();
    if (!types.isEmpty()) {
      applies(node, path, types, EnumSet.of(JsonType.OBJECT), "object",
          "properties", "required", "additionalProperties");
      applies(node, path, types, EnumSet.of(JsonType.ARRAY), "array", "items", "minItems", "maxItems");
      applies(node, path, types, EnumSet.of(JsonType.STRING), "string", "minLength", "maxLength", "pattern",
          "normalize");
      applies(node, path, types, EnumSet.of(JsonType.INTEGER, JsonType.NUMBER), "integer or number",
          "minimum", "maximum");
      if (s.format() != null) {
        boolean numeric = s.format().equals("unix-time");
        Set<JsonType> fits = numeric ? EnumSet.of(JsonType.INTEGER, JsonType.NUMBER) : EnumSet.of(JsonType.STRING);
        if (Collections.disjoint(types, fits)) {
          problems.report(LocatedTree.child(path, "format"),
              numeric ? PlanMessage.UNIX_TIME_NOT_NUMERIC : PlanMessage.FORMAT_NOT_STRING, s.format(),
              JsonValues.typeNames(types));
        }
      }
      List<Object> enumValues = s.enumValues();
      if (enumValues != null) {
        for (int i = 0; i < enumValues.size(); i++) {
          JsonType t = JsonValues.typeOf(enumValues.get(i));
          if (!JsonValues.fits(t, types)) {
            problems.report(path + ".enum[" + i + "]", PlanMessage.ENUM_VALUE_TYPE,
                JsonValues.render(enumValues.get(i)), t.keyword(), JsonValues.typeNames(types));
          }
        }
      }
      if (s.hasConst() && !JsonValues.fits(JsonValues.typeOf(s.constValue()), types)) {
        problems.report(LocatedTree.child(path, "const"), PlanMessage.CONST_TYPE, JsonValues.render(s.constValue()),
            JsonValues.typeOf(s.constValue()).keyword(), JsonValues.typeNames(types));
      }
    }
    if (s.minimum() != null && s.maximum() != null && s.minimum().compareTo(s.maximum()) > 0) {
      problems.report(LocatedTree.child(path, "minimum"), PlanMessage.BOUNDS_CROSSED, "minimum",
          s.minimum().toPlainString(), "maximum", s.maximum().toPlainString());
    }
    if (s.minLength() != null && s.maxLength() != null && s.minLength() > s.maxLength()) {
      problems.report(LocatedTree.child(path, "minLength"), PlanMessage.BOUNDS_CROSSED, "minLength", s.minLength(),
          "maxLength", s.maxLength());
    }
    if (s.minItems() != null && s.maxItems() != null && s.minItems() > s.maxItems()) {
      problems.report(LocatedTree.child(path, "minItems"), PlanMessage.BOUNDS_CROSSED, "minItems", s.minItems(),
          "maxItems", s.maxItems());
    }
    if (!s.normalize().isEmpty() && s.enumValues() != null) {
      for (int i = 0; i < s.enumValues().size(); i++) {
        if (s.enumValues().get(i) instanceof String v && !Normalization.applyAll(s.normalize(), v).equals(v)) {
          String normal = Normalization.applyAll(s.normalize(), v);
          problems.report(path + ".enum[" + i + "]", PlanMessage.ENUM_VALUE_NOT_NORMAL, v, normal, v, normal);
        }
      }
    }
  }

  private static int indexIn(JsonNode array, String value) {
    for (int i = 0; i < array.size(); i++) {
      if (value.equals(array.get(i).asText())) {
        return i;
      }
    }
    return 0;
  }

  private void applies(JsonNode node, String path, Set<JsonType> types, Set<JsonType> fits, String fitsName,
      String... keywords) {
    if (!Collections.disjoint(types, fits)) {
      return;
    }
    for (String keyword : keywords) {
      if (node.has(keyword)) {
        problems.report(LocatedTree.child(path, keyword), PlanMessage.KEYWORD_NOT_FOR_TYPE, keyword, fitsName,
            JsonValues.typeNames(types), keyword);
      }
    }
  }
}
