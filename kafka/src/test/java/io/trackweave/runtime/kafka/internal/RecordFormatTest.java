package io.trackweave.runtime.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.spool.OperationCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The record format without a broker: keys, headers and values of people's and objects' operations. */
class RecordFormatTest {
  private final OperationCodec codec = new OperationCodec();

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static Operation op(Action action, Person person, ObjectRef object, Fields fields) {
    return Operation.restore(action, person, null, null, fields, 1_700_000_000L, 0x0123_4567_89ABL << 16, 7L, false,
        null, null, object, 64, null);
  }

  @Test
  void objectActionsAreCarriedAsVersion2RecordsKeyedByTheirPersonOrTheirObject() throws Exception {
    ObjectRef acme = ObjectRef.of("1", "acme");
    Person jane = Person.identified(IdentifierType.EMAIL, "jane@example.com");
    Operation[] ops = {
      op(Action.OBJECT_IDENTIFY, null, acme, Fields.builder(1).put("name", "Acme").build()),
      op(Action.OBJECT_IDENTIFY, jane, acme, Fields.EMPTY),
      op(Action.ADD_RELATIONSHIPS, jane, acme, Fields.builder(1).put("role", "admin").build()),
      op(Action.DELETE_RELATIONSHIPS, jane, acme, Fields.EMPTY),
      op(Action.OBJECT_DELETE, null, acme, Fields.EMPTY),
    };
    String[] keys = {"object:1:acme", "email:jane@example.com", "email:jane@example.com", "email:jane@example.com",
        "object:1:acme"};
    String[] actions = {"object_identify", "object_identify", "add_relationships", "delete_relationships",
        "object_delete"};
    for (int i = 0; i < ops.length; i++) {
      ProducerRecord<byte[], byte[]> record = RecordFormat.record("t", ops[i], codec);
      assertThat(text(record.key())).isEqualTo(keys[i]);
      assertThat(RecordFormat.header(record.headers(), RecordFormat.HEADER_VERSION))
          .isEqualTo(RecordFormat.OBJECT_VERSION_TEXT).isEqualTo("2");
      assertThat(RecordFormat.header(record.headers(), RecordFormat.HEADER_ACTION)).isEqualTo(actions[i]);
      assertThat(record.value()[0]).isEqualTo((byte) 2);
      Operation back = RecordFormat.decode(record.value(), null);
      assertThat(back.action()).isEqualTo(ops[i].action());
      assertThat(back.object()).isEqualTo(acme);
      assertThat(back.person()).isEqualTo(ops[i].person());
      assertThat(back.fields()).isEqualTo(ops[i].fields());
      assertThat(back.id()).isEqualTo(ops[i].id());
    }
  }

  @Test
  void aPersonsOperationIsStillAVersion1Record() throws Exception {
    Operation identify = op(Action.IDENTIFY, Person.identified(IdentifierType.ID, "42"), null, Fields.EMPTY);
    ProducerRecord<byte[], byte[]> record = RecordFormat.record("t", identify, codec);
    assertThat(text(record.key())).isEqualTo("id:42");
    assertThat(RecordFormat.header(record.headers(), RecordFormat.HEADER_VERSION))
        .isEqualTo(RecordFormat.VERSION_TEXT).isEqualTo("1");
    assertThat(record.value()[0]).isEqualTo((byte) 1);
    assertThat(RecordFormat.decode(record.value(), null).object()).isNull();
  }
}
