package org.testcontainers.containers.wait.strategy;

/** Compile-only stand-in (see stubs/README.md). */
public final class Wait {
    private Wait() { }
    public static HttpWaitStrategy forHttp(String path) { return new HttpWaitStrategy(); }
}
