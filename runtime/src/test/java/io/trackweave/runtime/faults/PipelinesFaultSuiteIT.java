package io.trackweave.runtime.faults;

import static io.trackweave.runtime.faults.FaultSupport.ids;
import static io.trackweave.runtime.faults.FaultSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import org.junit.jupiter.api.Test;

/**
 * The whole fault suite (outage, 429 storm, timeouts, resets, 500s, spill order) over the Data Pipelines
 * API, counted by {@code messageId}; partial failures as that API has them: a strict-mode 400 for a batch
 * holding an invalid call, which names no call.
 */
class PipelinesFaultSuiteIT extends FaultSuiteIT {
  @Override
  void api(TrackweaveConfig.Builder b) {
    b.apiVersion(ApiVersion.PIPELINES).pipelinesApiKey("fault-pipelines-key");
  }

  @Test
  @Override
  void partialFailures207RejectExactlyTheItemsNamed() {
    // no 207 here: a 400 refuses the whole batch; halving it isolates the invalid calls, the rest go
    api.plan = n -> new FaultyTrackApi.Partial(100);
    int calls = 5000;
    try (TrackweaveRuntime runtime = runtime(b -> {})) {
      send(runtime, 0, calls, 37);
      MetricsSnapshot m = runToQuiet(runtime, calls);
      assertThat(api.lost(ids(0, calls, i -> i % 100 != 0))).isZero();
      assertThat(api.doubled()).isZero();
      assertThat(m.rejectedByReason()).containsEntry("bad_request", calls / 100L);
      assertThat(m.delivered()).isEqualTo(calls - calls / 100L);
    }
  }
}
