package com.more;

import io.trackweave.api.internal.MapperDispatch;
import java.math.BigDecimal;

public final class Driver {
  public static void run() {
    Accounts.Account account = new Accounts.Account("cust-7", "grace@example.com", "Grace", true);
    MapperDispatch.exit(Accounts_signUp_TrackweaveMapper.class, new Object[] {"visitor-3", "pw"}, account, null);

    Accounts_subscribe_TrackweaveMapper.afterReturn("sub-1", "monthly", 30, "cust-7");

    Object[] args = {"cust-7", "ref-1", "ord-1", new BigDecimal("5.00"), "EUR"};
    MapperDispatch.exit(Accounts_refund_TrackweaveMapper.class, args, null, null);
    MapperDispatch.exit(Accounts_refund_TrackweaveMapper.class, args, null, new IllegalStateException("refund failed"));

    Accounts_visit_TrackweaveMapper.afterReturn("SKU-9", "tea", 3.0, new Accounts.Visit("cust-8", "SKU-9"));
  }
}
