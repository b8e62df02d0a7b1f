package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic about objects ({@code @IdentifyObject}, {@code @DeleteObject}, {@code @ObjectId},
 * {@code @RelationshipAttr}): its text, and where it lands (the element, and the annotation value to blame).
 * Fixtures are one class, {@code com.acme.Svc}, whose body starts on line {@value #FIRST}, compiled against
 * {@link ObjectsTest#PLAN}.
 */
class ObjectDiagnosticsTest {
  private static final int FIRST = 6;

  static JavaFileObject svc(String... body) {
    List<String> lines = new ArrayList<>(List.of(
        "package com.acme;",                           // 1
        "import io.trackweave.annotations.*;",         // 2
        "import java.math.BigDecimal;",                // 3
        "import java.time.*;",                         // 4
        "public abstract class Svc {"));               // 5
    lines.addAll(List.of(body));
    lines.add("}");
    return JavaFileObjects.forSourceLines("com.acme.Svc", lines.toArray(new String[0]));
  }

  private static Compilation compile(JavaFileObject svc) {
    return Harness.compile(ObjectsTest.PLAN, svc, JavaFileObjects.forResource("objects/com/acme/Tier.java"));
  }

  private static void errorAt(Compilation c, JavaFileObject file, int line, String at, String... fragments) {
    assertThat(c).failed();
    long column = DiagnosticsTest.column(file, line, at);
    for (String fragment : fragments) {
      assertThat(c).hadErrorContaining(fragment).inFile(file).onLine(line).atColumn(column);
    }
  }

  @Test
  void unknownObjectTypeWithDidYouMean() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(\"subscriptions\")",
        "  public void a(@ObjectId String id) {}",
        "  @DeleteObject(\"nothing_like_it\")",
        "  public void b(@ObjectId String id) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST, "\"subscriptions\"", "object type 'subscriptions' is not in the objects of tracking plan"
        + " 'acme-accounts' (" + Harness.resource(ObjectsTest.PLAN) + "); did you mean 'subscription'? Fix: use a"
        + " type listed under 'objects', or add 'subscriptions' to the plan's objects with its Customer.io type_id");
    errorAt(c, svc, FIRST + 2, "\"nothing_like_it\"", "object type 'nothing_like_it' is not in the objects",
        "). Fix: use a type");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void attributeNotInTheTypesSchema() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(\"subscription\")",
        "  public void a(@ObjectId String id, @Attr(\"plans\") String plan, @Attr(\"email\") String email) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST + 1, "\"plans\"", "attribute 'plans' is not an attribute of object type 'subscription' in"
        + " tracking plan 'acme-accounts' (" + Harness.resource(ObjectsTest.PLAN) + ": objects.subscription.attributes"
        + " lists [plan, renews_at, seats, price]); did you mean 'plan'? Fix: rename it with @Attr(\"...\") to a"
        + " listed attribute, or add it to objects.subscription.attributes");
    errorAt(c, svc, FIRST + 1, "\"email\"", "attribute 'email' is not an attribute of object type 'subscription'");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void payloadComponentNotInTheTypesSchema() {
    JavaFileObject svc = svc(
        "  public record Sub(@ObjectId String id, int seats, String colour) {}",
        "  @IdentifyObject(\"subscription\")",
        "  public void a(@Payload Sub sub) {}");
    Compilation c = compile(svc);
    assertThat(c).hadErrorContaining("attribute 'colour' is not an attribute of object type 'subscription'")
        .inFile(svc).onLine(FIRST);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void wrongJavaTypeForAnAttribute() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(\"subscription\")",
        "  public void a(@ObjectId String id, @Attr(\"seats\") String seats, @Attr(\"renews_at\") LocalDate at) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST + 1, "seats, ", "Attribute 'seats' of object type 'subscription':"
        + " Java type java.lang.String does not fit the plan's type integer (plan 'acme-accounts':"
        + " objects.subscription.attributes.seats). Fix: use int, long, short, byte, their boxes, or BigInteger");
    errorAt(c, svc, FIRST + 1, "at) ", "Attribute 'renews_at' of object type"
        + " 'subscription': Java type java.time.LocalDate does not fit the plan's type integer (format unix-time)");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void missingObjectId() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(\"subscription\")",
        "  public void a(String id, @Attr(\"seats\") int seats) {}",
        "  @DeleteObject(\"account\")",
        "  public void b(String id) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST, "@IdentifyObject", "@IdentifyObject(\"subscription\") on Svc.a() has no @ObjectId:"
        + " Customer.io needs the id of the object. Fix: mark the parameter, the method (for its return value) or a"
        + " payload component that holds it with @ObjectId");
    errorAt(c, svc, FIRST + 2, "@DeleteObject", "@DeleteObject(\"account\") on Svc.b() has no @ObjectId");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void objectIdMustBeScalarAndSingle() {
    JavaFileObject svc = svc(
        "  @DeleteObject(\"account\")",
        "  public void a(@ObjectId java.util.List<String> ids) {}",
        "  @DeleteObject(\"account\")",
        "  public void b(@ObjectId String id, @ObjectId String other) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST + 1, "ids)", "@ObjectId on parameter 'ids' of type java.util.List<java.lang.String>: an"
        + " identifier is sent as a string");
    errorAt(c, svc, FIRST + 3, "@ObjectId String other", "a second @ObjectId on parameter 'other': the object id"
        + " already comes from parameter 'id'");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void relationshipAttributeNotAllowed() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(value = \"subscription\", relate = true)",
        "  public void a(@CustomerId String c, @ObjectId String id, @RelationshipAttr(\"rol\") String role) {}",
        "  @IdentifyObject(\"subscription\")",
        "  public void b(@CustomerId String c, @ObjectId String id, @RelationshipAttr String role) {}",
        "  @IdentifyObject(value = \"account\", relate = true)",
        "  public void d(@CustomerId String c, @ObjectId String id, @RelationshipAttr String role) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST + 1, "\"rol\"", "relationship attribute 'rol' is not allowed for object type"
        + " 'subscription': tracking plan 'acme-accounts' (" + Harness.resource(ObjectsTest.PLAN)
        + ": objects.subscription.relationship) lists [role]; did you mean 'role'? Fix: rename it with"
        + " @RelationshipAttr(\"...\") to a listed one, or add it to objects.subscription.relationship");
    errorAt(c, svc, FIRST + 3, "@RelationshipAttr", "@RelationshipAttr on parameter 'role', but Svc.b() relates no"
        + " person to an object. Fix: use @IdentifyObject(value = \"<type>\", relate = true)");
    errorAt(c, svc, FIRST + 5, "@RelationshipAttr", "relationship attribute 'role' is not allowed for object type"
        + " 'account'", "objects.account.relationship) lists []. Fix:");
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void relateNeedsAPerson() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(value = \"account\", relate = true)",
        "  public void a(@ObjectId String id) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST, "true", "@IdentifyObject(relate = true) on Svc.a() has no @CustomerId: relating needs"
        + " the person's id");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void objectIdWithoutAnObjectAnnotation() {
    JavaFileObject svc = svc(
        "  @IdentifyOn",
        "  public void a(@CustomerId String c, @ObjectId String id) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST + 1, "@ObjectId", "@ObjectId on parameter 'id', but Svc.a() has neither @IdentifyObject"
        + " nor @DeleteObject");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aDeleteHasNoAttributes() {
    JavaFileObject svc = svc(
        "  @DeleteObject(\"account\")",
        "  public void a(@ObjectId String id, @Attr(\"name\") String name) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST + 1, "@Attr", "@Attr on parameter 'name', but Svc.a() has no @IdentifyOn: person"
        + " attributes are set by identify (and an object's by @IdentifyObject)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void conflictingAnnotations() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(\"account\")",
        "  @DeleteObject(\"account\")",
        "  public void a(@ObjectId String id) {}",
        "  @IdentifyObject(\"account\")",
        "  @IdentifyOn",
        "  public void b(@CustomerId String c, @ObjectId String id, @Attr(\"name\") String name) {}");
    Compilation c = compile(svc);
    errorAt(c, svc, FIRST + 1, "@DeleteObject", "@IdentifyObject and @DeleteObject on Svc.a(): a method writes an"
        + " object or deletes it, not both");
    errorAt(c, svc, FIRST + 3, "@IdentifyObject", "@IdentifyObject and @IdentifyOn on Svc.b(): an @Attr could be the"
        + " person's or the object's");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void anObjectNeedsAPlanForItsTypeId() {
    JavaFileObject svc = svc(
        "  @DeleteObject(\"account\")",
        "  public void a(@ObjectId String id) {}");
    Compilation c = Harness.compile(null, svc);
    errorAt(c, svc, FIRST, "\"account\"", "@DeleteObject(\"account\") needs a tracking plan: Customer.io's"
        + " object_type_id of 'account' comes from the plan's objects section");
  }

  @Test
  void marksOnAnObjectMethodAreNotReportedAsDoingNothing() {
    JavaFileObject svc = svc(
        "  @IdentifyObject(value = \"subscription\", relate = true)",
        "  public void a(@CustomerId String c, @ObjectId String id, @Attr(\"seats\") int seats,",
        "      @RelationshipAttr(\"role\") String role) {}");
    assertThat(compile(svc)).succeededWithoutWarnings();
  }
}
