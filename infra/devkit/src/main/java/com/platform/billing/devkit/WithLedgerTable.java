package com.platform.billing.devkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks an integration test class that gets its own fresh ledger table ({@link LedgerTableExtension}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LedgerTableExtension.class)
public @interface WithLedgerTable {

    /** Enable the table's stream (only for tests that read it: it makes moto's transactions much slower). */
    boolean stream() default false;
}
