package io.trackweave.runtime.internal.encode;

/**
 * One v1 request: method, the path with its segments already percent-encoded, and the JSON body (null
 * for none). The body array belongs to the encoder and is valid until its next use.
 */
public record V1Request(String method, String path, byte[] body, int bodyLength) {}
