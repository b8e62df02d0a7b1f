package io.trackweave.runtime.internal.spool;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.ValueKind;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.Device;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The spool's compact binary form of one {@link Operation}: a version byte, then the fields in a fixed
 * order with varints and tagged values. Strings are written char by char (CESU-8 style) so every Java
 * string round-trips exactly, lone surrogates included. Not thread-safe: one per thread.
 *
 * <p>Spool files outlive upgrades, so every enum is written as an explicit code from the tables below,
 * never as its ordinal: reordering or inserting a constant must not change what an old file means. A
 * new constant needs a new code here (the switches are exhaustive, so it does not compile without
 * one); a code, once written by a release, is never reused. {@code GoldenSpoolTest} reads a file written
 * by format version 1 and fails when these bytes stop meaning what they meant.
 */
public final class OperationCodec {
  /**
   * The newest record version this release reads and writes; a reader skips (and counts) records of
   * versions it does not know. Version 2 added the object actions and their {@link ObjectRef}; a record
   * that has no object is still written as version 1, byte for byte as before, so older releases keep
   * reading what they can and recognise (and keep) what they cannot.
   */
  public static final byte VERSION = 2;
  /** The version of a record with no object: the layout every release since the first reads. */
  static final byte VERSION_1 = 1;
  /** Nesting deeper than this is not written (capture already rejects it). */
  public static final int MAX_DEPTH = 128;

  /** Person present with no identifier type; {@link #NO_PERSON}: no person at all. */
  private static final int NO_IDENTIFIER_TYPE = 0xFE;
  private static final int NO_PERSON = 0xFF;

  private static final int T_NULL = 0;
  private static final int T_STRING = 1;
  private static final int T_TRUE = 2;
  private static final int T_FALSE = 3;
  private static final int T_LONG = 4;
  private static final int T_DOUBLE = 5;
  private static final int T_DECIMAL = 6;
  private static final int T_BIGINT = 7;
  private static final int T_FIELDS = 8;
  private static final int T_ARRAY = 9;

  private static final int F_UPDATE_ONLY = 1;
  private static final int F_SECONDARY = 2;
  private static final int F_NAME = 4;
  private static final int F_DEVICE = 8;
  private static final int F_DEVICE_TOKEN = 16;
  /** Version 2: the object's type id and id follow the device token. */
  private static final int F_OBJECT = 32;

  /** Thrown when bytes do not decode to an operation (a record from a newer version, or damage). */
  public static final class Malformed extends Exception {
    private final int newerVersion;

    Malformed(String message) {
      this(message, 0);
    }

    private Malformed(String message, int newerVersion) {
      super(message, null, false, false);
      this.newerVersion = newerVersion;
    }

    /** The record's version when it is newer than {@link #VERSION} (a later release wrote it), else 0. */
    public int newerVersion() {
      return newerVersion;
    }
  }

  private byte[] buf = new byte[4096];
  private int len;

  /** Encodes {@code op}; the bytes are valid until the next call ({@link #bytes()}, {@link #length()}). */
  public void encode(Operation op) {
    len = 0;
    int flags = (op.updateOnly() ? F_UPDATE_ONLY : 0)
        | (op.secondary() != null ? F_SECONDARY : 0)
        | (op.name() != null ? F_NAME : 0)
        | (op.device() != null ? F_DEVICE : 0)
        | (op.deviceToken() != null ? F_DEVICE_TOKEN : 0)
        | (op.object() != null ? F_OBJECT : 0);
    byte1(op.object() != null ? VERSION : VERSION_1);
    byte1(actionCode(op.action()));
    byte1(flags);
    person(op.person());
    if (op.secondary() != null) {
      person(op.secondary());
    }
    if (op.name() != null) {
      string(op.name());
    }
    varlong(zigzag(op.timestamp()));
    fixed64(op.idHigh());
    fixed64(op.idLow());
    varlong(op.estimatedBytes());
    if (op.device() != null) {
      Device d = op.device();
      nullableString(d.token());
      byte1(platformCode(d.platform()));
      varlong(zigzag(d.lastUsed()));
      fields(d.attributes(), 1);
    }
    if (op.deviceToken() != null) {
      string(op.deviceToken());
    }
    if (op.object() != null) {
      string(op.object().typeId());
      string(op.object().id());
    }
    fields(op.fields(), 1);
  }

