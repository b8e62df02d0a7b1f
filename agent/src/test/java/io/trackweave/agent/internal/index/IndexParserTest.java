package io.trackweave.agent.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexParserTest {
  private static List<IndexEntry> parse(String text) throws Exception {
    return IndexParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
  }

  @Test
  void readsEntriesAndSkipsCommentsAndBrokenLines() throws Exception {
    List<IndexEntry> entries =
        parse(
            """
            # trackweave-index 1
            # a comment
            com.shop.Checkout confirm (Ljava/lang/String;)V com.shop.Checkout_confirm_TrackweaveMapper

            com.shop.Checkout broken line
            com.shop.Inner$Type run ()I com.shop.Inner$Type_run_TrackweaveMapper
            """);

    assertThat(entries)
        .containsExactly(
            new IndexEntry("com.shop.Checkout", "confirm", "(Ljava/lang/String;)V", "com.shop.Checkout_confirm_TrackweaveMapper"),
            new IndexEntry("com.shop.Inner$Type", "run", "()I", "com.shop.Inner$Type_run_TrackweaveMapper"));
    assertThat(entries.get(0).methodKey()).isEqualTo("confirm(Ljava/lang/String;)V");
  }

  @Test
  void indexGroupsByInternalNameAndDropsDuplicates() throws Exception {
    List<IndexEntry> entries = parse("a.B m ()V a.M\na.B m ()V a.M\na.B n ()V a.N\n");
    LoaderIndex index = LoaderIndex.of(entries);

    assertThat(index.entriesFor("a/B")).hasSize(2);
    assertThat(index.entriesFor("a/C")).isEmpty();
    assertThat(index.size()).isEqualTo(2);
  }
}
