package io.trackweave.testkit.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A person's device (push token), as stored. */
public record DeviceView(String token, String platform, Long lastUsed, ObjectNode attributes) {}
