package io.trackweave.runtime.internal.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSegmentTest {
  @Test
  void onlyUnreservedCharactersStayAsTheyAre() {
    assertThat(PathSegment.encode("abc-XYZ_0.9~")).isEqualTo("abc-XYZ_0.9~");
    assertThat(PathSegment.encode("a/b")).isEqualTo("a%2Fb");
    assertThat(PathSegment.encode("a+b")).isEqualTo("a%2Bb");
    assertThat(PathSegment.encode("jane@example.com")).isEqualTo("jane%40example.com");
    assertThat(PathSegment.encode("two words")).isEqualTo("two%20words");
    assertThat(PathSegment.encode("José")).isEqualTo("Jos%C3%A9");
    assertThat(PathSegment.encode("100%")).isEqualTo("100%25");
    assertThat(PathSegment.encode("😀")).isEqualTo("%F0%9F%98%80");
  }

  @Test
  void dotSegmentsCannotClimbThePath() {
    assertThat(PathSegment.encode(".")).isEqualTo("%2E");
    assertThat(PathSegment.encode("..")).isEqualTo("%2E%2E");
    assertThat(PathSegment.encode("...")).isEqualTo("...");
  }
}
