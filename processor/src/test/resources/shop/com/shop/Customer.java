package com.shop;

import java.time.Instant;

public record Customer(String id, String email, String firstName, Instant createdAt) {}
