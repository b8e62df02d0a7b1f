package io.trackweave.demo.shop;

/** The currencies the shop sells in; their names are the plan's currency enum. */
public enum Currency {
  USD,
  EUR,
  GBP
}
