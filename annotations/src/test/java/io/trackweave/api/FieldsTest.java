package io.trackweave.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Fields.Builder#putValue} is public API called from business code: it never throws for a value. */
class FieldsTest {
  @Test
  void aValueWhoseToStringThrowsIsKeptAsItIsNeverThrownIntoTheCaller() {
    Object broken = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    };
    Fields f = Fields.builder(1).putValue("broken", broken).putOptional("again", broken).build();
    assertThat(f.value(0)).isSameAs(broken);
    assertThat(f.value(1)).isSameAs(broken);
  }

  @Test
  void aCyclicOrVeryDeepCollectionDoesNotOverflowTheCallersStack() {
    List<Object> a = new ArrayList<>();
    List<Object> b = new ArrayList<>();
    a.add(b);
    b.add(a); // a cycle through two lists: AbstractCollection.toString recurses without end
    List<Object> deep = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      List<Object> outer = new ArrayList<>();
      outer.add(deep);
      deep = outer;
    }
    Fields f = Fields.builder(2).putValue("cycle", a).putValue("deep", deep).build();
    assertThat(f.value(0)).isSameAs(a);
    assertThat(f.value(1)).isSameAs(deep);
    assertThat(Fields.builder(1).putValue("list", List.of(1, "x")).build().value(0)).isEqualTo("[1, x]");
  }
}
