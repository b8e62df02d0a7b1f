package com.shop;

public enum Currency { USD, EUR, GBP }
