package org.testcontainers.containers;

import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** Compile-only stand-in (see stubs/README.md). */
public class GenericContainer<SELF extends GenericContainer<SELF>> {
    public GenericContainer(DockerImageName image) { }
    public SELF withExposedPorts(Integer... ports) { return self(); }
    public SELF withEnv(String key, String value) { return self(); }
    public SELF withCommand(String... command) { return self(); }
    public SELF withCopyFileToContainer(MountableFile file, String containerPath) { return self(); }
    public SELF waitingFor(WaitStrategy strategy) { return self(); }
    public String getHost() { throw new UnsupportedOperationException("stub"); }
    public Integer getMappedPort(int port) { throw new UnsupportedOperationException("stub"); }
    @SuppressWarnings("unchecked")
    protected SELF self() { return (SELF) this; }
}
