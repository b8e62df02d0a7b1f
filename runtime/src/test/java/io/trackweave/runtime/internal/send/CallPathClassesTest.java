package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallPathClassesTest {
  @Test
  void everyNamedOkHttpAndOkioClassExistsInTheVersionWeShip() throws Exception {
    // fails when an OkHttp upgrade renames its call path: then the list is stale and preloads nothing
    for (String name : CallPathClasses.clientNames()) {
      assertThat(Class.forName(name, false, CallPathClasses.class.getClassLoader())).as(name).isNotNull();
    }
    assertThat(CallPathClasses.clientNames()).allMatch(n -> n.startsWith("okhttp3.") || n.startsWith("okio."))
        .contains("okhttp3.internal.connection.RealCall", "okio.AsyncTimeout"); // Okio found through OkHttp's API
  }

  @Test
  void loadingFindsThemAllAndTheJdksSocketClasses() {
    int client = CallPathClasses.clientNames().size();
    int jdk = CallPathClasses.jdkNames().size();
    int found = CallPathClasses.load();
    assertThat(found).isGreaterThanOrEqualTo(client + jdk - 2).isLessThanOrEqualTo(client + jdk);
    assertThat(CallPathClasses.load()).isEqualTo(found); // again: nothing new, nothing broken
  }
}
