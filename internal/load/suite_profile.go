package load

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
		return fmt.Errorf("load: profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("load: profile: %s answered %s", url, resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("load: profile: %w", err)
	}
	_, err = io.Copy(f, resp.Body)
	return errors.Join(err, f.Close())
}

// fetchOK sends one request and returns its answer's body, which must be
// an OK envelope: the bytes the bare handler then writes.
func fetchOK(addr string, req []byte) ([]byte, error) {
	c, err := dial(addr)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer func() { _ = c.Close() }()
	a, err := c.roundTrip(req, time.Now().Add(30*time.Second))
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	t := newTally()
	t.count(a, 0)
	if t.ok != 1 {
		return nil, fmt.Errorf("load: the canned call was not answered OK: %s", firstBytes(a.body, 300))
	}
	return append([]byte(nil), a.body...), nil
}
