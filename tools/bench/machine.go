package main

import (
	"os"
	"runtime"
	"strings"
)

// machineInfo is what the figures were measured on: they mean little
// without it.
type machineInfo struct {
	CPU        string `json:"cpu"` // model name from /proc/cpuinfo
	Cores      int    `json:"cores"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	Go         string `json:"go"`
	OS         string `json:"os"`
	// LoadBefore and LoadAfter are /proc/loadavg's 1-minute figure around
	// the run: much above 0 means something else competed for the cores.
	LoadBefore string `json:"loadBefore,omitempty"`
	LoadAfter  string `json:"loadAfter,omitempty"`
	// ServerCPUs are the CPUs the suite pinned its servers to (taskset -c
	// notation), GeneratorCPUs those the load generator kept, and
	// ServerGOMAXPROCS the servers' GOMAXPROCS, which Go sizes to their
	// CPUs; GOMAXPROCS above is then the load generator's. Empty when
	// nothing was pinned: servers and load generator shared the cores.
	ServerCPUs       string `json:"serverCpus,omitempty"`
	GeneratorCPUs    string `json:"generatorCpus,omitempty"`
	ServerGOMAXPROCS int    `json:"serverGomaxprocs,omitempty"`
	// WireMock is the WireMock version and the Java runtime it ran on.
	WireMock string `json:"wiremock,omitempty"`
}

// cpusOf is how many CPUs a list names, or all the cores when it is empty
// (nothing pinned).
func (m machineInfo) cpusOf(list string) int {
	set, err := parseCPUList(list)
	if list == "" || err != nil {
		return m.Cores
	}
	return len(set)
}

// thisMachine describes the machine the code runs on.
func thisMachine() machineInfo {
	return machineInfo{CPU: cpuModel(), Cores: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, LoadBefore: loadAverage()}
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	for line := range strings.Lines(string(data)) {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(string(data), " ")
	return first
}
