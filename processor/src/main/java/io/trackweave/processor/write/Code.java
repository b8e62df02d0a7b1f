package io.trackweave.processor.write;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of generated Java, built with JavaPoet-like formats ({@code $L} literal, {@code $S} string
 * literal, {@code $T} type, {@code $$} a dollar sign) but rendered straight into text, once. JavaPoet
 * renders every file twice (once to collect imports) and was the processor's largest own cost; mappers
 * need nothing of it beyond this. Types of {@code io.trackweave.api} are written by simple name and
 * recorded in {@code imports}; every other type is written fully qualified, so no import can clash with a
 * user's type.
 *
 * <p>Statement code is kept as lines with an indent relative to the block that will contain it.
 */
final class Code {
  private static final String LANG = "java.lang.";

  private final List<String> lines; // each line starts with '\t' characters: its relative indent
  private final String inline; // an expression fragment: no lines

  private Code(List<String> lines, String inline) {
    this.lines = lines;
    this.inline = inline;
  }

  /** An expression fragment (no statement): use it as a {@code $L} argument. */
  static Code of(String format, Object... args) {
    return new Code(List.of(), format(format, args));
  }

  static Builder builder() {
    return new Builder();
  }

  boolean isEmpty() {
    return lines.isEmpty() && (inline == null || inline.isEmpty());
  }

  @Override
  public String toString() {
    return inline != null ? inline : String.join("\n", lines);
  }

  /** Appends the statements, indented {@code indent} levels (two spaces each). */
  void writeTo(StringBuilder out, int indent) {
    for (String line : lines) {
      int tabs = 0;
      while (tabs < line.length() && line.charAt(tabs) == '\t') {
        tabs++;
      }
      for (int i = 0; i < indent + tabs; i++) {
        out.append("  ");
      }
      out.append(line, tabs, line.length()).append('\n');
    }
  }

  static final class Builder {
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder(); // a statement being added piece by piece
    private int indent;

    /** Adds a fragment to the current statement, or (a statement block) its lines. */
    Builder add(String format, Object... args) {
      pending.append(format(format, args));
      return this;
    }

    Builder add(Code code) {
      if (code.inline != null) {
        pending.append(code.inline);
      } else {
        for (String line : code.lines) {
          lines.add("\t".repeat(indent) + line);
        }
      }
      return this;
    }

    Builder addStatement(String format, Object... args) {
      lines.add("\t".repeat(indent) + pending + format(format, args) + ";");
      pending.setLength(0);
      return this;
    }

    /** Ends the statement built with {@link #add(String, Object...)}. */
    Builder endStatement() {
      return addStatement("");
    }

    Builder beginControlFlow(String format, Object... args) {
      lines.add("\t".repeat(indent) + format(format, args) + " {");
      indent++;
      return this;
    }

    Builder nextControlFlow(String format, Object... args) {
      indent--;
      lines.add("\t".repeat(indent) + "} " + format(format, args) + " {");
      indent++;
      return this;
    }

    Builder endControlFlow() {
      indent--;
      lines.add("\t".repeat(indent) + "}");
      return this;
    }

    boolean isEmpty() {
      return lines.isEmpty() && pending.length() == 0;
    }

    Code build() {
      if (pending.length() > 0) {
        return new Code(List.of(), pending.toString());
      }
      return new Code(List.copyOf(lines), null);
    }
  }

  static String format(String format, Object[] args) {
    if (format.indexOf('$') < 0) {
      return format;
    }
    StringBuilder sb = new StringBuilder(format.length() + 32);
    int arg = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '$' || i + 1 == format.length()) {
        sb.append(c);
        continue;
      }
      char k = format.charAt(i + 1);
      switch (k) {
        case 'L' -> sb.append(args[arg++]);
        case 'S' -> sb.append(literal((String) args[arg++]));
        case 'T' -> sb.append(type(args[arg++]));
        case '$' -> sb.append('$');
        default -> {
          sb.append(c); // a '$' inside a name: not a placeholder
          continue;
        }
      }
      i++;
    }
    return sb.toString();
  }

  /** How a mapper names a type (see the class comment). */
  static String type(Object type) {
    if (type instanceof Class<?> c) {
      String name = c.getCanonicalName();
      return name.startsWith(LANG) && name.lastIndexOf('.') == LANG.length() - 1 ? c.getSimpleName() : name;
    }
    if (type instanceof ClassName c && (c.packageName().equals("io.trackweave.api") || c.packageName().equals("io.trackweave.api.internal"))) {
      return c.simpleName();
    }
    return type.toString(); // JavaPoet writes other type names fully qualified
  }

  /** A Java string literal. */
  static String literal(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
