package main

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
	"strings"
	"time"
)

// serverProcess is a server the suite started as a child process (tsymock,
// a bare handler, WireMock), listening on a loopback port it picked itself.
type serverProcess struct {
	cmd  *exec.Cmd
	Addr string // host:port, from what the server printed when ready
	PID  int
	// GOMAXPROCS is the server's, when its ready line says (the bare
	// servers' do); Version is WireMock's.
	GOMAXPROCS int
	Version    string
	done       chan error
}

// readyInfo is what a server prints once it listens.
type readyInfo struct {
	Addr       string
	GOMAXPROCS int
	Version    string // WireMock's
}

// readyParser reads one line of a server's stdout: ok once the line says
// the server is ready.
type readyParser func(line []byte) (info readyInfo, ok bool)

// jsonReady reads the JSON ready line of tsymock serve and of the bare
// servers, which is their first line.
func jsonReady(line []byte) (readyInfo, bool) {
	var ev struct {
		Event, Addr string
		GOMAXPROCS  int `json:"gomaxprocs"`
	}
	if json.Unmarshal(bytes.TrimSpace(line), &ev) != nil || ev.Event != "ready" || ev.Addr == "" {
		return readyInfo{}, false
	}
	return readyInfo{Addr: ev.Addr, GOMAXPROCS: ev.GOMAXPROCS}, true
}

// startProcess runs binary with args pinned to cpus (none: not pinned)
// and waits until ready accepts a line of its stdout (at most a few
// minutes: a large --preload-members takes a while); it then checks that
// every thread runs on cpus. The server's stderr goes to /dev/null and its
// further stdout is drained: the load generator must not spend CPU time
// reading logs.
func startProcess(ctx context.Context, cpus cpuSet, ready readyParser, binary string, args ...string) (*serverProcess, error) {
	cmd := exec.Command(binary, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("bench: start server: %w", err)
	}
	if err := onCPUs(cpus, cmd.Start); err != nil {
		return nil, fmt.Errorf("bench: start server: %w", err)
	}
	p := &serverProcess{cmd: cmd, PID: cmd.Process.Pid, done: make(chan error, 1)}
	readyc := make(chan readyInfo, 1)
	go p.readStdout(stdout, ready, readyc)
	name := strings.Join(append([]string{binary}, args...), " ")
	select {
	case info := <-readyc:
		if info.Addr == "" {
			return nil, fmt.Errorf("bench: %s exited before it was ready (%v); run it by hand to see why", name, <-p.done)
		}
		p.Addr, p.GOMAXPROCS, p.Version = info.Addr, info.GOMAXPROCS, info.Version
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
	return nil, fmt.Errorf("bench: %s did not get ready", name)
}

// readStdout hands over the ready information (Addr "" if stdout ends
// first), then drains stdout and reports the exit.
func (p *serverProcess) readStdout(stdout io.Reader, ready readyParser, readyc chan<- readyInfo) {
	r := bufio.NewReader(stdout)
	for {
		line, err := r.ReadBytes('\n')
		if info, ok := ready(line); ok {
			readyc <- info
			break
		}
		if err != nil {
			readyc <- readyInfo{}
			break
		}
	}
	_, _ = io.Copy(io.Discard, r)
	p.done <- p.cmd.Wait()
}

// Stop asks the server to shut down (SIGINT, as Ctrl-C), and kills it if
// it has not within 15 s.
func (p *serverProcess) Stop() error {
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-p.done:
		return err
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		return errors.New("bench: the server did not stop within 15 s and was killed")
	}
}

// RSS is the server's resident memory in bytes.
func (p *serverProcess) RSS() (int64, error) { return residentBytes(p.PID) }
