package doctest

import "testing"

// TestTestcontainersGoRecipe type-checks examples/testcontainers-go, the
// Testcontainers for Go recipe, a module of its own, with go vet. Running
// it needs a Docker engine, which this project's CI does not have.
func TestTestcontainersGoRecipe(t *testing.T) {
	goTool := need(t, "go", "the Go toolchain (go.dev/dl)")
	mustRun(t, "examples/testcontainers-go", nil, goTool, "vet", "./...")
}
