package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/tsymock/tsymock/internal/doctest"
)

// ciDocs hold the CI recipes, in each language.
var ciDocs = []string{"docs/ci.md", "docs/zh-CN/ci.md"}

// recipe is what one CI recipe starts tsymock with, and how it waits for it.
type recipe struct {
	where  string            // doc:line of the block
	env    map[string]string // TSYMOCK_ variables of the container
	args   []string          // the container's command; none: the image's "serve"
	health [][]string        // tsymock health command lines the recipe runs
	waits  []httpWait        // HTTP health waits (Testcontainers, Kubernetes, curl)
}

// httpWait is an HTTP readiness check: the path asked and the text the
// answer's body must hold ("" when only the status counts).
type httpWait struct{ path, body string }

var (
	podYAMLRE   = regexp.MustCompile(`(?s)yaml '''\n(.*?)'''`)
	javaEnvRE   = regexp.MustCompile(`withEnv\("(TSYMOCK_\w+)",\s*"([^"]*)"\)`)
	javaCmdRE   = regexp.MustCompile(`withCommand\(([^)]*)\)`)
	goEnvRE     = regexp.MustCompile(`"(TSYMOCK_\w+)":\s*"([^"]*)"`)
	goCmdRE     = regexp.MustCompile(`Cmd:\s*\[\]string\{([^}]*)\}`)
	quotedRE    = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
	httpWaitRE  = regexp.MustCompile(`(?:Wait\.forHttp|wait\.ForHTTP)\("([^"]+)"\)|path: (/[^,}\s]+)|curl -fsS https?://[^/\s]+(/[^\s;"']+)`)
	javaBodyRE  = regexp.MustCompile(`body\.contains\("((?:[^"\\]|\\.)*)"\)`)
	goBodyRE    = regexp.MustCompile("strings\\.Contains\\(string\\(b\\), `([^`]*)`\\)")
	unescapeRE  = strings.NewReplacer(`\"`, `"`, `\\`, `\`)
	healthCheck = "/__tsymock/health"
)

// ciRecipes reads the recipes of one CI doc; every YAML block (and the pod
// YAML of a Jenkinsfile) must parse.
func ciRecipes(t *testing.T, docPath string) []recipe {
	t.Helper()
	md, err := os.ReadFile(filepath.Join(repoRoot, docPath))
	require.NoError(t, err)
	var out []recipe
	for _, b := range doctest.Blocks(string(md)) {
		r := recipe{where: docPath + ":" + strconv.Itoa(b.Line), env: map[string]string{}}
		yamls := podYAMLRE.FindAllStringSubmatch(b.Code, -1)
		if b.Lang == "yaml" {
			yamls = append(yamls, []string{"", b.Code})
		}
		for _, y := range yamls {
			var n yaml.Node
			if assert.NoError(t, yaml.Unmarshal([]byte(y[1]), &n), "%s: YAML", r.where) {
				r.walk(&n)
			}
		}
		if b.Lang == "groovy" {
			assert.Equal(t, strings.Count(b.Code, "{"), strings.Count(b.Code, "}"), "%s: unbalanced braces", r.where)
		}
		r.code(b.Code)
		out = append(out, r)
	}
	return out
}

// walk collects what a YAML recipe gives the tsymock container.
func (r *recipe) walk(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		for _, c := range n.Content {
			r.walk(c)
		}
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch {
		case (k == "env" || k == "variables" || k == "environment") && v.Kind == yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				r.setEnv(v.Content[j].Value, v.Content[j+1].Value)
			}
		case k == "env" && v.Kind == yaml.SequenceNode: // Kubernetes: [{name, value}]
			for _, item := range v.Content {
				var e struct{ Name, Value string }
				if item.Decode(&e) == nil {
					r.setEnv(e.Name, e.Value)
				}
			}
		case (k == "command" || k == "args" || k == "test") && v.Kind == yaml.SequenceNode:
			var list []string
			if v.Decode(&list) == nil {
				r.command(list)
			}
		}
		r.walk(v)
	}
}

func (r *recipe) setEnv(k, v string) {
	if strings.HasPrefix(k, envPrefix) {
		r.env[k] = v
	}
}

// command records a container command: "serve ..." starts tsymock, and
// ["CMD", "/tsymock", "health", ...] checks it.
func (r *recipe) command(list []string) {
	for i, s := range list {
		if path.Base(s) == "tsymock" && i+1 < len(list) && list[i+1] == "health" {
			r.health = append(r.health, list[i+1:])
			return
		}
	}
	if len(list) > 0 && list[0] == "serve" {
		r.args = list
	}
}

// code reads the Java and Go recipes' environment, command and waits, and
// every recipe's HTTP waits.
func (r *recipe) code(code string) {
	for _, m := range append(javaEnvRE.FindAllStringSubmatch(code, -1), goEnvRE.FindAllStringSubmatch(code, -1)...) {
		r.setEnv(m[1], m[2])
	}
	for _, m := range append(javaCmdRE.FindAllStringSubmatch(code, -1), goCmdRE.FindAllStringSubmatch(code, -1)...) {
		var list []string
		for _, q := range quotedRE.FindAllStringSubmatch(m[1], -1) {
			list = append(list, q[1])
		}
		r.command(list)
	}
	body := ""
	for _, m := range append(javaBodyRE.FindAllStringSubmatch(code, -1), goBodyRE.FindAllStringSubmatch(code, -1)...) {
		body = unescapeRE.Replace(m[1])
	}
	for _, m := range httpWaitRE.FindAllStringSubmatch(code, -1) {
		r.waits = append(r.waits, httpWait{path: m[1] + m[2] + m[3], body: body})
	}
}

// TestCIRecipes reads every recipe of the CI docs (their YAML must parse)
// and finds in each doc the waits of the Testcontainers and Kubernetes
// recipes, all on the health check with the body it answers.
func TestCIRecipes(t *testing.T) {
	for _, d := range ciDocs {
		t.Run(d, func(t *testing.T) {
			var waits []httpWait
			started := 0
			for _, r := range ciRecipes(t, d) {
				waits = append(waits, r.waits...)
				if len(r.env) > 0 || len(r.args) > 0 {
					started++
				}
			}
			assert.GreaterOrEqual(t, started, 6, "recipes that configure tsymock: GitHub, GitLab, Jenkins, Testcontainers x2, compose")
			assert.Contains(t, waits, httpWait{healthCheck, `"status":"ok"`}, "the Testcontainers recipes wait for the health body")
			for _, w := range waits {
				assert.Equal(t, healthCheck, w.path)
			}
		})
	}
}

// TestCIRecipesStartHealthy starts tsymock as each recipe configures its
// container (its TSYMOCK_ variables and command; /scenarios is a folder
// with the example scenario), and checks that it becomes healthy the way
// the recipe waits for it: the health commands it runs, and its HTTP waits.
func TestCIRecipesStartHealthy(t *testing.T) {
	scen := t.TempDir()
	example, err := os.ReadFile(filepath.Join(repoRoot, "docker", "scenarios", "example.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(scen, "example.yaml"), example, 0o600))
	for _, d := range ciDocs {
		for _, r := range ciRecipes(t, d) {
			if len(r.env) == 0 && len(r.args) == 0 {
				continue
			}
			t.Run(r.where, func(t *testing.T) {
				for k, v := range r.env {
					require.False(t, strings.HasPrefix(v, "/") && v != "/scenarios", "%s=%s: map this container path in the test", k, v)
					t.Setenv(k, strings.Replace(v, "/scenarios", scen, 1))
				}
				args := r.args
				if len(args) > 0 {
					args = args[1:] // "serve"
				}
				addr, stderr, stop := startServe(t, args...)
				defer stop()
				base := "http://" + addr
				r.checkHealthy(t, base)
				assert.NotContains(t, stderr.String(), "level=ERROR")
			})
		}
	}
}

// checkHealthy runs the recipe's health commands (and the image's own,
// "tsymock health") and its HTTP waits against a server at base.
func (r *recipe) checkHealthy(t *testing.T, base string) {
	t.Helper()
	for _, h := range append(r.health, []string{"health"}) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append(h, "--url", base), &out, &errOut)
		assert.Equal(t, 0, code, "tsymock %s: %s%s", strings.Join(h, " "), out.String(), errOut.String())
	}
	for _, w := range append(r.waits, httpWait{healthCheck, `"status":"ok"`}) {
		resp, err := http.Get(base + w.path)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode, w.path)
		assert.Contains(t, string(body), w.body, w.path)
	}
}
