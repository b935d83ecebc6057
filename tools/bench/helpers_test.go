package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/testtool"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

func testClient(t *testing.T) (*client.Client, *demo.Material) {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := client.New("http://127.0.0.1", demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	return c, m
}

// buildBinaries builds tsymock and this program (the bare servers are
// "bench serve-bare") for a test that starts them as processes.
func buildBinaries(t *testing.T) (tsymock, bench string) {
	t.Helper()
	dir := t.TempDir()
	tsymock, bench = filepath.Join(dir, "tsymock"), filepath.Join(dir, "bench")
	for out, pkg := range map[string]string{tsymock: "../../cmd/tsymock", bench: "."} {
		msg, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput()
		require.NoError(t, err, "go build %s: %s", pkg, msg)
	}
	return tsymock, bench
}

// wireMockJar is the jar scripts/wiremock.sh installs, by default
// bin/wiremock-standalone.jar ($WIREMOCK_JAR, relative to the module's
// root as for the script). A missing jar or Java fails the test in CI and
// skips it on a laptop (internal/testtool), naming what installs them.
func wireMockJar(t *testing.T) wireMockOptions {
	t.Helper()
	jar := os.Getenv("WIREMOCK_JAR")
	if jar == "" {
		jar = "bin/wiremock-standalone.jar"
	}
	if !filepath.IsAbs(jar) {
		jar = filepath.Join("..", "..", jar)
	}
	o := wireMockOptions{Java: testtool.Need(t, "apt-get install -y openjdk-17-jre-headless", "java"), Jar: jar}
	if missing := o.missing(); missing != "" {
		msg := "the WireMock tests need " + missing + " (.ci/run runs scripts/wiremock.sh)"
		if testtool.InCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return o
}
