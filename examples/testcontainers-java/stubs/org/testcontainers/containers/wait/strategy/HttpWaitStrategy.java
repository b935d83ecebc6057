package org.testcontainers.containers.wait.strategy;

import java.util.function.Predicate;

/** Compile-only stand-in (see stubs/README.md). */
public class HttpWaitStrategy implements WaitStrategy {
    public HttpWaitStrategy forPort(int port) { return this; }
    public HttpWaitStrategy forStatusCode(int statusCode) { return this; }
    public HttpWaitStrategy forResponsePredicate(Predicate<String> predicate) { return this; }
}
