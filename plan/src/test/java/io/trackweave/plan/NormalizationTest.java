package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code normalize:} on string schemas: the model exposes it, the validator applies it before checking. */
class NormalizationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLAN = String.join("\n",
      "plan: shop",
      "version: 1",
      "identifier: id",
      "attributes:",
      "  skin_type: { type: string, normalize: [trim, lowercase], enum: [dry, oily] }",
      "events:",
      "  product_viewed:",
      "    schema:",
      "      type: object",
      "      properties:",
      "        category: { type: string, normalize: [trim, collapse_spaces, lowercase], enum: [skin care, hair] }",
      "        sku: { type: string, normalize: [uppercase], pattern: \"^[A-Z0-9-]+$\" }",
      "");

  @Test
  void theModelExposesTheSteps() throws Exception {
    TrackingPlan plan = PlanLoader.parse(PLAN, "plan.yaml");
    Schema category = plan.event("product_viewed").schema().properties().get("category");
    assertThat(category.normalize()).containsExactly(
        Normalization.TRIM, Normalization.COLLAPSE_SPACES, Normalization.LOWERCASE);
    assertThat(category.normalized("  Skin   Care ")).isEqualTo("skin care");
    assertThat(plan.attributes().get("skin_type").normalize())
        .containsExactly(Normalization.TRIM, Normalization.LOWERCASE);
    assertThat(plan.event("product_viewed").schema().normalize()).isEmpty();
  }

  @Test
  void theValidatorChecksTheNormalizedValue() throws Exception {
    PlanValidator validator = PlanValidator.of(PlanLoader.parse(PLAN, "plan.yaml"));
    assertThat(validator.event("product_viewed",
        JSON.readTree("{\"category\":\" Skin  CARE\",\"sku\":\"ab-1\"}"))).isEmpty();
    assertThat(validator.attributes(JSON.readTree("{\"skin_type\":\"  Oily \"}"))).isEmpty();
    List<Violation> violations =
        validator.event("product_viewed", JSON.readTree("{\"category\":\"Skincare \",\"sku\":\"a_1\"}"));
    assertThat(violations).extracting(Violation::path).containsExactly("category", "sku");
    assertThat(violations.get(0).message()).contains("'skincare'");
    assertThat(violations.get(1).message()).contains("'A_1'");
  }

  @Test
  void lintsTheSteps() {
    PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(String.join("\n",
        "plan: shop", //                                                               1
        "version: 1", //                                                               2
        "identifier: id", //                                                           3
        "attributes:", //                                                              4
        "  a: { type: string, normalize: [trim, lowercas] }", //                       5
        "  b: { type: integer, normalize: [trim] }", //                                6
        "  c: { type: string, normalize: trim }", //                                   7
        "  d: { type: string, normalize: [lowercase], enum: [Skin Care, hair] }", //   8
        "  e: { type: string, normalize: [lowercase, uppercase] }", //                 9
        "events: {}", //                                                               10
        ""), "plan.yaml"));
    assertThat(e.problems()).extracting(PlanProblem::key, PlanProblem::line).containsExactly(
        tuple("attributes.a.normalize[1]", 5),
        tuple("attributes.b.normalize", 6),
        tuple("attributes.c.normalize", 7),
        tuple("attributes.d.enum[0]", 8),
        tuple("attributes.e.normalize", 9));
    assertThat(e.problems().get(0).message()).contains("did you mean 'lowercase'");
    assertThat(e.problems().get(3).message()).contains("write it as 'skin care'");
  }
}
