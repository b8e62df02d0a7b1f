package io.trackweave.runtime.internal.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipTest {
  @Test
  void itsOutputIsStandardGzipAndTheInstanceIsReusable() throws Exception {
    Gzip gzip = new Gzip(16);
    for (String text : new String[] {"{\"batch\":[]}", "x".repeat(100_000), ""}) {
      byte[] in = text.getBytes(StandardCharsets.UTF_8);
      GrowableBytes out = gzip.begin().write(in, 0, in.length).finish();
      try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
        assertThat(new String(z.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
      }
    }
    gzip.close();
  }
}
