package io.trackweave.runtime.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.Device;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OperationCodecTest {
  private final OperationCodec codec = new OperationCodec();

  private Operation roundTrip(Operation op) throws Exception {
    codec.encode(op);
    byte[] bytes = codec.toByteArray();
    return OperationCodec.decode(bytes, 0, bytes.length, null);
  }

  private static void assertSame(Operation a, Operation b) {
    assertThat(b.action()).isEqualTo(a.action());
    assertThat(b.person()).isEqualTo(a.person());
    assertThat(b.secondary()).isEqualTo(a.secondary());
    assertThat(b.name()).isEqualTo(a.name());
    assertThat(b.fields()).isEqualTo(a.fields());
    assertThat(b.timestamp()).isEqualTo(a.timestamp());
    assertThat(b.idHigh()).isEqualTo(a.idHigh());
    assertThat(b.idLow()).isEqualTo(a.idLow());
    assertThat(b.id()).isEqualTo(a.id());
    assertThat(b.updateOnly()).isEqualTo(a.updateOnly());
    assertThat(b.device()).isEqualTo(a.device());
    assertThat(b.deviceToken()).isEqualTo(a.deviceToken());
    assertThat(b.estimatedBytes()).isEqualTo(a.estimatedBytes());
    assertThat(b.object()).isEqualTo(a.object());
  }

  @Test
  void everyValueKindRoundTripsExactly() throws Exception {
    Fields nested = Fields.builder(2).put("deep", Fields.builder(1).put("x", -1L).build())
        .put("arr", FieldArray.ofOwned(new Object[] {1L, "two", null, 3.5, true, Fields.EMPTY, FieldArray.EMPTY}))
        .build();
    Fields props = Fields.builder(12)
        .put("s", "plain")
        .put("unicode", "é ✓ 😀 \u0000 \uD800 lone high, lone low \uDC00, reversed \uDC00\uD800")
        .put("long", Long.MIN_VALUE)
        .put("max", Long.MAX_VALUE)
        .put("double", -0.0)
        .put("tiny", Double.MIN_VALUE)
        .put("bool", false)
        .put("decimal", new BigDecimal("-12345678901234567890.000123"))
        .put("bigint", new BigInteger("-98765432109876543210987654321"))
        .put("zero", BigDecimal.ZERO)
        .putValue("null", null)
        .put("nested", nested)
        .build();
    Operation op = Operation.restore(Action.EVENT, new Person(IdentifierType.EMAIL, "a/b+c@x.io", "anon-1"), null,
        "order_completed", props, -5, 0x1234_5678_9ABC_DEF0L, -1L, false, null, null, 777, null);
    assertSame(op, roundTrip(op));
  }

  @Test
  void everyActionRoundTrips() throws Exception {
    Person p = Person.identified(IdentifierType.CIO_ID, "cio_1");
    Person q = Person.identified(IdentifierType.ID, "");
    Fields deviceAttrs = Fields.builder(1).put("app_version", "1.2").build();
    Operation[] ops = {
      Operation.restore(Action.IDENTIFY, p, null, null, Fields.builder(1).put("email", "x@y").build(), 1, 2, 3, true, null, null, 4, null),
      Operation.restore(Action.ANONYMOUS_EVENT, Person.anonymous(null), null, "guest", Fields.EMPTY, 1, 2, 3, false, null, null, 4, null),
      Operation.restore(Action.DELETE, p, null, null, Fields.EMPTY, 1, 2, 3, false, null, null, 4, null),
      Operation.restore(Action.SUPPRESS, p, null, null, Fields.EMPTY, 1, 2, 3, false, null, null, 4, null),
      Operation.restore(Action.UNSUPPRESS, p, null, null, Fields.EMPTY, 1, 2, 3, false, null, null, 4, null),
      Operation.restore(Action.ADD_DEVICE, p, null, null, deviceAttrs, 1, 2, 3, false,
          new Device("tok", Device.Platform.ANDROID, 1_700_000_000L, deviceAttrs), "tok", 4, null),
      Operation.restore(Action.DELETE_DEVICE, p, null, null, Fields.EMPTY, 1, 2, 3, false, null, "tok", 4, null),
      Operation.restore(Action.MERGE, p, q, null, Fields.EMPTY, 1, 2, 3, false, null, null, 4, null),
    };
    for (Operation op : ops) {
      assertSame(op, roundTrip(op));
    }
  }

  static Operation[] objectOperations() {
    Person p = Person.identified(IdentifierType.EMAIL, "jane@example.com");
    ObjectRef acme = ObjectRef.of("1", "acme/é ✓");
    return new Operation[] {
      Operation.restore(Action.OBJECT_IDENTIFY, null, null, null, Fields.builder(2).put("name", "Acme")
          .put("seats", 50L).build(), 1_700_000_000L, 2, 3, false, null, null, acme, 40, null),
      Operation.restore(Action.OBJECT_IDENTIFY, p, null, null, Fields.EMPTY, 1, 2, 3, false, null, null,
          ObjectRef.of("12", ""), 41, null),
      Operation.restore(Action.OBJECT_DELETE, null, null, null, Fields.EMPTY, 1, 2, 3, false, null, null, acme, 42,
          null),
      Operation.restore(Action.ADD_RELATIONSHIPS, p, null, null, Fields.builder(1).put("role", "admin").build(),
          1, 2, 3, false, null, null, acme, 43, null),
      Operation.restore(Action.DELETE_RELATIONSHIPS, Person.identified(IdentifierType.CIO_ID, "c1"), null, null,
          Fields.EMPTY, 1, 2, 3, false, null, null, acme, 44, null),
    };
  }

  @Test
  void objectActionsRoundTripAsVersion2RecordsWithTheirObject() throws Exception {
    for (Operation op : objectOperations()) {
      codec.encode(op);
      assertThat(codec.bytes()[0]).as(op.toString()).isEqualTo(OperationCodec.VERSION).isEqualTo((byte) 2);
      Operation back = roundTrip(op);
      assertSame(op, back);
      assertThat(back.object()).isNotNull();
    }
  }

  @Test
  void anObjectIsNeverReadFromAVersion1RecordNorAnObjectActionWithoutOne() throws Exception {
    codec.encode(objectOperations()[2]);
    byte[] asV1 = codec.toByteArray();
    asV1[0] = 1; // a version 1 reader's layout: it has no object
    assertThatThrownBy(() -> OperationCodec.decode(asV1, 0, asV1.length, null))
        .isInstanceOf(OperationCodec.Malformed.class).hasMessageContaining("version 1");
    codec.encode(SpoolFixtures.event("p", 7));
    byte[] event = codec.toByteArray();
    event[0] = 2;
    event[1] = 10; // OBJECT_DELETE without the object flag
    assertThatThrownBy(() -> OperationCodec.decode(event, 0, event.length, null))
        .isInstanceOf(OperationCodec.Malformed.class).hasMessageContaining("without its object");
    for (Operation op : objectOperations()) {
      codec.encode(op);
      byte[] good = codec.toByteArray();
      for (int cut = 0; cut < good.length; cut++) {
        byte[] torn = Arrays.copyOf(good, cut);
        assertThatThrownBy(() -> OperationCodec.decode(torn, 0, torn.length, null))
            .isInstanceOf(OperationCodec.Malformed.class);
      }
    }
  }

  @Test
  void damagedBytesAreMalformedNeverAnUncheckedException() throws Exception {
    codec.encode(SpoolFixtures.event("p", 7, "padding"));
    byte[] good = codec.toByteArray();
    for (int cut = 0; cut < good.length; cut++) {
      byte[] torn = Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> OperationCodec.decode(torn, 0, torn.length, null))
          .isInstanceOf(OperationCodec.Malformed.class);
    }
    byte[] future = good.clone();
    future[0] = 9;
    assertThatThrownBy(() -> OperationCodec.decode(future, 0, future.length, null))
        .isInstanceOf(OperationCodec.Malformed.class).hasMessageContaining("version");
  }

  @Test
  void enumsAreWrittenAsPinnedCodesNotOrdinals() throws Exception {
    // these numbers are in spool files on disk: never change one, never reuse one
    assertThat(java.util.Arrays.stream(Action.values()).map(a -> a + "=" + OperationCodec.actionCode(a)))
        .containsExactly("IDENTIFY=0", "EVENT=1", "ANONYMOUS_EVENT=2", "DELETE=3", "SUPPRESS=4", "UNSUPPRESS=5",
            "ADD_DEVICE=6", "DELETE_DEVICE=7", "MERGE=8", "OBJECT_IDENTIFY=9", "OBJECT_DELETE=10",
            "ADD_RELATIONSHIPS=11", "DELETE_RELATIONSHIPS=12");
    assertThat(java.util.Arrays.stream(IdentifierType.values()).map(t -> t + "=" + OperationCodec.typeCode(t)))
        .containsExactly("ID=0", "EMAIL=1", "CIO_ID=2", "PHONE=3");
    assertThat(java.util.Arrays.stream(Device.Platform.values()).map(p -> p + "=" + OperationCodec.platformCode(p)))
        .containsExactly("IOS=0", "ANDROID=1");
    for (Action a : Action.values()) {
      assertThat(OperationCodec.action(OperationCodec.actionCode(a))).isEqualTo(a);
    }
    for (IdentifierType t : IdentifierType.values()) {
      assertThat(OperationCodec.type(OperationCodec.typeCode(t))).isEqualTo(t);
    }
    for (Device.Platform p : Device.Platform.values()) {
      assertThat(OperationCodec.platform(OperationCodec.platformCode(p))).isEqualTo(p);
    }
    // the action code is the record's second byte
    codec.encode(Operation.restore(Action.MERGE, Person.identified(IdentifierType.PHONE, "+1"),
        Person.identified(IdentifierType.CIO_ID, "c"), null, Fields.EMPTY, 1, 2, 3, false, null, null, 4, null));
    byte[] merge = codec.toByteArray();
    assertThat(merge[0]).isEqualTo((byte) 1); // a person's operation is still a version 1 record
    assertThat(merge[1]).isEqualTo((byte) 8);
    assertThat(merge[3]).isEqualTo((byte) 3); // the person's identifier type: PHONE
  }

  @Test
  void unknownCodesAreMalformedAndANewerRecordVersionSaysSo() throws Exception {
    codec.encode(SpoolFixtures.event("p", 7));
    byte[] bytes = codec.toByteArray();
    bytes[1] = 99; // no action has code 99 (yet)
    assertThatThrownBy(() -> OperationCodec.decode(bytes, 0, bytes.length, null))
        .isInstanceOf(OperationCodec.Malformed.class).hasMessageContaining("action code 99")
        .satisfies(e -> assertThat(((OperationCodec.Malformed) e).newerVersion()).isZero());
    byte[] newer = codec.toByteArray();
    newer[0] = OperationCodec.VERSION + 1;
    assertThatThrownBy(() -> OperationCodec.decode(newer, 0, newer.length, null))
        .isInstanceOf(OperationCodec.Malformed.class)
        .satisfies(e -> assertThat(((OperationCodec.Malformed) e).newerVersion())
            .isEqualTo(OperationCodec.VERSION + 1));
    byte[] older = codec.toByteArray();
    older[0] = 0;
    assertThatThrownBy(() -> OperationCodec.decode(older, 0, older.length, null))
        .isInstanceOf(OperationCodec.Malformed.class)
        .satisfies(e -> assertThat(((OperationCodec.Malformed) e).newerVersion()).isZero());
  }

  @Test
  void refusesToWriteNestingBeyondItsDepth() {
    Fields f = Fields.EMPTY;
    for (int i = 0; i < OperationCodec.MAX_DEPTH + 5; i++) {
      f = Fields.builder(1).put("n", f).build();
    }
    Operation op = Operation.restore(Action.EVENT, Person.identified(IdentifierType.ID, "p"), null, "deep", f,
        1, 2, 3, false, null, null, 4, null);
    assertThatThrownBy(() -> codec.encode(op)).isInstanceOf(IllegalArgumentException.class);
  }
}
