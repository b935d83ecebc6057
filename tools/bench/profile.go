package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// profile takes a CPU profile of the server at addr during the timed
// phase, into ProfileDir/name.cpu.pprof (read it with go tool pprof). The
// channel reports when it is done; at once when no profile was asked for.
func (s *suite) profile(ctx context.Context, addr string, d time.Duration, name string) <-chan error {
	done := make(chan error, 1)
	if s.o.ProfileDir == "" || name == "" {
		done <- nil
		return done
	}
	seconds := max(int((d-time.Second)/time.Second), 1)
	go func() {
		time.Sleep(s.o.Warmup)
		done <- fetchProfile(ctx, addr, seconds, filepath.Join(s.o.ProfileDir, name+".cpu.pprof"))
	}()
	return done
}

func fetchProfile(ctx context.Context, addr string, seconds int, path string) error {
	url := fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, seconds)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench: profile: %s answered %s", url, resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	_, err = io.Copy(f, resp.Body)
	return errors.Join(err, f.Close())
}
