package io.trackweave.spring.boot.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.api.internal.MapperDispatch;
import org.springframework.stereotype.Service;

/**
 * Stands for a class woven at build time: its method reports itself through {@link MapperDispatch}, as
 * the weaver's code does, so the advisor must leave it alone or the event would be tracked twice.
 */
@Service
public class Refunds {
  @TrackEvent("refund_issued")
  public String refund(@CustomerId String customerId, @Prop("refund_id") String refundId) {
    Object[] args = {customerId, refundId};
    MapperDispatch.exit(Refunds_refund_TrackweaveMapper.class, args, refundId, null); // what weaving adds
    return refundId;
  }
}
