package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.Device;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spool files outlive upgrades: {@code golden-v1.twspool} was written once by segment format 1 with
 * record version 1 and is never regenerated. Every later release must replay it exactly. A release
 * that changes the format bumps {@link Segment#FORMAT_VERSION} or {@link OperationCodec#VERSION}, adds a
 * new golden file beside this one and keeps reading this one (or refuses it, kept on disk, by design).
 *
 * <p>To write a golden file for a new format (never to overwrite an existing one):
 * {@code mvn -pl runtime -am verify -Dtest=GoldenSpoolTest -Dtrackweave.spool.writeGolden=<path>}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GoldenSpoolTest {
  static final String GOLDEN_V1 = "golden-v1.twspool";
  /**
   * Record version 2 (the object actions) in the same segment format 1, beside a version 1 record: a
   * segment mixes both, since a person's operations are still written as version 1.
   */
  static final String GOLDEN_V2 = "golden-v2.twspool";

  @TempDir Path dir;

  /** What golden-v1 holds, as literals: every action, identifier type, platform and value kind. */
  static List<Operation> goldenOperations() {
    Fields everyValue = Fields.builder(14)
        .put("string", "plain")
        .put("unicode", "é ✓ 😀 \u0000 lone \uD800 and \uDC00")
        .putValue("null", null)
        .put("true", true)
        .put("false", false)
        .put("long", Long.MIN_VALUE)
        .put("max", Long.MAX_VALUE)
        .put("double", -0.0)
        .put("pi", 3.141592653589793)
        .put("decimal", new BigDecimal("-12345678901234567890.000123"))
        .put("bigint", new BigInteger("98765432109876543210987654321"))
        .put("nested", Fields.builder(1).put("deep", Fields.builder(1).put("x", -1L).build()).build())
        .put("array", FieldArray.ofOwned(new Object[] {1L, "two", null, 2.5, false, Fields.EMPTY, FieldArray.EMPTY}))
        .put("empty", "")
        .build();
    Fields deviceAttributes = Fields.builder(1).put("app_version", "1.2.3").build();
    return List.of(
        Operation.restore(Action.IDENTIFY, new Person(IdentifierType.ID, "user-1", "anon-1"), null, null,
            Fields.builder(2).put("email", "a@example.com").put("plan", "pro").build(), 1_700_000_001L,
            0x0123_4567_89AB_CDEFL, 0x0FED_CBA9_8765_4321L, true, null, null, 101, null),
        Operation.restore(Action.EVENT, Person.identified(IdentifierType.EMAIL, "a/b+c@example.com"), null,
            "order_completed", everyValue, -5L, 0x0000_0000_0000_0001L, -1L, false, null, null, 777, null),
        Operation.restore(Action.ANONYMOUS_EVENT, Person.anonymous("guest-9"), null, "page_viewed", Fields.EMPTY,
            0L, 2L, 3L, false, null, null, 4, null),
        Operation.restore(Action.DELETE, Person.identified(IdentifierType.CIO_ID, "cio_03000001"), null, null,
            Fields.EMPTY, 1_700_000_004L, 4L, 5L, false, null, null, 6, null),
        Operation.restore(Action.SUPPRESS, Person.identified(IdentifierType.PHONE, "+15555550100"), null, null,
            Fields.EMPTY, 1_700_000_005L, 5L, 6L, false, null, null, 7, null),
        Operation.restore(Action.UNSUPPRESS, Person.identified(IdentifierType.ID, "user-2"), null, null,
            Fields.EMPTY, 1_700_000_006L, 6L, 7L, false, null, null, 8, null),
        Operation.restore(Action.ADD_DEVICE, Person.identified(IdentifierType.ID, "user-3"), null, null,
            deviceAttributes, 1_700_000_007L, 7L, 8L, false,
            new Device("ios-token", Device.Platform.IOS, 1_690_000_000L, deviceAttributes), "ios-token", 9, null),
        Operation.restore(Action.ADD_DEVICE, Person.identified(IdentifierType.ID, "user-3"), null, null,
            Fields.EMPTY, 1_700_000_008L, 8L, 9L, false,
            new Device(null, Device.Platform.ANDROID, -1L, Fields.EMPTY), null, 10, null),
        Operation.restore(Action.DELETE_DEVICE, Person.identified(IdentifierType.ID, "user-3"), null, null,
            Fields.EMPTY, 1_700_000_009L, 9L, 10L, false, null, "ios-token", 11, null),
        Operation.restore(Action.MERGE, Person.identified(IdentifierType.EMAIL, "keep@example.com"),
            Person.identified(IdentifierType.ID, "drop-1"), null, Fields.EMPTY, 1_700_000_010L, 10L, 11L, false,
            null, null, 12, null),
        Operation.restore(Action.EVENT, new Person(null, null, null), null, "no_identifiers", Fields.EMPTY,
            1_700_000_011L, 11L, 12L, false, null, null, 13, null));
  }

  /** What golden-v2 holds: every object action, with and without a person, and one person's identify. */
  static List<Operation> goldenV2Operations() {
    ObjectRef acme = ObjectRef.of("1", "acme ✓ \uD800");
    ObjectRef sub = ObjectRef.of("22", "sub-42");
    Person jane = Person.identified(IdentifierType.EMAIL, "jane@example.com");
    return List.of(
        Operation.restore(Action.OBJECT_IDENTIFY, null, null, null,
            Fields.builder(3).put("name", "Acme").put("seats", 50L).put("tags", FieldArray.ofOwned(new Object[] {"a", 1.5}))
                .build(), 1_700_000_100L, 100L, 101L, false, null, null, acme, 201, null),
        Operation.restore(Action.IDENTIFY, Person.identified(IdentifierType.ID, "user-1"), null, null,
            Fields.builder(1).put("plan", "pro").build(), 1_700_000_101L, 101L, 102L, false, null, null, 202, null),
        Operation.restore(Action.OBJECT_IDENTIFY, jane, null, null, Fields.EMPTY, 1_700_000_102L, 102L, 103L, false,
            null, null, sub, 203, null),
        Operation.restore(Action.ADD_RELATIONSHIPS, Person.identified(IdentifierType.CIO_ID, "cio_1"), null, null,
            Fields.builder(1).put("role", "admin").build(), 1_700_000_103L, 103L, 104L, false, null, null, acme, 204,
            null),
        Operation.restore(Action.DELETE_RELATIONSHIPS, jane, null, null, Fields.EMPTY, 1_700_000_104L, 104L, 105L,
            false, null, null, acme, 205, null),
        Operation.restore(Action.OBJECT_DELETE, null, null, null, Fields.EMPTY, 1_700_000_105L, 105L, 106L, false,
            null, null, sub, 206, null));
  }

  private static byte[] golden() throws IOException {
    return golden(GOLDEN_V1);
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = GoldenSpoolTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name + " on the test class path").isNotNull();
      return in.readAllBytes();
    }
  }

  private static DiskSpool open(Path dir, Ledger ledger) throws IOException {
    return DiskSpool.open(dir, ledger, 64L * 1024 * 1024, FsyncPolicy.NEVER, Duration.ofSeconds(1), 100,
        Duration.ofMillis(100), Duration.ofMillis(200), "trackweave-spool-golden");
  }

  @Test
  void aSpoolWrittenByFormatVersion1ReplaysFieldByField() throws Exception {
    byte[] golden = golden();
    assertThat(Segment.headerVersion(golden, 0)).isEqualTo(1);
    Files.write(dir.resolve(Segment.fileName(0)), golden);
    Ledger ledger = ledger();
    DiskSpool spool = open(dir, ledger);
    List<Operation> replayed = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (replayed.size() < goldenOperations().size() && System.nanoTime() < deadline) {
        spool.replay(replayed::add);
      }
      assertThat(spool.corruptSkipped()).isZero();
      assertThat(ledger.snapshot().droppedByReason()).isEmpty();
    } finally {
      spool.close();
    }
    List<Operation> expected = goldenOperations();
    assertThat(replayed).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Operation want = expected.get(i);
      Operation got = replayed.get(i);
      String at = "operation " + i + " (" + want.action() + ")";
      assertThat(got.action()).as(at).isEqualTo(want.action());
      assertThat(got.person()).as(at).isEqualTo(want.person());
      assertThat(got.secondary()).as(at).isEqualTo(want.secondary());
      assertThat(got.name()).as(at).isEqualTo(want.name());
      assertThat(got.fields()).as(at).isEqualTo(want.fields());
      assertThat(got.timestamp()).as(at).isEqualTo(want.timestamp());
      assertThat(got.idHigh()).as(at).isEqualTo(want.idHigh());
      assertThat(got.idLow()).as(at).isEqualTo(want.idLow());
      assertThat(got.id()).as(at).isEqualTo(want.id());
      assertThat(got.updateOnly()).as(at).isEqualTo(want.updateOnly());
      assertThat(got.device()).as(at).isEqualTo(want.device());
      assertThat(got.deviceToken()).as(at).isEqualTo(want.deviceToken());
      assertThat(got.estimatedBytes()).as(at).isEqualTo(want.estimatedBytes());
    }
    // spot checks in the file's own terms, so a wrong list above cannot hide a wrong reading
    assertThat(replayed.get(1).fields().get("decimal")).isEqualTo(new BigDecimal("-12345678901234567890.000123"));
    assertThat(replayed.get(6).device().platform()).isEqualTo(Device.Platform.IOS);
    assertThat(replayed.get(7).device().platform()).isEqualTo(Device.Platform.ANDROID);
    assertThat(replayed.get(9).secondary().type()).isEqualTo(IdentifierType.ID);
    assertThat(replayed.get(0).id()).isEqualTo(Operation.restore(Action.IDENTIFY, null, null, null, Fields.EMPTY, 0,
        0x0123_4567_89AB_CDEFL, 0x0FED_CBA9_8765_4321L, false, null, null, 0, null).id());
  }

  @Test
  void thisReleaseStillWritesFormatVersion1ByteForByte() throws Exception {
    // the reader must keep reading old files; this pins that the writer has not moved on unnoticed
    DiskSpool spool = open(dir, ledger());
    try {
      for (Operation op : goldenOperations()) {
        assertThat(spool.offerWhenFull(op)).isTrue();
      }
      assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
    } finally {
      spool.close();
    }
    assertThat(Files.readAllBytes(dir.resolve(Segment.fileName(0)))).isEqualTo(golden());
  }

  @Test
  void aSpoolWithRecordVersion2ReplaysItsObjectsFieldByField() throws Exception {
    byte[] golden = golden(GOLDEN_V2);
    assertThat(Segment.headerVersion(golden, 0)).isEqualTo(1); // the segment format did not change
    Files.write(dir.resolve(Segment.fileName(0)), golden);
    Ledger ledger = ledger();
    DiskSpool spool = open(dir, ledger);
    List<Operation> replayed = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (replayed.size() < goldenV2Operations().size() && System.nanoTime() < deadline) {
        spool.replay(replayed::add);
      }
      assertThat(spool.corruptSkipped()).isZero();
      assertThat(ledger.snapshot().droppedByReason()).isEmpty();
    } finally {
      spool.close();
    }
    List<Operation> expected = goldenV2Operations();
    assertThat(replayed).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Operation want = expected.get(i);
      Operation got = replayed.get(i);
      String at = "operation " + i + " (" + want.action() + ")";
      assertThat(got.action()).as(at).isEqualTo(want.action());
      assertThat(got.object()).as(at).isEqualTo(want.object());
      assertThat(got.person()).as(at).isEqualTo(want.person());
      assertThat(got.fields()).as(at).isEqualTo(want.fields());
      assertThat(got.timestamp()).as(at).isEqualTo(want.timestamp());
      assertThat(got.id()).as(at).isEqualTo(want.id());
      assertThat(got.estimatedBytes()).as(at).isEqualTo(want.estimatedBytes());
      assertThat(got.secondary()).as(at).isNull();
      assertThat(got.name()).as(at).isNull();
      assertThat(got.device()).as(at).isNull();
    }
    // spot checks in the file's own terms
    assertThat(replayed.get(0).object()).isEqualTo(ObjectRef.of("1", "acme ✓ \uD800"));
    assertThat(replayed.get(0).person()).isNull();
    assertThat(replayed.get(1).object()).isNull();
    assertThat(replayed.get(5).action()).isEqualTo(Action.OBJECT_DELETE);
  }

  @Test
  void thisReleaseWritesObjectsAsRecordVersion2ByteForByte() throws Exception {
    DiskSpool spool = open(dir, ledger());
    try {
      for (Operation op : goldenV2Operations()) {
        assertThat(spool.offerWhenFull(op)).isTrue();
      }
      assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
    } finally {
      spool.close();
    }
    assertThat(Files.readAllBytes(dir.resolve(Segment.fileName(0)))).isEqualTo(golden(GOLDEN_V2));
  }

  /** The version 2 generator: run once, commit the bytes, never run again. */
  @Test
  @EnabledIfSystemProperty(named = "trackweave.spool.writeGoldenV2", matches = ".+")
  void writeGoldenV2File() throws Exception {
    Path target = Path.of(System.getProperty("trackweave.spool.writeGoldenV2"));
    DiskSpool spool = open(dir, ledger());
    try {
      for (Operation op : goldenV2Operations()) {
        assertThat(spool.offerWhenFull(op)).isTrue();
      }
      assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
    } finally {
      spool.close();
    }
    Files.copy(dir.resolve(Segment.fileName(0)), target);
  }

  /** The generator: run once per new format, commit the bytes, never run again for that format. */
  @Test
  @EnabledIfSystemProperty(named = "trackweave.spool.writeGolden", matches = ".+")
  void writeGoldenFile() throws Exception {
    Path target = Path.of(System.getProperty("trackweave.spool.writeGolden"));
    DiskSpool spool = open(dir, ledger());
    try {
      for (Operation op : goldenOperations()) {
        assertThat(spool.offerWhenFull(op)).isTrue();
      }
      assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
    } finally {
      spool.close();
    }
    Files.copy(dir.resolve(Segment.fileName(0)), target);
  }
}
