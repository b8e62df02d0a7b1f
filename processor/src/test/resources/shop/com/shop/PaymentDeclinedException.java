package com.shop;

public final class PaymentDeclinedException extends Exception {
  private static final long serialVersionUID = 1L;

  public PaymentDeclinedException(String code) { super(code); }
}
