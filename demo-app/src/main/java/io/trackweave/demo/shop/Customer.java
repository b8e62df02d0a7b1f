package io.trackweave.demo.shop;

import java.time.Instant;

/** A registered customer account. */
public record Customer(String id, String email, String firstName, Instant createdAt) {}
