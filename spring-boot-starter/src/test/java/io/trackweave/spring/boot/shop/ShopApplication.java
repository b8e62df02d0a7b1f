package io.trackweave.spring.boot.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Boot web shop whose beans carry tracking annotations; no agent, no build plugin. */
@SpringBootApplication
public class ShopApplication {}
