package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/tsymock/tsymock/mock"
)

// listenReady listens on --addr and writes --ready-file; the caller prints
// the ready line, once it serves.
func listenReady(f serveFlags, cfg mock.Config) (net.Listener, []byte, error) {
	if err := clearReadyFile(f.readyFile); err != nil {
		return nil, nil, err
	}
	if err := checkListenAddr(f.addr); err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen on %s: %w%s", f.addr, err, listenHint(err))
	}
	line, err := readyJSON(ln.Addr().String(), cfg)
	if err == nil {
		err = writeReadyFile(f.readyFile, line)
	}
	if err != nil {
		_ = ln.Close()
		return nil, nil, err
	}
	return ln, line, nil
}

// checkListenAddr refuses a URL where HOST:PORT is wanted, saying which:
// $TSYMOCK_ADDR set to http://127.0.0.1:7530 for the client commands (which
// take it) would otherwise read "too many colons in address".
func checkListenAddr(addr string) error {
	u, err := url.Parse(addr)
	if err != nil || !strings.Contains(addr, "://") || u.Host == "" {
		return nil
	}
	return fmt.Errorf("--addr (or $%s) %q is a URL; serve listens on HOST:PORT: use %s", addrEnv, addr, u.Host)
}

// listenHint says what to do when the port is taken: most often by another
// tsymock left running.
func listenHint(err error) string {
	if !errors.Is(err, syscall.EADDRINUSE) {
		return ""
	}
	return " (is another tsymock, or another server, running on that port? Stop it, or pick another port: " +
		"--addr 127.0.0.1:0 lets the system choose one, and the ready line tells which)"
}

// readyJSON is the ready line: one JSON object, printed to stdout and
// written to --ready-file once the server listens.
func readyJSON(addr string, cfg mock.Config) ([]byte, error) {
	line := readyLine{Event: "ready", Addr: addr, SOAURL: "http://" + addr + "/service/soa",
		Version: versionString(), PID: os.Getpid()}
	for _, a := range cfg.Apps {
		line.SysIDs = append(line.SysIDs, a.SysID)
	}
	return json.Marshal(line)
}

// clearReadyFile removes a ready file left by a run that was killed, so that
// nobody waiting for the file mistakes it for this run's.
func clearReadyFile(path string) error {
	if path == "" {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("--ready-file: %w", err)
	}
	return nil
}

// writeReadyFile writes the ready line to path atomically (a temporary file
// in the same folder, then a rename): whoever sees the file sees all of it.
func writeReadyFile(path string, line []byte) error {
	if path == "" {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tsymock-ready-*")
	if err != nil {
		return fmt.Errorf("--ready-file: %w", err)
	}
	_, err = tmp.Write(append(line, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("--ready-file: %w", err)
	}
	return nil
}

// removeReadyFile takes the ready file away when the server has stopped.
func removeReadyFile(path string, logger *slog.Logger) {
	if path == "" {
		return
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		logger.Warn("cannot remove the ready file", "path", path, "err", err)
	}
}
