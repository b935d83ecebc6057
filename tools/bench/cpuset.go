package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// cpuSet is a set of CPU numbers, sorted, each once: what an affinity mask
// holds.
type cpuSet []int

// parseCPUList reads a CPU list as taskset -c and /proc/PID/status's
// Cpus_allowed_list write it: "0-3,6".
func parseCPUList(s string) (cpuSet, error) {
	var set cpuSet
	for part := range strings.SplitSeq(strings.TrimSpace(s), ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		first, err1 := strconv.Atoi(lo)
		last, err2 := first, error(nil)
		if isRange {
			last, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || first < 0 || last < first {
			return nil, fmt.Errorf("bench: CPU list %q: want numbers and ranges such as 0-3,6", s)
		}
		for cpu := first; cpu <= last; cpu++ {
			set = append(set, cpu)
		}
	}
	slices.Sort(set)
	return slices.Compact(set), nil
}

// String writes the set as a CPU list ("0-3,6").
func (c cpuSet) String() string {
	var b strings.Builder
	for i := 0; i < len(c); {
		j := i
		for j+1 < len(c) && c[j+1] == c[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(c[i]))
		if j > i {
			b.WriteString("-" + strconv.Itoa(c[j]))
		}
		i = j + 1
	}
	return b.String()
}

// minus is the CPUs of c that are not in o.
func (c cpuSet) minus(o cpuSet) cpuSet {
	var out cpuSet
	for _, cpu := range c {
		if !slices.Contains(o, cpu) {
			out = append(out, cpu)
		}
	}
	return out
}

// parseServerCPUs reads --server-cpus: "none" (or "") pins nothing, "auto"
// picks defaultServerCPUs, anything else is a CPU list.
func parseServerCPUs(flag string) (cpuSet, error) {
	switch flag {
	case "none", "":
		return nil, nil
	case "auto":
		return defaultServerCPUs(), nil
	}
	if runtime.GOOS != "linux" {
		return nil, fmt.Errorf("bench: --server-cpus %s: pinning to CPUs needs Linux; use none", flag)
	}
	return parseCPUList(flag)
}

// defaultServerCPUs is the half of this process's CPUs the suite's servers
// run on, the load generator keeping the rest: nil (no pinning) off Linux
// or with fewer than 2 CPUs.
func defaultServerCPUs() cpuSet {
	cpus, err := threadCPUs(0)
	if err != nil || len(cpus) < 2 {
		return nil
	}
	return halfCores(cpus, coreOf)
}

// halfCores takes half of the cores (at least one), the last ones, with
// all of their hardware threads: a server and the load generator on two
// threads of one core would share its execution units. The last cores,
// since the first CPU tends to take more of the machine's interrupts. With
// a single core it splits its threads.
func halfCores(cpus cpuSet, core func(cpu int) string) cpuSet {
	var groups []cpuSet
	index := map[string]int{}
	for _, cpu := range cpus {
		key := core(cpu)
		i, ok := index[key]
		if !ok || key == "" {
			i = len(groups)
			index[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], cpu)
	}
	if len(groups) == 1 {
		return cpus[len(cpus)-max(len(cpus)/2, 1):]
	}
	var set cpuSet
	for _, g := range groups[len(groups)-max(len(groups)/2, 1):] {
		set = append(set, g...)
	}
	slices.Sort(set)
	return set
}

// coreOf names the core a CPU belongs to by its hardware threads' list
// ("" when the kernel does not say).
func coreOf(cpu int) string {
	data, err := os.ReadFile("/sys/devices/system/cpu/cpu" + strconv.Itoa(cpu) + "/topology/thread_siblings_list")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}
