package org.testcontainers.utility;

/** Compile-only stand-in (see stubs/README.md). */
public final class MountableFile {
    private MountableFile() { }
    public static MountableFile forHostPath(String path) { return new MountableFile(); }
}
