package io.trackweave.agent.it.app;

import io.trackweave.api.EventMapper;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;

/** Hand-written mappers, shaped as generated ones, until the processor is wired into the test build. */
public final class ShopMappers {
  private ShopMappers() {}

  static Person person(Object id) {
    return Person.identified(IdentifierType.ID, (String) id);
  }

  public static final class ConfirmPayment implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {
      Order order = (Order) args[1];
      Trackweave.tracker()
          .track(
              person(args[0]),
              "order_completed",
              Fields.builder(3).put("order_id", order.orderId()).put("revenue", order.revenue()).put("currency", order.currency()).build(),
              Tracker.NOW,
              order.orderId());
    }

    @Override
    public void onThrow(Object[] args, Throwable thrown) {}
  }

  public static final class ChargeCard implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {}

    @Override
    public void onThrow(Object[] args, Throwable thrown) {
      Trackweave.tracker()
          .track(person(args[0]), "payment_failed", Fields.builder(1).put("order_id", (String) args[1]).build(), Tracker.NOW, null);
    }
  }

  public static final class Register implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {
      Trackweave.tracker()
          .identify(
              person(args[0]),
              Fields.builder(2).put("email", (String) args[1]).put("sms_opt_in", (boolean) args[2]).build(),
              false);
    }

    @Override
    public void onThrow(Object[] args, Throwable thrown) {}
  }

  public static final class ShipAsync implements EventMapper {
    @Override
    public void onReturn(Object[] args, Object result) {
      Trackweave.tracker()
          .track(
              person(args[0]),
              "order_shipped",
              Fields.builder(2).put("order_id", (String) args[1]).put("carrier", (String) result).build(),
              Tracker.NOW,
              null);
    }

    @Override
    public void onThrow(Object[] args, Throwable thrown) {}

    @Override
    public boolean completesAsync() {
      return true;
    }
  }
}
