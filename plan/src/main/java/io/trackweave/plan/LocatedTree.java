package io.trackweave.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan file read into a Jackson tree, plus the line of every key (by dotted path, e.g.
 * {@code events.order_completed.dedupe}; array elements as {@code required[2]}), so that every problem can say
 * where it is. Reads with a streaming parser rather than {@code readTree} because the tree keeps no locations,
 * and because a duplicate key must be reported (every one, with both lines) rather than silently overwrite the
 * first: the walker does what Jackson's STRICT_DUPLICATE_DETECTION does, but carries on reading.
 */
final class LocatedTree {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private final JsonNode root;
  private final Map<String, Integer> lines;

  private LocatedTree(JsonNode root, Map<String, Integer> lines) {
    this.root = root;
    this.lines = lines;
  }

  /** The plan's tree; null when the file could not be read (the problems say why). */
  JsonNode root() {
    return root;
  }

  /** The 1-based line of the key at {@code path}, or of its nearest ancestor that has one; 1 for the root. */
  int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = parent(p);
    }
  }

  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * Reads {@code text}; syntax errors and duplicate keys go to {@code problems}. Returns a tree whose root is null
   * when nothing could be read.
   */
  static LocatedTree read(String text, String source, boolean json, List<PlanProblem> problems) {
    Walker walker = new Walker(source, problems);
    JsonNode root = null;
    try (JsonParser parser = json ? JSON.createParser(text) : YAML.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(new PlanProblem(source, "", 1, PlanMessage.EMPTY_PLAN.text()));
        return new LocatedTree(null, walker.lines);
      }
      root = walker.value(parser, "");
      if (parser.nextToken() != null) {
        int line = lineOf(parser.currentTokenLocation());
        problems.add(new PlanProblem(source, "", line, PlanMessage.MORE_THAN_ONE_DOCUMENT.text()));
      }
    } catch (JsonProcessingException e) {
      // The key path is not reported: the parser fails on text it could not place in the tree.
      JsonLocation at = e.getLocation();
      String column =
          at != null && at.getColumnNr() > 0 ? PlanMessage.Part.AT_COLUMN.text(at.getColumnNr()) : "";
      problems.add(new PlanProblem(source, "", lineOf(at),
          PlanMessage.SYNTAX.text(json ? "JSON" : "YAML", column, oneLine(e.getOriginalMessage()))));
    } catch (IOException e) {
      problems.add(new PlanProblem(source, "", 0, PlanMessage.CANNOT_READ_PLAN.text(e.getMessage())));
    }
    return new LocatedTree(root, walker.lines);
  }

  private static int lineOf(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? 0 : location.getLineNr();
  }

  private static String oneLine(String message) {
    if (message == null) {
      return PlanMessage.Part.SYNTAX_ERROR.text();
    }
    // SnakeYAML appends "in 'reader', line 3, column 13:" and an excerpt; the problem carries the line already.
    int cut = message.indexOf(" in 'reader'");
    String text = cut > 0 ? message.substring(0, cut) : message;
    return text.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private static final class Walker {
    private final String source;
    private final List<PlanProblem> problems;
    final Map<String, Integer> lines = new HashMap<>();

    Walker(String source, List<PlanProblem> problems) {
      this.source = source;
      this.problems = problems;
    }

    JsonNode value(JsonParser p, String path) throws IOException {
      if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
        problems.add(new PlanProblem(source, path, lineOf(p.currentTokenLocation()), PlanMessage.YAML_ALIAS.text()));
        p.skipChildren();
        return NullNode.getInstance();
      }
      JsonToken token = p.currentToken();
      switch (token) {
        case START_OBJECT:
          return object(p, path);
        case START_ARRAY:
          return array(p, path);
        case VALUE_STRING:
          return TextNode.valueOf(p.getText());
        case VALUE_NUMBER_INT:
          return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? BigIntegerNode.valueOf(p.getBigIntegerValue())
              : LongNode.valueOf(p.getLongValue());
        case VALUE_NUMBER_FLOAT:
          return DecimalNode.valueOf(p.getDecimalValue());
        case VALUE_TRUE:
        case VALUE_FALSE:
          // YAML 1.2, as JSON Schema authors expect: only true/false are booleans. Jackson follows YAML 1.1,
          // where yes/no/on/off/y/n are too, and a country code NO in an enum would silently become false.
          String text = p.getText();
          if (text != null && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            return TextNode.valueOf(text);
          }
          return BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
        case VALUE_NULL:
          return NullNode.getInstance();
        default:
          problems.add(new PlanProblem(source, path, lineOf(p.currentTokenLocation()),
              PlanMessage.UNSUPPORTED_VALUE.text(token)));
          p.skipChildren();
          return NullNode.getInstance();
      }
    }

    private JsonNode object(JsonParser p, String path) throws IOException {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String childPath = child(path, name);
        int line = lineOf(p.currentTokenLocation());
        p.nextToken();
        if (node.has(name)) {
          problems.add(new PlanProblem(source, childPath, line,
              PlanMessage.DUPLICATE_KEY.text(name, lines.get(childPath))));
          p.skipChildren();
          continue;
        }
        lines.put(childPath, line);
        node.set(name, value(p, childPath));
      }
      return node;
    }

    private JsonNode array(JsonParser p, String path) throws IOException {
      ArrayNode node = JsonNodeFactory.instance.arrayNode();
      int index = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String childPath = path + "[" + index++ + "]";
        lines.put(childPath, lineOf(p.currentTokenLocation()));
        node.add(value(p, childPath));
      }
      return node;
    }
  }
}
