//go:build soak

package soak

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys/demo"
)

// TestSoak is issue 17.5's soak test (make soak; minutes, not hours): the
// real binary with a data dir, under mixed traffic of every service from
// five clients of four applications (the demo one, two registered at run
// time, one registered on first use), with the server's clock moved a
// minute every second and the notification schedule compressed, is killed
// with SIGKILL every 30 to 50 s and started again. After each start every
// write answered OK is there and every application's ledger balances; at
// the end every order's notification was delivered or, refused by the
// receiver at every attempt, used up its attempts and was logged; no
// replay came out differently; the resident memory never passed its
// ceiling. The figures are logged, and written to SOAK_REPORT when set.
func TestSoak(t *testing.T) {
	r := newRun(t)
	for time.Since(r.start) < r.cfg.duration {
		r.life(true)
	}
	r.life(false)
	r.report()
}

// soakConfig is what the environment sets: SOAK_DURATION (5m), SOAK_RSS_MAX
// in MiB (256), SOAK_DIR (a temporary folder) for the data dir and the logs.
type soakConfig struct {
	duration time.Duration
	rssMax   int64
	dir      string
}

func readConfig(t *testing.T) soakConfig {
	c := soakConfig{duration: 5 * time.Minute, rssMax: 256 << 20, dir: os.Getenv("SOAK_DIR")}
	if v := os.Getenv("SOAK_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		require.NoError(t, err, "SOAK_DURATION")
		c.duration = d
	}
	if v := os.Getenv("SOAK_RSS_MAX"); v != "" {
		var mib int64
		_, err := fmt.Sscan(v, &mib)
		require.NoError(t, err, "SOAK_RSS_MAX (MiB)")
		c.rssMax = mib << 20
	}
	if c.dir == "" {
		c.dir = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(filepath.Join(c.dir, "logs"), 0o755))
	return c
}

// clients are the applications the clients call, one client each.
var clients = []string{demo.SysID, demo.SysID, "700000000001", "700000000002", "800000000001"}

// run is one soak run.
type run struct {
	t      *testing.T
	cfg    soakConfig
	bin    string
	data   string
	rcv    *Receiver
	acked  *Acked
	clock  *Clock
	start  time.Time
	lives  int
	kills  int
	rssMax int64
}

func newRun(t *testing.T) *run {
	cfg := readConfig(t)
	bin, err := Build(t.TempDir())
	require.NoError(t, err)
	m, err := demo.Load()
	require.NoError(t, err)
	r := &run{t: t, cfg: cfg, bin: bin, data: filepath.Join(cfg.dir, "data"), acked: NewAcked(),
		clock: NewClock(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), start: time.Now(),
		rcv: NewReceiver(m.PlatformCert.PublicKey.(*rsa.PublicKey), 5)}
	t.Cleanup(r.rcv.Close)
	return r
}

// args are serve's flags for the next life: the clock where it stood.
func (r *run) args() []string {
	return []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", r.data, "--clock", r.clock.Now().Format(time.RFC3339Nano),
		"--auto-apps", "--snapshot-every", "15s", "--snapshot-every-bytes", "1MiB",
		"--notify-schedule", "200ms,400ms,800ms,1600ms"}
}

// life starts the server, checks it kept everything, and runs the
// traffic: until it is killed after 30 to 50 s, or, the last life, until
// every notification is settled, then stops it.
func (r *run) life(kill bool) {
	t := r.t
	log, err := os.Create(filepath.Join(r.cfg.dir, "logs", fmt.Sprintf("life-%02d.log", r.lives)))
	require.NoError(t, err)
	defer log.Close()
	p, err := Start(r.bin, r.args(), nil, log)
	require.NoError(t, err, "life %d", r.lives)
	r.lives++
	require.Empty(t, Check(p.URL(), r.acked), "life %d: what was answered before is kept", r.lives)
	require.NoError(t, RegisterApp(p.URL(), fmt.Sprintf("7100000000%02d", r.lives), r.acked))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	r.traffic(ctx, &wg, p)
	wg.Go(func() { r.sample(ctx, p) })
	if kill {
		time.Sleep(time.Duration(30+rand.IntN(21)) * time.Second)
		p.Kill()
		r.kills++
		cancel()
		wg.Wait()
		return
	}
	time.Sleep(30 * time.Second)
	cancel()
	wg.Wait()
	r.settle(p)
}

