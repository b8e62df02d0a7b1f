package com.acme;

public enum Tier {
  BASIC,
  PRO
}
