package soak

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sync"
	"time"

	"github.com/tsymock/tsymock/keys/demo"
)

// RegisterApp registers sysid at run time through the admin API, with the
// demo merchant's certificate, and records it once answered.
func RegisterApp(base, sysid string, a *Acked) error {
	cert, err := fs.ReadFile(demo.Files(), "TEST-ONLY-"+demo.SysID+".cer")
	if err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]string{"sysid": sysid, "cert": string(cert)})
	resp, err := http.Post(base+"/__tsymock/apps", "application/json", bytes.NewReader(body))
	if err != nil {
		return ErrGone
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		err := fmt.Errorf("soak: register %s: HTTP %d", sysid, resp.StatusCode)
		a.Finding(err)
		return err
	}
	a.App(sysid)
	return nil
}

// Clock is the server's clock as a run moves it: fixed at start
// (--clock), advanced through the admin API, so that a few minutes stand
// for days. Clients stamp their requests with it.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock is a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now is the server's time as last read.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the server's clock by d and reads where it stands.
func (c *Clock) Advance(base string, d time.Duration) error {
	body, _ := json.Marshal(map[string]string{"advance": d.String()})
	resp, err := http.Post(base+"/__tsymock/clock", "application/json", bytes.NewReader(body))
	if err != nil {
		return ErrGone
	}
	defer resp.Body.Close()
	var st struct {
		Now time.Time `json:"now"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("soak: advance the clock: HTTP %d: %v", resp.StatusCode, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = st.Now
	return nil
}