// traffic starts the clients, the registration of applications at run
// time and the clock.
func (r *run) traffic(ctx context.Context, wg *sync.WaitGroup, p *Proc) {
	if r.lives == 1 {
		for _, sysid := range clients[2:4] {
			require.NoError(r.t, RegisterApp(p.URL(), sysid, r.acked))
		}
	}
	for i, sysid := range clients {
		w, err := NewWorker(p.URL(), sysid, fmt.Sprintf("L%dc%d", r.lives, i), r.rcv.URL+"/notify", r.clock.Now, r.acked)
		require.NoError(r.t, err)
		wg.Go(func() { w.Run(ctx) })
	}
	wg.Go(func() {
		for ctx.Err() == nil {
			if err := r.clock.Advance(p.URL(), time.Minute); errors.Is(err, ErrGone) {
				return
			} else if err != nil {
				r.acked.Finding(err)
			}
			time.Sleep(time.Second)
		}
	})
}

// sample reads the process's resident memory every half second.
func (r *run) sample(ctx context.Context, p *Proc) {
	for ctx.Err() == nil {
		if _, peak, err := p.Memory(); err == nil {
			r.rssMax = max(r.rssMax, peak)
		}
		select {
		case <-ctx.Done():
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// settle waits for every notification to be delivered or used up, checks
// the state once more, and stops the server.
func (r *run) settle(p *Proc) {
	t := r.t
	require.Eventually(t, func() bool { return len(CheckNotified(r.acked, r.rcv, r.logs())) == 0 }, 2*time.Minute,
		time.Second, "%v", CheckNotified(r.acked, r.rcv, r.logs()))
	require.Empty(t, Check(p.URL(), r.acked))
	_, peak, err := p.Memory()
	require.NoError(t, err)
	r.rssMax = max(r.rssMax, peak)
	st, err := p.Stop(30 * time.Second)
	require.NoError(t, err)
	require.Equal(t, 0, st.ExitCode())
}

// logs is the text of every life's log.
func (r *run) logs() string {
	var b strings.Builder
	paths, _ := filepath.Glob(filepath.Join(r.cfg.dir, "logs", "*.log"))
	for _, p := range paths {
		text, err := os.ReadFile(p)
		require.NoError(r.t, err)
		b.Write(text)
	}
	return b.String()
}

// report checks what is left and writes the figures.
func (r *run) report() {
	t := r.t
	logs := r.logs()
	assert.NotContains(t, logs, "came out differently", "every replay came out as answered")
	assert.Empty(t, r.acked.Findings(), "every call answered OK while the server ran")
	rs := r.rcv.Stats()
	assert.Empty(t, rs.Bad, "every notification verifies")
	assert.LessOrEqual(t, r.rssMax, r.cfg.rssMax, "resident memory under its ceiling")
	var walBytes int64
	files, err := os.ReadDir(r.data)
	require.NoError(t, err)
	for _, f := range files {
		if info, err := f.Info(); err == nil {
			walBytes += info.Size()
		}
	}
	tot := r.acked.Totals()
	figures := map[string]any{"duration": time.Since(r.start).Round(time.Second).String(), "lives": r.lives,
		"kills": r.kills, "calls": tot.Calls, "members": tot.Members, "orders": tot.Orders, "pages": tot.Pages,
		"appsAtRunTime": tot.Apps, "notificationsOwed": tot.Notified, "notificationsDelivered": rs.Delivered,
		"notificationsRefused": rs.Refused, "notificationAttempts": rs.Attempts, "otherNotifications": rs.Others,
		"rssMaxMiB": float64(r.rssMax) / (1 << 20), "rssCeilingMiB": r.cfg.rssMax >> 20, "dataDirBytes": walBytes,
		"dataDirFiles": len(files), "snapshots": strings.Count(logs, "wal: snapshot written"),
		"logBytes": len(logs)}
	b, _ := json.MarshalIndent(figures, "", "  ")
	t.Logf("soak figures:\n%s", b)
	if path := os.Getenv("SOAK_REPORT"); path != "" {
		require.NoError(t, os.WriteFile(path, b, 0o644))
	}
}
