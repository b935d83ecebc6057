package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// run is what one start measured.
type run struct {
	line   time.Duration // from just before the fork to the first line of stdout
	answer time.Duration // from just before the fork to the first signed answer (0: none asked)
	faults int           // minor page faults of the process when its line was read
}

// startAndStop starts argv with an empty environment and times its first
// line. When call is not nil, argv is a server: the call is sent to the
// address its line names and timed, then the server is stopped (SIGTERM);
// otherwise the command ends by itself. Either must exit with 0.
func startAndStop(ctx context.Context, argv []string, call *signedCall) (run, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = []string{}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return run{}, err
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return run{}, err
	}
	r, err := timeStart(ctx, cmd, bufio.NewReader(stdout), call, t0)
	if call != nil {
		_ = cmd.Process.Signal(syscall.SIGTERM)
	}
	if werr := cmd.Wait(); err == nil && werr != nil {
		err = fmt.Errorf("%s: %w", argv[0], werr)
	}
	return r, err
}

// timeStart reads the first line and sends the call.
func timeStart(ctx context.Context, cmd *exec.Cmd, stdout *bufio.Reader, call *signedCall, t0 time.Time) (run, error) {
	line, err := stdout.ReadString('\n')
	r := run{line: time.Since(t0), faults: minorFaults(cmd.Process.Pid)}
	if err != nil {
		return r, fmt.Errorf("%s: no line on stdout: %w", cmd.Path, err)
	}
	if call == nil {
		return r, nil
	}
	var ready struct {
		Event, Addr string
	}
	if err := json.Unmarshal([]byte(line), &ready); err != nil || ready.Event != "ready" {
		return r, fmt.Errorf("%s: not a ready line: %q", cmd.Path, line)
	}
	if err := call.send(ctx, ready.Addr); err != nil {
		return r, err
	}
	r.answer = time.Since(t0)
	return r, call.check()
}

// minorFaults reads a process's minor page faults from /proc (0 where
// there is none): on a virtual machine each costs microseconds, and they
// are most of what a start costs.
func minorFaults(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	return statField(string(b), 10)
}

// statField is field n (counted from 1, as proc(5) does) of a
// /proc/PID/stat line; the command name, field 2, may hold spaces.
func statField(stat string, n int) int {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 || n < 3 {
		return 0
	}
	fields := strings.Fields(stat[i+1:])
	if n-3 >= len(fields) {
		return 0
	}
	v, _ := strconv.Atoi(fields[n-3])
	return v
}

// idleMemory starts argv n times and reads its resident memory (VmRSS) idle
// after the ready line.
func idleMemory(ctx context.Context, argv []string, n int, idle time.Duration) (summary, error) {
	var kib []float64
	for range n {
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		cmd.Env = []string{}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return summary{}, err
		}
		if err := cmd.Start(); err != nil {
			return summary{}, err
		}
		_, err = bufio.NewReader(stdout).ReadString('\n')
		if err == nil {
			time.Sleep(idle)
			kib = append(kib, float64(vmRSS(cmd.Process.Pid)))
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		err = errors.Join(err, cmd.Wait())
		if err != nil {
			return summary{}, fmt.Errorf("%s: %w", argv[0], err)
		}
	}
	return summarize(kib), nil
}

// vmRSS reads a process's resident memory in KiB from /proc.
func vmRSS(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			v, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return v
		}
	}
	return 0
}
