package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// selfCPU is the CPU time (user + system) this process, the load
// generator, has used so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// clockTicks is Linux's USER_HZ, the unit of /proc/PID/stat's times; it is
// 100 on every mainstream kernel configuration.
const clockTicks = 100

// processCPU is the CPU time (user + system) a process has used so far,
// from /proc/PID/stat (Linux), to a hundredth of a second.
func processCPU(pid int) (time.Duration, error) {
	return statCPU("/proc/" + strconv.Itoa(pid) + "/stat")
}

// statCPU reads the CPU time from a process's or a thread's stat file.
func statCPU(path string) (time.Duration, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("bench: CPU time: %w", err)
	}
	// The command name, field 2, may hold spaces: count from its ')'.
	_, rest, ok := strings.Cut(string(data), ") ")
	fields := strings.Fields(rest)
	if !ok || len(fields) < 13 {
		return 0, fmt.Errorf("bench: CPU time: unexpected %s", path)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(fields[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bench: CPU time: unexpected %s", path)
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// residentBytes reads a process's VmRSS from /proc/PID/status (Linux).
func residentBytes(pid int) (int64, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, fmt.Errorf("bench: resident memory: %w", err)
	}
	for line := range strings.Lines(string(data)) {
		rest, ok := strings.CutPrefix(line, "VmRSS:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("bench: resident memory: %q", line)
		}
		return kb << 10, nil
	}
	return 0, errors.New("bench: resident memory: no VmRSS line")
}

// threadIDs lists the threads of a process.
func threadIDs(pid int) ([]int, error) {
	entries, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
	if err != nil {
		return nil, fmt.Errorf("bench: threads of process %d: %w", pid, err)
	}
	tids := make([]int, 0, len(entries))
	for _, e := range entries {
		if tid, err := strconv.Atoi(e.Name()); err == nil {
			tids = append(tids, tid)
		}
	}
	return tids, nil
}
