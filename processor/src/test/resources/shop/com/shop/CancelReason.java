package com.shop;

public enum CancelReason { price, too_much_inventory, did_not_work, other }
