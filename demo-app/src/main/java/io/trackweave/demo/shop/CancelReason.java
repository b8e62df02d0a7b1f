package io.trackweave.demo.shop;

/**
 * Why a subscription was canceled. The constants are spelled as the plan's enum is, because the
 * winback journey branches on these exact values.
 */
public enum CancelReason {
  price,
  too_much_inventory,
  did_not_work,
  other
}
