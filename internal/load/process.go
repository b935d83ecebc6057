package load

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Process is a tsymock server started as a child process, listening on a
// loopback port it picked itself.
type Process struct {
	cmd  *exec.Cmd
	Addr string // host:port from the ready line
	PID  int
	// GOMAXPROCS is the server's, when its ready line says (the bare
	// servers' do).
	GOMAXPROCS int
	done       chan error
}

// StartProcess runs binary with args (such as "serve --addr 127.0.0.1:0")
// and waits for its JSON ready line on stdout (at most a few minutes: a
// large --preload-members takes a while). The server's log goes to
// /dev/null: the load generator must not spend CPU time reading it.
func StartProcess(ctx context.Context, binary string, args ...string) (*Process, error) {
	return startPinned(ctx, nil, binary, args...)
}

// startPinned is StartProcess with the server pinned to cpus (none: not
// pinned), which it checks of every thread once the server is ready.
func startPinned(ctx context.Context, cpus CPUSet, binary string, args ...string) (*Process, error) {
	all := args
	cmd := exec.Command(binary, all...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("load: start server: %w", err)
	}
	if err := onCPUs(cpus, cmd.Start); err != nil {
		return nil, fmt.Errorf("load: start server: %w", err)
	}
	p := &Process{cmd: cmd, PID: cmd.Process.Pid, done: make(chan error, 1)}
	ready := make(chan readyEvent, 1)
	go p.readStdout(stdout, ready)
	select {
	case ev := <-ready:
		if ev.Addr == "" {
			return nil, fmt.Errorf("load: %s exited before its ready line (%v); run it by hand to see why", strings.Join(all, " "), <-p.done)
		}
		p.Addr, p.GOMAXPROCS = ev.Addr, ev.GOMAXPROCS
		if len(cpus) > 0 {
			if err := checkPinned(p.PID, cpus); err != nil {
				_ = p.Stop()
				return nil, err
			}
		}
		return p, nil
	case <-ctx.Done():
	case <-time.After(5 * time.Minute):
	}
	_ = p.Stop()
	return nil, fmt.Errorf("load: %s did not get ready", strings.Join(all, " "))
}

// readyEvent is what the suite reads of a ready line.
type readyEvent struct {
	Event, Addr string
	GOMAXPROCS  int `json:"gomaxprocs"`
}

// readStdout hands over the ready line (Addr "" if stdout ends first),
// then drains stdout and reports the exit.
func (p *Process) readStdout(stdout io.Reader, ready chan<- readyEvent) {
	r := bufio.NewReader(stdout)
	line, _ := r.ReadBytes('\n')
	var ev readyEvent
	if json.Unmarshal(bytes.TrimSpace(line), &ev) != nil || ev.Event != "ready" {
		ev = readyEvent{}
	}
	ready <- ev
	_, _ = io.Copy(io.Discard, r)
	p.done <- p.cmd.Wait()
}

// Stop asks the server to shut down (SIGINT, as Ctrl-C), and kills it if
// it has not within 15 s.
func (p *Process) Stop() error {
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-p.done:
		return err
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		return errors.New("load: the server did not stop within 15 s and was killed")
	}
}

// RSS is the server's resident memory in bytes (Linux: VmRSS from
// /proc/PID/status).
func (p *Process) RSS() (int64, error) { return ResidentBytes(p.PID) }

// ResidentBytes reads a process's VmRSS on Linux.
func ResidentBytes(pid int) (int64, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, fmt.Errorf("load: resident memory: %w", err)
	}
	for line := range strings.Lines(string(data)) {
		rest, ok := strings.CutPrefix(line, "VmRSS:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("load: resident memory: %q", line)
		}
		return kb << 10, nil
	}
	return 0, errors.New("load: resident memory: no VmRSS line")
}
