package io.trackweave.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Customer.io's variables are aliases at the precedence of environment variables in Spring Boot. */
class CredentialsTest {
  private static StandardEnvironment environment(Map<String, Object> system, Map<String, Object> env, Map<String, Object> file) {
    StandardEnvironment environment = new StandardEnvironment();
    var sources = environment.getPropertySources();
    sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, system));
    sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    sources.addLast(new MapPropertySource("application.yml", file));
    ConfigurationPropertySources.attach(environment);
    return environment;
  }

  private static String siteId(StandardEnvironment environment) {
    return Credentials.resolve(environment, "trackweave.site.id", "CUSTOMERIO_SITE_ID");
  }

  @Test
  void theEnvironmentVariableBeatsTheApplicationFile() {
    assertThat(siteId(environment(Map.of(), Map.of("CUSTOMERIO_SITE_ID", "from-env"), Map.of("trackweave.site.id", "from-file"))))
        .isEqualTo("from-env");
  }

  @Test
  void aSystemPropertyBeatsTheEnvironment() {
    assertThat(siteId(environment(Map.of("trackweave.site.id", "from-system"), Map.of("CUSTOMERIO_SITE_ID", "from-env"), Map.of())))
        .isEqualTo("from-system");
  }

  @Test
  void theTrackweaveSpellingBeatsTheAliasWithinTheEnvironment() {
    assertThat(siteId(environment(Map.of(), Map.of("CUSTOMERIO_SITE_ID", "alias", "TRACKWEAVE_SITE_ID", "own"), Map.of())))
        .isEqualTo("own");
  }

  @Test
  void theFileWhenNothingElseSaysAndNullWhenNothingDoes() {
    assertThat(siteId(environment(Map.of(), Map.of(), Map.of("trackweave.site-id", "relaxed")))).isNull(); // another name
    assertThat(siteId(environment(Map.of(), Map.of(), Map.of("trackweave.site.id", "from-file")))).isEqualTo("from-file");
    assertThat(siteId(environment(Map.of(), Map.of(), Map.of()))).isNull();
  }
}
