package io.trackweave.agent.internal.advice;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves one method so that it reports its outcome to its mapper, and changes nothing else:
 *
 * <pre>{@code
 * Object[] args = {boxed parameters};                     // at entry, before the body can reassign them
 * try {
 *   <body, each `return v` becoming:>
 *       T value = v;
 *       try { MapperDispatch.exit(Mapper.class, args, box(value), null); } catch (Throwable ignored) {}
 *       return value;
 * } catch (Throwable thrown) {
 *   try { MapperDispatch.exit(Mapper.class, args, null, thrown); } catch (Throwable ignored) {}
 *   throw thrown;                                          // the same instance
 * }
 * }</pre>
 *
 * (for the fallback, {@code FallbackDispatch.exit(Owner.class, "name(descriptor)", args, result, thrown)}).
 * The dispatchers catch everything themselves; the guards here also keep a {@link LinkageError} of the
 * call site (a mapper or dispatcher class the loader cannot see) out of the method.
 *
 * <p>Frames are written here, never computed: computing them would need the common super class of
 * application types, i.e. loading classes through the application's loader from inside a transformer.
 * Two new locals sit above the method's own ({@code max_locals}, read by {@link WeavePlan}): the
 * argument array, which every frame of the body gains, and the return value or the thrown exception.
 * Every handler this adds declares all the method's own locals as {@code TOP}, so it claims nothing
 * about them; the handlers and their frames sit after the body, outside the method's own exception
 * ranges. The guards of the return sites come first in the exception table (registered in {@link
 * #visitCode()}, which is why the plan counts the return instructions), so a method's own handler whose
 * range spans a {@code return} cannot catch a failing dispatch; the body's catch-all comes last, so the
 * method's own handlers, nested in it, keep precedence. A return site keeps whatever the stack holds
 * below the return value.
 *
 * <p>Expects expanded frames ({@code ClassReader.EXPAND_FRAMES}) and a class file version of 51 or more.
 */
final class ExitDispatchWeaver extends MethodVisitor {
  static final String MAPPER_DISPATCH = "io/trackweave/api/internal/MapperDispatch";
  static final String MAPPER_EXIT =
      "(Ljava/lang/Class;[Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V";
  static final String FALLBACK_DISPATCH = "io/trackweave/agent/internal/fallback/FallbackDispatch";
  static final String FALLBACK_EXIT =
      "(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V";
  private static final String OBJECTS = "[Ljava/lang/Object;";
  private static final String THROWABLE = "java/lang/Throwable";
  /** The most the dispatch sequences push: class, key, args, a long/double result before boxing. */
  private static final int EXTRA_STACK = 5;

  private final String owner;
  private final String methodKey;
  private final String mapper; // null: the reflective fallback
  private final boolean isStatic;
  private final Type[] parameters;
  private final Type returnType;
  private final int argsSlot;
  private final int valueSlot; // the return value, or (on the throw path) the exception
  private final Label[] callStarts;
  private final Label[] callEnds;
  private final Label returnCallFailed = new Label();
  private final Label body = new Label();
  private final Label bodyEnd = new Label();
  private final Label thrown = new Label();
  private final Label throwCallStart = new Label();
  private final Label throwCallEnd = new Label();
  private final Label throwCallFailed = new Label();
  private int returnSite;

  ExitDispatchWeaver(
      MethodVisitor next, int access, String owner, String name, String descriptor, WeavePlan.Target target) {
    super(Opcodes.ASM9, next);
    this.owner = owner;
    this.methodKey = name + descriptor;
    this.mapper = target.mapper;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.parameters = Type.getArgumentTypes(descriptor);
    this.returnType = Type.getReturnType(descriptor);
    this.argsSlot = target.maxLocals;
    this.valueSlot = target.maxLocals + 1;
    this.callStarts = new Label[target.returns];
    this.callEnds = new Label[target.returns];
    for (int i = 0; i < target.returns; i++) {
      callStarts[i] = new Label();
      callEnds[i] = new Label();
    }
  }

  @Override
  public void visitCode() {
    super.visitCode();
    // first in the exception table: nothing of the method's own may catch what a dispatch throws
    for (int i = 0; i < callStarts.length; i++) {
      super.visitTryCatchBlock(callStarts[i], callEnds[i], returnCallFailed, THROWABLE);
    }
    super.visitTryCatchBlock(throwCallStart, throwCallEnd, throwCallFailed, THROWABLE);
    captureArguments();
    super.visitLabel(body);
  }

  private void captureArguments() {
    push(parameters.length);
    super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < parameters.length; i++) {
      Type parameter = parameters[i];
      super.visitInsn(Opcodes.DUP);
      push(i);
      super.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
      box(parameter);
      super.visitInsn(Opcodes.AASTORE);
      slot += parameter.getSize();
    }
    super.visitVarInsn(Opcodes.ASTORE, argsSlot);
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
      super.visitInsn(opcode);
      return;
    }
    if (returnSite == callStarts.length) {
      throw new IllegalStateException(methodKey + " has more return instructions than planned");
    }
    boolean value = returnType.getSort() != Type.VOID;
    if (value) {
      super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), valueSlot);
    }
    super.visitLabel(callStarts[returnSite]);
    dispatch(true);
    super.visitLabel(callEnds[returnSite]);
    returnSite++;
    if (value) {
      super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), valueSlot);
    }
    super.visitInsn(opcode);
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (type != Opcodes.F_NEW) {
      throw new IllegalStateException("expected expanded frames (ClassReader.EXPAND_FRAMES)");
    }
    // the argument array is live through the whole body, so every frame of it declares the array:
    // the method's locals, TOP up to max_locals, then the array (a long or double is one entry, two slots)
    int slots = 0;
    for (int i = 0; i < numLocal; i++) {
      slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
    }
    if (slots > argsSlot) {
      throw new IllegalStateException(methodKey + " has a frame with more locals than max_locals");
    }
    int size = numLocal + (argsSlot - slots) + 1;
    Object[] locals = new Object[size];
    System.arraycopy(local, 0, locals, 0, numLocal);
    for (int i = numLocal; i < size - 1; i++) {
      locals[i] = Opcodes.TOP;
    }
    locals[size - 1] = OBJECTS;
    super.visitFrame(Opcodes.F_NEW, size, locals, numStack, stack);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    if (returnSite != callStarts.length) {
      throw new IllegalStateException(methodKey + " has fewer return instructions than planned");
    }
    super.visitLabel(bodyEnd);
    // last in the table: the method's own handlers, nested in the body, keep precedence
    super.visitTryCatchBlock(body, bodyEnd, thrown, THROWABLE);
    if (callStarts.length > 0) {
      // a failed dispatch on return: return the value as the method would have
      boolean value = returnType.getSort() != Type.VOID;
      super.visitLabel(returnCallFailed);
      frame(value ? frameType(returnType) : null, THROWABLE);
      super.visitInsn(Opcodes.POP);
      if (value) {
        super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), valueSlot);
      }
      super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
    }
    super.visitLabel(thrown);
    frame(null, THROWABLE);
    super.visitVarInsn(Opcodes.ASTORE, valueSlot);
    super.visitLabel(throwCallStart);
    dispatch(false);
    super.visitLabel(throwCallEnd);
    super.visitVarInsn(Opcodes.ALOAD, valueSlot);
    super.visitInsn(Opcodes.ATHROW);
    super.visitLabel(throwCallFailed); // a failed dispatch on throw: throw what the method threw
    frame(THROWABLE, THROWABLE);
    super.visitInsn(Opcodes.POP);
    super.visitVarInsn(Opcodes.ALOAD, valueSlot);
    super.visitInsn(Opcodes.ATHROW);
    super.visitMaxs(maxStack + EXTRA_STACK, valueSlot + Math.max(1, returnType.getSize()));
  }

  /**
   * Calls the dispatcher: the result is the boxed value slot ({@code onReturn}) or null; the exception
   * is null or the value slot ({@code !onReturn}).
   */
  private void dispatch(boolean onReturn) {
    if (mapper != null) {
      super.visitLdcInsn(Type.getObjectType(mapper));
    } else {
      super.visitLdcInsn(Type.getObjectType(owner));
      super.visitLdcInsn(methodKey);
    }
    super.visitVarInsn(Opcodes.ALOAD, argsSlot);
    if (onReturn && returnType.getSort() != Type.VOID) {
      super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), valueSlot);
      box(returnType);
    } else {
      super.visitInsn(Opcodes.ACONST_NULL);
    }
    if (onReturn) {
      super.visitInsn(Opcodes.ACONST_NULL);
    } else {
      super.visitVarInsn(Opcodes.ALOAD, valueSlot);
    }
    if (mapper != null) {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, MAPPER_DISPATCH, "exit", MAPPER_EXIT, false);
    } else {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, FALLBACK_DISPATCH, "exit", FALLBACK_EXIT, false);
    }
  }

  /** A handler's frame: the method's own locals all TOP, the argument array, then {@code value}. */
  private void frame(Object value, String caught) {
    int size = argsSlot + (value == null ? 1 : 2);
    Object[] locals = new Object[size];
    for (int i = 0; i < argsSlot; i++) {
      locals[i] = Opcodes.TOP;
    }
    locals[argsSlot] = OBJECTS;
    if (value != null) {
      locals[argsSlot + 1] = value;
    }
    super.visitFrame(Opcodes.F_NEW, size, locals, 1, new Object[] {caught});
  }

  private static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.CHAR:
      case Type.BYTE:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getInternalName(); // arrays: their descriptor, as frames want
    }
  }

  private void push(int value) {
    if (value <= 5) {
      super.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value <= Byte.MAX_VALUE) {
      super.visitIntInsn(Opcodes.BIPUSH, value);
    } else {
      super.visitIntInsn(Opcodes.SIPUSH, value);
    }
  }

  /** Boxes the value on the stack as {@code valueOf} does, the same boxing as javac's. */
  private void box(Type type) {
    String box;
    switch (type.getSort()) {
      case Type.BOOLEAN:
        box = "java/lang/Boolean";
        break;
      case Type.CHAR:
        box = "java/lang/Character";
        break;
      case Type.BYTE:
        box = "java/lang/Byte";
        break;
      case Type.SHORT:
        box = "java/lang/Short";
        break;
      case Type.INT:
        box = "java/lang/Integer";
        break;
      case Type.FLOAT:
        box = "java/lang/Float";
        break;
      case Type.LONG:
        box = "java/lang/Long";
        break;
      case Type.DOUBLE:
        box = "java/lang/Double";
        break;
      default:
        return; // a reference already
    }
    super.visitMethodInsn(
        Opcodes.INVOKESTATIC, box, "valueOf", "(" + type.getDescriptor() + ")L" + box + ";", false);
  }
}
