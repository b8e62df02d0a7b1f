package com.plain;

import java.util.UUID;

public final class Driver {
  public static void run() {
    Plain_go_TrackweaveMapper.afterReturn(7, new Plain.Broken());
    Plain_guest_TrackweaveMapper.afterReturn(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), Plain.Level.HIGH);
    // nobody at run time: not sent, counted
    Plain_guest_TrackweaveMapper.afterReturn(null, Plain.Level.LOW);
  }
}
