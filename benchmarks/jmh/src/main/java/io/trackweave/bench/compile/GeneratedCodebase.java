package io.trackweave.bench.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated code base for the compile-time benchmark: {@code classes} service classes with
 * {@code methodsPerClass} {@code @TrackEvent} methods each (records as payloads, one order and one
 * line-item record per service), and a tracking plan with one matching event per method.
 */
public final class GeneratedCodebase {
  private final List<Path> sources;
  private final Path plan;

  private GeneratedCodebase(List<Path> sources, Path plan) {
    this.sources = sources;
    this.plan = plan;
  }

  public List<Path> sources() {
    return sources;
  }

  public Path plan() {
    return plan;
  }

  public static GeneratedCodebase write(Path root, int classes, int methodsPerClass) {
    try {
      Path src = root.resolve("src");
      List<Path> sources = new ArrayList<>();
      StringBuilder plan = new StringBuilder();
      plan.append("plan: generated-benchmark\nversion: 1\nidentifier: id\n\n");
      plan.append("attributes:\n  email: { type: string, format: email }\n\n");
      plan.append("events:\n");
      // a nullness annotation, as clean code has on values a required property reads (otherwise the
      // processor rightly warns that they may be null)
      sources.add(write(src.resolve("bench/NonNull.java"),
          "package bench;\n\nimport java.lang.annotation.*;\n\n"
              + "@Retention(RetentionPolicy.CLASS)\n"
              + "@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD})\n"
              + "public @interface NonNull {}\n"));
      for (int c = 0; c < classes; c++) {
        String n = String.format("%03d", c);
        String pkg = "bench.shop" + n;
        Path dir = src.resolve("bench").resolve("shop" + n);
        Files.createDirectories(dir);
        sources.add(write(dir.resolve("Line" + n + ".java"),
            "package " + pkg + ";\n\n"
                + "import bench.NonNull;\n\n"
                + "public record Line" + n + "(@NonNull String sku, @NonNull String productName, int quantity, double unitPrice,\n"
                + "    String category) {}\n"));
        sources.add(write(dir.resolve("Order" + n + ".java"),
            "package " + pkg + ";\n\n"
                + "import bench.NonNull;\nimport java.util.List;\n\n"
                + "public record Order" + n + "(@NonNull String orderId, double revenue, @NonNull String currency,\n"
                + "    boolean firstOrder, @NonNull List<Line" + n + "> items) {}\n"));
        StringBuilder service = new StringBuilder();
        service.append("package ").append(pkg).append(";\n\n")
            .append("import bench.NonNull;\n")
            .append("import io.trackweave.annotations.CustomerId;\n")
            .append("import io.trackweave.annotations.Payload;\n")
            .append("import io.trackweave.annotations.Prop;\n")
            .append("import io.trackweave.annotations.TrackEvent;\n\n")
            .append("public class Service").append(n).append(" {\n");
        for (int m = 0; m < methodsPerClass; m++) {
          String event = "evt_" + n + "_" + m;
          if (m % 2 == 0) {
            // payload record: every component becomes a property
            service.append("  @TrackEvent(\"").append(event).append("\")\n")
                .append("  public Order").append(n).append(" step").append(m)
                .append("(@CustomerId String customerId, @NonNull @Payload Order").append(n).append(" order) {\n")
                .append("    return order;\n  }\n\n");
          } else {
            // properties from parameters, with a record list inside
            service.append("  @TrackEvent(\"").append(event).append("\")\n")
                .append("  public void step").append(m)
                .append("(@CustomerId String customerId, @NonNull @Prop(\"order_id\") String orderId,\n")
                .append("      @Prop(\"revenue\") double revenue, @NonNull @Prop(\"currency\") String currency,\n")
                .append("      @Prop(\"first_order\") boolean firstOrder, @NonNull @Prop(\"items\") java.util.List<Line")
                .append(n).append("> items) {\n  }\n\n");
          }
          plan.append("  ").append(event).append(":\n")
              .append("    description: generated event ").append(m).append(" of service ").append(n).append(".\n");
          if (m % 3 == 0) {
            plan.append("    dedupe: order_id\n");
          }
          plan.append("    schema:\n")
              .append("      type: object\n")
              .append("      required: [order_id, revenue, currency, items]\n")
              .append("      additionalProperties: false\n")
              .append("      properties:\n")
              .append("        order_id:    { type: string, minLength: 1 }\n")
              .append("        revenue:     { type: number, minimum: 0 }\n")
              .append("        currency:    { type: string, enum: [USD, EUR, GBP] }\n")
              .append("        first_order: { type: boolean }\n")
              .append("        items:\n")
              .append("          type: array\n")
              .append("          minItems: 1\n")
              .append("          items: { $ref: \"#/$defs/line_item\" }\n");
        }
        service.append("}\n");
        sources.add(write(dir.resolve("Service" + n + ".java"), service.toString()));
      }
      plan.append("\n$defs:\n")
          .append("  line_item:\n")
          .append("    type: object\n")
          .append("    required: [sku, product_name, quantity, unit_price]\n")
          .append("    additionalProperties: false\n")
          .append("    properties:\n")
          .append("      sku:          { type: string, minLength: 1 }\n")
          .append("      product_name: { type: string }\n")
          .append("      quantity:     { type: integer, minimum: 1 }\n")
          .append("      unit_price:   { type: number, minimum: 0 }\n")
          .append("      category:     { type: string }\n");
      Path planFile = write(root.resolve("tracking-plan.yaml"), plan.toString());
      return new GeneratedCodebase(List.copyOf(sources), planFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
