package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// wireMockOptions is the WireMock the canned answer is compared with:
// WireMock is what a team would otherwise stub this API with.
type wireMockOptions struct {
	// Java is the java command (looked up in PATH), Jar the WireMock
	// standalone jar (scripts/wiremock.sh installs it into bin/).
	Java, Jar string
	// Warmup is the longest WireMock is loaded before its timed rounds,
	// until the JVM has compiled its hot path (see warmWireMock): a
	// warmed-up WireMock is the fair comparison.
	Warmup time.Duration
}

// missing says why WireMock cannot run here ("" when it can): the suite
// then skips its row.
func (o wireMockOptions) missing() string {
	if _, err := exec.LookPath(o.Java); err != nil {
		return fmt.Sprintf("%q not found: WireMock needs a Java runtime (apt-get install openjdk-17-jre-headless)", o.Java)
	}
	if o.Jar == "" {
		return "no WireMock jar given (--wiremock-jar)"
	}
	if _, err := os.Stat(o.Jar); err != nil {
		return fmt.Sprintf("no WireMock jar at %s: scripts/wiremock.sh installs it from npm", o.Jar)
	}
	return ""
}

// startWireMock starts WireMock on the servers' CPUs, on a free loopback
// port, with one stub that answers the canned call with the canned
// answer. It runs with its defaults, as a team would run it: its request
// journal on (unbounded), as tsymock's journal is on. Its options for
// load tests change the picture both ways (docs/performance.md):
// --no-request-journal makes it several times faster, and a bounded
// journal (--max-request-journal-entries) many times slower, since it
// counts the whole journal on every request.
func (s *suite) startWireMock(ctx context.Context, answer cannedAnswer) (*serverProcess, error) {
	root := filepath.Join(s.o.WorkDir, "wiremock")
	if err := writeStub(root, answer); err != nil {
		return nil, err
	}
	s.progress("starting WireMock (%s)", s.o.WireMock.Jar)
	p, err := startProcess(ctx, s.o.ServerCPUs, wireMockReady(), s.o.WireMock.Java, "-jar", s.o.WireMock.Jar,
		"--bind-address", "127.0.0.1", "--port", "0", "--root-dir", root, "--disable-banner")
	if err != nil {
		return nil, err
	}
	s.rep.Machine.WireMock = "WireMock " + p.Version + " on " + javaVersion(s.o.WireMock.Java)
	return p, nil
}

// writeStub writes WireMock's root folder: a mapping that answers a POST
// to /service/soa whose body holds "queryBalance" (as a hand-written stub
// of this API would) with the canned status, headers and body.
func writeStub(root string, answer cannedAnswer) error {
	stub := map[string]any{
		"request": map[string]any{"method": "POST", "url": "/service/soa",
			"bodyPatterns": []map[string]string{{"contains": "queryBalance"}}},
		"response": map[string]any{"status": 200, "headers": answer.Header, "body": string(answer.Body)},
	}
	data, err := json.MarshalIndent(stub, "", "  ")
	if err == nil {
		err = os.MkdirAll(filepath.Join(root, "mappings"), 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(root, "mappings", "canned.json"), data, 0o644)
	}
	if err != nil {
		return fmt.Errorf("bench: WireMock stub: %w", err)
	}
	return nil
}

// wireMockReady reads WireMock's start-up summary, printed once it
// listens: "version: 3.13.2", then "port: 41234". The version is kept
// for the report.
func wireMockReady() readyParser {
	var version string
	return func(line []byte) (readyInfo, bool) {
		name, value, ok := strings.Cut(string(line), ":")
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(name) {
		case "version":
			version = value
		case "port":
			if port, err := strconv.Atoi(value); ok && err == nil && port > 0 {
				return readyInfo{Addr: "127.0.0.1:" + value, Version: version}, true
			}
		}
		return readyInfo{}, false
	}
}

// javaVersion is the first line of "java -version", such as
// `openjdk version "17.0.15" 2025-04-15`.
func javaVersion(java string) string {
	out, err := exec.Command(java, "-version").CombinedOutput()
	if err != nil {
		return "Java (version unknown)"
	}
	first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return first
}
