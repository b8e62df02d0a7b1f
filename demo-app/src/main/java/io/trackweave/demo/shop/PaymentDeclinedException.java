package io.trackweave.demo.shop;

/** The payment provider declined a charge. */
public final class PaymentDeclinedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String declineCode;

  public PaymentDeclinedException(String declineCode) {
    super("payment declined: " + declineCode);
    this.declineCode = declineCode;
  }

  public String declineCode() {
    return declineCode;
  }
}
