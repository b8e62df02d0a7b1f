package io.trackweave.spring.boot.shop;

import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.IdentifyOn;
import org.springframework.stereotype.Service;

@Service
public class Customers {
  @IdentifyOn
  public void register(@CustomerId String customerId, @Attr("email") String email) {}
}
