package io.trackweave.agent.internal.advice;

import java.util.Map;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Passes a class through unchanged except for the planned methods, which {@link ExitDispatchWeaver}
 * rewrites. Adds no member, so the same weaving serves class load, retransformation and build time.
 * Expects expanded frames ({@code ClassReader.EXPAND_FRAMES}) and a writer that computes nothing.
 */
final class DispatchWeaver extends ClassVisitor {
  private final Map<String, WeavePlan.Target> targets;
  private String owner;

  DispatchWeaver(ClassVisitor next, Map<String, WeavePlan.Target> targets) {
    super(Opcodes.ASM9, next);
    this.targets = targets;
  }

  @Override
  public void visit(
      int version, int access, String name, String signature, String superName, String[] interfaces) {
    owner = name;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    WeavePlan.Target target = targets.get(name + descriptor);
    if (target == null || next == null) {
      return next;
    }
    return new ExitDispatchWeaver(next, access, owner, name, descriptor, target);
  }
}
