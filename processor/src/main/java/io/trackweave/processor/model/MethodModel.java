package io.trackweave.processor.model;

import io.trackweave.annotations.Fire;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * An annotated method, read from the source: what it tracks and identifies, and every value bound to a
 * property, attribute, person id or event time.
 *
 * @param method the annotated method
 * @param owner the type declaring it
 * @param ownerBinaryName e.g. {@code com.shop.Outer$Inner}
 * @param packageName the owner's package, where the mapper is generated
 * @param descriptor the method's JVM descriptor
 * @param mapperSimpleName the generated mapper's simple name
 * @param event the {@code @TrackEvent} name, or null
 * @param trackFire when the event fires, or null without {@code @TrackEvent}
 * @param identifyFire when identify fires, or null without {@code @IdentifyOn}
 * @param updateOnly {@code @IdentifyOn(updateOnly = true)}
 * @param resultType the (completed) return type, or null for void
 * @param async the method returns a CompletionStage, and {@code resultType} is its value's type
 * @param bindings every mapped value, in parameter order, then the return value's
 * @param object what the method does to a Customer.io object ({@code @IdentifyObject}, {@code @DeleteObject}),
 *     or null; it happens after a normal return
 */
public record MethodModel(
    ExecutableElement method,
    TypeElement owner,
    String ownerBinaryName,
    String packageName,
    String descriptor,
    String mapperSimpleName,
    String event,
    Fire trackFire,
    Fire identifyFire,
    boolean updateOnly,
    TypeMirror resultType,
    boolean async,
    List<Binding> bindings,
    ObjectAction object) {

  public boolean tracks() {
    return event != null;
  }

  public boolean identifies() {
    return identifyFire != null;
  }

  /** True when the method identifies or deletes an object. */
  public boolean writesObject() {
    return object != null;
  }

  /** True when the method creates or updates an object ({@code @IdentifyObject}). */
  public boolean identifiesObject() {
    return object != null && object.kind() == ObjectAction.Kind.IDENTIFY;
  }

  /** The annotation that makes the method tracked, for messages about the method as a whole. */
  public String mainAnnotation() {
    return event != null ? "TrackEvent" : identifyFire != null ? "IdentifyOn" : object.kind().annotation();
  }

  /** {@code com.shop.ShopService#confirmPayment}, as the catalog names the place an event fires. */
  public String where() {
    return ownerBinaryName + "#" + method.getSimpleName();
  }

  public String mapperBinaryName() {
    return packageName.isEmpty() ? mapperSimpleName : packageName + "." + mapperSimpleName;
  }

  public static boolean onReturn(Fire fire) {
    return fire == Fire.RETURN || fire == Fire.ALWAYS;
  }

  public static boolean onThrow(Fire fire) {
    return fire == Fire.THROW || fire == Fire.ALWAYS;
  }
}
