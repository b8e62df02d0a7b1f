package io.trackweave.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plan's {@code normalize} on a string property is applied by the generated mapper before the value is
 * checked against the plan's enum and sent, so "Skin Care " and "skincare" cannot both reach a segment.
 */
class NormalizeTest {
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation c = Harness.compile("plans/normalize-plan.yaml", Harness.source("com.shop.Catalog",
        "package com.shop;",
        "import io.trackweave.annotations.*;",
        "public class Catalog {",
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String customerId, @Prop String category, @Prop String brand) {}",
        "}"));
    CompilationSubject.assertThat(c).succeeded();
    loader = Harness.load(c);
  }

  private static Method afterReturn() throws Exception {
    for (Method m : loader.loadClass("com.shop.Catalog_view_TrackweaveMapper").getMethods()) {
      if (m.getName().equals("afterReturn")) {
        return m;
      }
    }
    throw new AssertionError("no afterReturn");
  }

  @Test
  void valuesAreNormalisedBeforeTheyAreCheckedAndSent() throws Exception {
    Method view = afterReturn();
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      view.invoke(null, "c1", "  SkinCare ", " Acme   Labs ");
      view.invoke(null, "c1", "skincare", "acme labs");
      view.invoke(null, "c1", "Skin Care", null); // normalised to "skin care": not one of the plan's values
      assertThat(recorder.calls).containsExactly(
          "track person(id=c1, anon=null) product_viewed {\"category\":\"skincare\",\"brand\":\"acme labs\"} at=now",
          "track person(id=c1, anon=null) product_viewed {\"category\":\"skincare\",\"brand\":\"acme labs\"} at=now",
          "violation product_viewed category: value is not one of the plan's enum values [skincare, haircare]",
          "violation product_viewed category: required property is null or absent",
          "track person(id=c1, anon=null) product_viewed {} at=now");
    }
  }

  @Test
  void theMapperSaysWhatItAppliesInOnePlace() throws Exception {
    String source = Harness.compile("plans/normalize-plan.yaml", Harness.source("com.shop.Catalog",
            "package com.shop;",
            "import io.trackweave.annotations.*;",
            "public class Catalog {",
            "  @TrackEvent(\"product_viewed\")",
            "  public void view(@CustomerId String customerId, @Prop String category, @Prop String brand) {}",
            "}"))
        .generatedSourceFile("com.shop.Catalog_view_TrackweaveMapper").orElseThrow().getCharContent(true).toString();
    assertThat(source).contains("MapperSupport.normalized(category, \"trim,lowercase\")")
        .contains("MapperSupport.normalized(brand, \"trim,collapse_spaces,lowercase\")");
  }
}
