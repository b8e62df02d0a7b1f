package io.trackweave.agent.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentLogTest {
  // strong reference: java.util.logging keeps loggers weakly
  private final Logger jul = Logger.getLogger("io.trackweave.agent");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level previousLevel;

  @BeforeEach
  void capture() {
    AgentLog.reset();
    previousLevel = jul.getLevel();
    capture.setLevel(Level.ALL);
    jul.addHandler(capture);
  }

  @AfterEach
  void release() {
    jul.removeHandler(capture);
    jul.setLevel(previousLevel);
    AgentLog.lookUp();
  }

  private List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  @Test
  void debugLinesBeforeTheLookUpAreHeldAndWrittenInOrderByIt() {
    jul.setLevel(Level.FINE);
    assertThat(AgentLog.isDebug()).isTrue();
    AgentLog.debug("wove a");
    AgentLog.debug("wove b");
    assertThat(records).isEmpty();

    AgentLog.lookUp();

    assertThat(messages()).containsExactly("wove a", "wove b");
    assertThat(AgentLog.isDebug()).isTrue();
    AgentLog.debug("wove c");
    assertThat(messages()).containsExactly("wove a", "wove b", "wove c");
  }

  @Test
  void heldLinesAreBounded() {
    jul.setLevel(Level.FINE);
    for (int i = 0; i < AgentLog.MAX_EARLY_DEBUG + 10; i++) {
      AgentLog.debug("line " + i);
    }
    AgentLog.lookUp();
    assertThat(messages()).hasSize(AgentLog.MAX_EARLY_DEBUG).startsWith("line 0").endsWith("line 63");
  }

  @Test
  void withDebugOffHeldLinesAreDroppedAndLaterOnesNotAskedFor() {
    jul.setLevel(Level.INFO);
    AgentLog.debug("wove a");
    AgentLog.lookUp();
    assertThat(records).isEmpty();
    assertThat(AgentLog.isDebug()).isFalse();
  }

  @Test
  void warningsAreWrittenAtOnceEvenBeforeTheLookUp() {
    jul.setLevel(Level.INFO);
    AgentLog.warning("could not weave x");
    assertThat(messages()).containsExactly("could not weave x");
  }
}
