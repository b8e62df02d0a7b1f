package com.acme;

import io.trackweave.annotations.NotTracked;
import io.trackweave.annotations.ObjectId;
import java.time.Instant;

public record Subscription(@ObjectId String id, Tier plan, Instant renewsAt, int seats, @NotTracked String note) {}
