package org.testcontainers.utility;

/** Compile-only stand-in (see stubs/README.md). */
public final class DockerImageName {
    private DockerImageName() { }
    public static DockerImageName parse(String name) { return new DockerImageName(); }
}
