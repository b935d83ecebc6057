package org.testcontainers.containers.wait.strategy;

/** Compile-only stand-in (see stubs/README.md). */
public interface WaitStrategy { }
