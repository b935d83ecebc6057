// Package soak drives the real tsymock binary over loopback as a team's
// shared sandbox uses it for months: mixed traffic of every service from
// several clients (traffic.go), a merchant's backUrl that fails a share
// of the notifications (receiver.go), kill -9 and restart; and, after
// each restart, checks that every write tsymock acknowledged is there and
// that the ledger balances (check.go).
//
// It is test support, as internal/wiretest is: cmd/tsymock's crash tests
// of snapshots and the soak test (soak_test.go, build tag soak, make soak)
// use it; nothing in the tsymock binary imports it.
package soak

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Build builds tsymock with the given build tags into dir and returns the
// binary's path. Run it from within the module.
func Build(dir string, tags ...string) (string, error) {
	path := filepath.Join(dir, "tsymock")
	if len(tags) > 0 {
		path += "-" + strings.Join(tags, "-")
	}
	args := []string{"build", "-trimpath", "-o", path}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd := exec.Command(goTool(), append(args, "github.com/tsymock/tsymock/cmd/tsymock")...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("soak: build tsymock: %w\n%s", err, out)
	}
	return path, nil
}

// goTool is the go command on PATH, or the one of this machine's Go
// installation when PATH has none.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "/usr/local/go/bin/go"
}

// Ready is the ready line "tsymock serve" prints once it listens.
type Ready struct {
	Addr   string   `json:"addr"`
	PID    int      `json:"pid"`
	SysIDs []string `json:"sysids"`
}

// Proc is a running "tsymock serve".
type Proc struct {
	Ready  Ready
	cmd    *exec.Cmd
	done   chan struct{} // closed once it has exited
	state  *os.ProcessState
	stdout bytes.Buffer // after the ready line
}

// ErrExited is Start's error when the process exits before it is ready.
var ErrExited = errors.New("soak: tsymock exited before its ready line")

// Start runs bin with args (serve and its flags), env added to this
// process's environment, its stderr to log, and waits up to a minute for
// the ready line. When the process exits first it returns the Proc with
// ErrExited: Wait says how it ended.
func Start(bin string, args, env []string, log io.Writer) (*Proc, error) {
	p := &Proc{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = log
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("soak: %w", err)
	}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("soak: start tsymock: %w", err)
	}
	lines := make(chan string, 1)
	go p.follow(bufio.NewReader(out), lines)
	select {
	case line := <-lines:
		if line == "" {
			<-p.done
			return p, ErrExited
		}
		if err := json.Unmarshal([]byte(line), &p.Ready); err != nil {
			p.Kill()
			return nil, fmt.Errorf("soak: ready line %q: %w", line, err)
		}
		return p, nil
	case <-time.After(time.Minute):
		p.Kill()
		return nil, errors.New("soak: no ready line in a minute")
	}
}

// follow hands the first line of stdout to lines ("" if there is none),
// keeps the rest, then waits for the process.
func (p *Proc) follow(out *bufio.Reader, lines chan<- string) {
	line, _ := out.ReadString('\n')
	lines <- strings.TrimSpace(line)
	_, _ = io.Copy(&p.stdout, out)
	_ = p.cmd.Wait()
	p.state = p.cmd.ProcessState
	close(p.done)
}

// URL is the server's base URL.
func (p *Proc) URL() string { return "http://" + p.Ready.Addr }

// Kill kills the process with SIGKILL and waits for it.
func (p *Proc) Kill() *os.ProcessState {
	_ = p.cmd.Process.Kill()
	<-p.done
	return p.state
}

// Stop sends SIGTERM and waits up to timeout for the exit.
func (p *Proc) Stop(timeout time.Duration) (*os.ProcessState, error) {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	return p.Wait(timeout)
}

// Wait waits up to timeout for the process to exit on its own.
func (p *Proc) Wait(timeout time.Duration) (*os.ProcessState, error) {
	select {
	case <-p.done:
		return p.state, nil
	case <-time.After(timeout):
		return nil, fmt.Errorf("soak: tsymock (pid %d) still runs after %s", p.cmd.Process.Pid, timeout)
	}
}

// Exited is closed once the process has exited.
func (p *Proc) Exited() <-chan struct{} { return p.done }

// Killed reports whether a process ended by SIGKILL.
func Killed(st *os.ProcessState) bool {
	ws, ok := st.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// Memory is the process's resident memory now (VmRSS) and at its peak
// (VmHWM), in bytes, from /proc.
func (p *Proc) Memory() (rss, peak int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, 0, fmt.Errorf("soak: memory: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, value, _ := strings.Cut(line, ":")
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		switch {
		case err != nil:
		case name == "VmRSS":
			rss = kb << 10
		case name == "VmHWM":
			peak = kb << 10
		}
	}
	return rss, peak, nil
}