  public byte[] bytes() {
    return buf;
  }

  public int length() {
    return len;
  }

  /** A copy of the last encoding. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  // ---- stable codes (0-8 since format version 1, 9-12 since 2; never renumber, never reuse) ----

  static int actionCode(Action action) {
    return switch (action) {
      case IDENTIFY -> 0;
      case EVENT -> 1;
      case ANONYMOUS_EVENT -> 2;
      case DELETE -> 3;
      case SUPPRESS -> 4;
      case UNSUPPRESS -> 5;
      case ADD_DEVICE -> 6;
      case DELETE_DEVICE -> 7;
      case MERGE -> 8;
      // version 2
      case OBJECT_IDENTIFY -> 9;
      case OBJECT_DELETE -> 10;
      case ADD_RELATIONSHIPS -> 11;
      case DELETE_RELATIONSHIPS -> 12;
    };
  }

  static Action action(int code) throws Malformed {
    return switch (code) {
      case 0 -> Action.IDENTIFY;
      case 1 -> Action.EVENT;
      case 2 -> Action.ANONYMOUS_EVENT;
      case 3 -> Action.DELETE;
      case 4 -> Action.SUPPRESS;
      case 5 -> Action.UNSUPPRESS;
      case 6 -> Action.ADD_DEVICE;
      case 7 -> Action.DELETE_DEVICE;
      case 8 -> Action.MERGE;
      case 9 -> Action.OBJECT_IDENTIFY;
      case 10 -> Action.OBJECT_DELETE;
      case 11 -> Action.ADD_RELATIONSHIPS;
      case 12 -> Action.DELETE_RELATIONSHIPS;
      default -> throw new Malformed("unknown action code " + code);
    };
  }

  static int typeCode(IdentifierType type) {
    return switch (type) {
      case ID -> 0;
      case EMAIL -> 1;
      case CIO_ID -> 2;
      case PHONE -> 3;
    };
  }

  static IdentifierType type(int code) throws Malformed {
    return switch (code) {
      case 0 -> IdentifierType.ID;
      case 1 -> IdentifierType.EMAIL;
      case 2 -> IdentifierType.CIO_ID;
      case 3 -> IdentifierType.PHONE;
      default -> throw new Malformed("unknown identifier type code " + code);
    };
  }

  static int platformCode(Device.Platform platform) {
    return switch (platform) {
      case IOS -> 0;
      case ANDROID -> 1;
    };
  }

  static Device.Platform platform(int code) throws Malformed {
    return switch (code) {
      case 0 -> Device.Platform.IOS;
      case 1 -> Device.Platform.ANDROID;
      default -> throw new Malformed("unknown platform code " + code);
    };
  }

  // ---- writing ----

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  private void byte1(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  private void fixed64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[len++] = (byte) (v >>> (i * 8));
    }
  }

  private void varlong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private void bytesField(byte[] b) {
    varlong(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void string(String s) {
    int n = s.length();
    varlong(n);
    ensure(n * 3);
    byte[] b = buf;
    int p = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    len = p;
  }

  private void nullableString(String s) {
    if (s == null) {
      byte1(0);
    } else {
      byte1(1);
      string(s);
    }
  }

  private void person(Person p) {
    if (p == null) {
      byte1(NO_PERSON);
      return;
    }
    byte1(p.type() == null ? NO_IDENTIFIER_TYPE : typeCode(p.type()));
    nullableString(p.id());
    nullableString(p.anonymousId());
  }

  private void fields(Fields f, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
    }
    int n = f == null ? 0 : f.size();
    varlong(n);
    for (int i = 0; i < n; i++) {
      string(f.name(i));
      value(f.value(i), depth);
    }
  }

  private void value(Object v, int depth) {
    switch (ValueKind.of(v)) {
      case NULL -> byte1(T_NULL);
      case STRING -> {
        byte1(T_STRING);
        string((String) v);
      }
      case BOOLEAN -> byte1((Boolean) v ? T_TRUE : T_FALSE);
      case LONG, SMALL_INTEGER -> {
        byte1(T_LONG);
        varlong(zigzag(((Number) v).longValue()));
      }
      case DOUBLE, FLOAT -> {
        byte1(T_DOUBLE);
        fixed64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
      }
      case FIELDS -> {
        byte1(T_FIELDS);
        fields((Fields) v, depth + 1);
      }
      case FIELD_ARRAY -> {
        FieldArray a = (FieldArray) v;
        if (depth + 1 > MAX_DEPTH) {
          throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        byte1(T_ARRAY);
        varlong(a.size());
        for (int i = 0; i < a.size(); i++) {
          value(a.get(i), depth + 1);
        }
      }
      case BIG_DECIMAL -> {
        BigDecimal d = (BigDecimal) v;
        byte1(T_DECIMAL);
        varlong(zigzag(d.scale()));
        bytesField(d.unscaledValue().toByteArray());
      }
      case BIG_INTEGER -> {
        byte1(T_BIGINT);
        bytesField(((BigInteger) v).toByteArray());
      }
      case ENUM, TEXT, OTHER_NUMBER, OTHER -> {
        // anything else is sent as its text, as the JSON encoder does
        byte1(T_STRING);
        string(v.toString());
      }
    }
  }

  // ---- reading ----

  /** Decodes one record's bytes; {@code receipt} goes into the restored operation. */
  public static Operation decode(byte[] b, int off, int length, Operation.Receipt receipt) throws Malformed {
    Reader r = new Reader(b, off, off + length);
    try {
      int version = r.u8();
      if (version > VERSION) {
        throw new Malformed("record version " + version + " is newer than this release reads (" + VERSION + ")",
            version);
      }
      if (version != VERSION && version != VERSION_1) {
        throw new Malformed("unknown record version " + version);
      }
      Action action = action(r.u8());
      int flags = r.u8();
      if (version == VERSION_1 && ((flags & F_OBJECT) != 0 || action.aboutObject())) {
        throw new Malformed("an object in a version 1 record");
      }
      if (version == VERSION && action.aboutObject() != ((flags & F_OBJECT) != 0)) {
        throw new Malformed(action.aboutObject() ? "an object action without its object" : "an object on " + action);
      }
      Person person = r.person();
      Person secondary = (flags & F_SECONDARY) != 0 ? r.person() : null;
      String name = (flags & F_NAME) != 0 ? r.string() : null;
      long timestamp = unzigzag(r.varlong());
      long high = r.fixed64();
      long low = r.fixed64();
      int estimated = (int) Math.min(Integer.MAX_VALUE, r.varlong());
      Device device = null;
      if ((flags & F_DEVICE) != 0) {
        String token = r.nullableString();
        Device.Platform platform = platform(r.u8());
        long lastUsed = unzigzag(r.varlong());
        Fields attributes = r.fields(1);
        device = new Device(token, platform, lastUsed, attributes);
      }
      String deviceToken = (flags & F_DEVICE_TOKEN) != 0 ? r.string() : null;
      ObjectRef object = (flags & F_OBJECT) != 0 ? new ObjectRef(r.string(), r.string()) : null;
      Fields fields = r.fields(1);
      if (r.pos != r.end) {
        throw new Malformed("trailing bytes");
      }
      return Operation.restore(action, person, secondary, name, fields, timestamp, high, low,
          (flags & F_UPDATE_ONLY) != 0, device, deviceToken, object, estimated, receipt);
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException | NullPointerException
        | ArithmeticException | NegativeArraySizeException e) {
      throw new Malformed("malformed record: " + e);
    }
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static final class Reader {
    final byte[] b;
    int pos;
    final int end;

    Reader(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    int u8() throws Malformed {
      if (pos >= end) {
        throw new Malformed("truncated");
      }
      return b[pos++] & 0xFF;
    }

    long fixed64() throws Malformed {
      if (pos + 8 > end) {
        throw new Malformed("truncated");
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (b[pos++] & 0xFF);
      }
      return v;
    }

    long varlong() throws Malformed {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = u8();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new Malformed("varint too long");
    }

    int count() throws Malformed {
      long n = varlong();
      if (n < 0 || n > end - pos) {
        throw new Malformed("count out of range");
      }
      return (int) n;
    }

    String string() throws Malformed {
      int n = count();
      char[] out = new char[n];
      for (int i = 0; i < n; i++) {
        int c = u8();
        if (c < 0x80) {
          out[i] = (char) c;
        } else if ((c & 0xE0) == 0xC0) {
          out[i] = (char) (((c & 0x1F) << 6) | (u8() & 0x3F));
        } else if ((c & 0xF0) == 0xE0) {
          out[i] = (char) (((c & 0x0F) << 12) | ((u8() & 0x3F) << 6) | (u8() & 0x3F));
        } else {
          throw new Malformed("bad string byte");
        }
      }
      return new String(out);
    }

    String nullableString() throws Malformed {
      int present = u8();
      if (present == 0) {
        return null;
      }
      if (present != 1) {
        throw new Malformed("bad presence byte");
      }
      return string();
    }

    byte[] byteArray() throws Malformed {
      int n = count();
      byte[] out = Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    Person person() throws Malformed {
      int code = u8();
      if (code == NO_PERSON) {
        return null;
      }
      IdentifierType t = code == NO_IDENTIFIER_TYPE ? null : type(code);
      String id = nullableString();
      String anonymous = nullableString();
      return new Person(t, id, anonymous);
    }

    Fields fields(int depth) throws Malformed {
      if (depth > MAX_DEPTH) {
        throw new Malformed("nested too deep");
      }
      int n = count();
      if (n == 0) {
        return Fields.EMPTY;
      }
      Fields.Builder fb = Fields.builder(n);
      for (int i = 0; i < n; i++) {
        String name = string();
        fb.putValue(name, value(depth)); // every value read back is one of the kinds Fields holds
      }
      return fb.build();
    }

    Object value(int depth) throws Malformed {
      int tag = u8();
      switch (tag) {
        case T_NULL:
          return null;
        case T_STRING:
          return string();
        case T_TRUE:
          return Boolean.TRUE;
        case T_FALSE:
          return Boolean.FALSE;
        case T_LONG:
          return unzigzag(varlong());
        case T_DOUBLE:
          return Double.longBitsToDouble(fixed64());
        case T_DECIMAL: {
          int scale = (int) unzigzag(varlong());
          byte[] unscaled = byteArray();
          return new BigDecimal(unscaled.length == 0 ? BigInteger.ZERO : new BigInteger(unscaled), scale);
        }
        case T_BIGINT: {
          byte[] v = byteArray();
          return v.length == 0 ? BigInteger.ZERO : new BigInteger(v);
        }
        case T_FIELDS:
          return fields(depth + 1);
        case T_ARRAY: {
          if (depth + 1 > MAX_DEPTH) {
            throw new Malformed("nested too deep");
          }
          int n = count();
          Object[] elements = new Object[n];
          for (int i = 0; i < n; i++) {
            elements[i] = value(depth + 1);
          }
          return FieldArray.ofOwned(elements);
        }
        default:
          throw new Malformed("unknown value tag " + tag);
      }
    }
  }
}
