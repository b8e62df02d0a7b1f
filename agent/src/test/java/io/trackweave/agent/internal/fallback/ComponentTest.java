package io.trackweave.agent.internal.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fallback names members exactly as the processor does (the shared {@code PropertyNames} vectors). */
class ComponentTest {
  public static final class Listing {
    public List<String> getImageURLs() {
      return List.of();
    }

    public List<String> getUserIDs() {
      return List.of();
    }

    public Boolean isFeatured() {
      return Boolean.TRUE;
    }

    public boolean isActive() {
      return true;
    }

    public String getURL() {
      return "u";
    }

    public String getfoo() { // not an accessor: no capital after "get"
      return "f";
    }

    public String isNamed() { // not a boolean
      return "n";
    }
  }

  public record Product(List<String> imageURLs, String unitPriceUSD, int line2Total) {}

  @Test
  void gettersAreNamedByTheSharedRule() {
    assertThat(Component.of(Listing.class))
        .extracting(c -> c.propertyName)
        .containsExactlyInAnyOrder("image_urls", "user_ids", "featured", "active", "url");
  }

  @Test
  void recordComponentsAreNamedByTheSharedRule() {
    assertThat(Component.of(Product.class))
        .extracting(c -> c.propertyName)
        .containsExactly("image_urls", "unit_price_usd", "line2_total");
  }
}
