/**
 * The {@code trackweave} health component for Spring Boot 4's health API ({@code
 * org.springframework.boot.health.contributor}); Spring Boot 3's is {@link
 * io.trackweave.spring.boot.TrackweaveHealthIndicator}.
 */
package io.trackweave.spring.boot.health;
