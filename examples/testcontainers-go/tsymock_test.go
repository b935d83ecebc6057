// Package tsymocktc is the Testcontainers for Go recipe of docs/ci.md and
// docs/zh-CN/ci.md: the recipe is an excerpt of this file, which a test of
// the main module (internal/doctest) compiles with go vet. Running it needs
// a Docker engine and the tsymock image; without an engine it skips.
package tsymocktc

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// tsymockImage is the image you built from docker/Dockerfile and pushed.
const tsymockImage = "registry.example.com/tools/tsymock:v1.2.0"

// startTsymock starts tsymock for one test and returns its gateway URL,
// e.g. http://127.0.0.1:32768/service/soa. The container is removed when
// the test ends.
func startTsymock(t *testing.T) string {
	t.Helper()
	testcontainers.SkipIfProviderIsNotHealthy(t)
	ctx := context.Background()
	c, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{
		ContainerRequest: testcontainers.ContainerRequest{
			Image:        tsymockImage,
			ExposedPorts: []string{"6900/tcp"},
			Env: map[string]string{
				"TSYMOCK_SEED":        "42",
				"TSYMOCK_SCENARIOS":   "builtin:payment-failures",
				"TSYMOCK_ADMIN_TOKEN": "ci-admin-token", // the test reaches it through a mapped port, not loopback
				// backUrl http://host.testcontainers.internal:PORT/... reaches a listener of the
				// test's on the host once HostAccessPorts names its PORT
				"TSYMOCK_NOTIFY_ALLOW_HOSTS": "host.testcontainers.internal",
			},
			Cmd: []string{"serve", "--log-format", "json"},
			WaitingFor: wait.ForHTTP("/__tsymock/health").WithPort("6900/tcp").
				WithResponseMatcher(func(body io.Reader) bool {
					b, err := io.ReadAll(body)
					return err == nil && strings.Contains(string(b), `"status":"ok"`)
				}),
		},
		Started: true,
	})
	testcontainers.CleanupContainer(t, c)
	if err != nil {
		t.Fatalf("start tsymock: %v", err)
	}
	base, err := c.PortEndpoint(ctx, "6900/tcp", "http")
	if err != nil {
		t.Fatalf("tsymock endpoint: %v", err)
	}
	return base + "/service/soa"
}

// resetTsymock clears tsymock's state between tests. From outside the
// container the admin API wants the token, or it answers 403.
func resetTsymock(t *testing.T, soaURL string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, strings.TrimSuffix(soaURL, "/service/soa")+"/__tsymock/reset", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer ci-admin-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("tsymock reset: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("tsymock reset: %s", resp.Status)
	}
}

func TestTsymockIsUp(t *testing.T) {
	soaURL := startTsymock(t)
	health := strings.TrimSuffix(soaURL, "/service/soa") + "/__tsymock/health"
	resp, err := http.Get(health)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", health, resp.Status)
	}
	resetTsymock(t, soaURL)
	// From here on: point your SDK at soaURL (docs/sdks.md), with TZ=Asia/Shanghai.
}
