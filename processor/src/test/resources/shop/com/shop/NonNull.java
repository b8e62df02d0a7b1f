package com.shop;

import java.lang.annotation.*;

/** Stands in for any framework's @NonNull: the processor matches the simple name. */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD, ElementType.TYPE_USE})
public @interface NonNull {}
