package org.springframework.test.context;

import java.util.function.Supplier;

/** Compile-only stand-in (see stubs/README.md). */
public interface DynamicPropertyRegistry {
    void add(String name, Supplier<Object> valueSupplier);
}
