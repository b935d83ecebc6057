// Package store keeps tsymock's state in a data dir (mock.Config.DataDir)
// across restarts: a write-ahead log (internal/wal) of the emulator's ops,
// the applications registered at run time, and the keys of the
// notifications the notifier finished; and, from time to time, a snapshot
// of all of it, behind which the log is cut (snapshot.go). Open restores
// the snapshot and replays the log after it.
package store

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/wal"
)

// Store keeps the state in a data dir: a write-ahead log of the emulator's
// ops, the applications registered at run time, and the keys of the
// notifications the notifier finished. A restart restores the newest
// snapshot and replays the log after it. The emulator answers a change
// only once its record is on disk, so every call answered OK is still
// there after a crash.
//
// A Store is made before the emulator, which records through it
// (emulator.Recorder), and opened once the configured applications are
// registered.
type Store struct {
	// log and emu are set by Open, before the server can answer or record
	// anything; a replay never records.
	log    *wal.Log
	emu    *emulator.Emulator
	logger *slog.Logger

	// hold keeps the records of the store's own (an application kept, a
	// notification finished) and the notifications taken out of a
	// snapshot's freeze: each holds it for reading around its change in
	// memory and its append, a capture for writing. An op needs no part
	// of it: the emulator's freeze holds ops off. It is always taken
	// before any lock of the emulator.
	hold sync.RWMutex
	kept kept

	compaction compaction
}

// New returns a store to be opened.
func New() *Store { return &Store{kept: newKept()} }

// storeRecord is one line of the log: exactly one field is set.
type storeRecord struct {
	Op   *emulator.Op `json:"op,omitempty"`
	App  *appRecord   `json:"app,omitempty"`
	Done string       `json:"done,omitempty"` // Event.Key of a finished notification
}

// appRecord is an application registered at run time (admin or auto).
type appRecord struct {
	SysID  string   `json:"sysid"`
	Key    []byte   `json:"key"` // PKIX DER of the merchant's public key
	Sets   []string `json:"sets,omitempty"`
	Origin string   `json:"origin"`
	Audit  string   `json:"companyAudit,omitempty"` // apps.App.CompanyAudit
}

func (st *Store) append(r storeRecord) (uint64, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return 0, fmt.Errorf("store: encode record: %w", err)
	}
	return st.log.Append(b)
}

// Record writes an op ahead (emulator.Recorder).
func (st *Store) Record(op *emulator.Op) (uint64, error) { return st.append(storeRecord{Op: op}) }

// Wait returns when the record at lsn is on disk (emulator.Recorder).
func (st *Store) Wait(lsn uint64) error { return st.log.Wait(lsn) }

// Err is the error that stopped the log (emulator.Recorder).
func (st *Store) Err() error { return st.log.Err() }

// Close stops the snapshots (waiting for one in progress), then closes
// the log.
func (st *Store) Close() error {
	st.StopCompaction()
	if st.log != nil {
		return st.log.Close()
	}
	return nil
}

// decodeRecord reads a record as written, numbers in an op's param as
// json.Number, as the envelope decodes them.
func decodeRecord(payload []byte) (storeRecord, error) {
	var r storeRecord
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		return r, fmt.Errorf("store: decode record: %w", err)
	}
	return r, nil
}

// newAppRecord is a as the log keeps it.
func newAppRecord(a apps.App, origin string) (appRecord, error) {
	der, err := x509.MarshalPKIXPublicKey(a.Key)
	if err != nil {
		return appRecord{}, fmt.Errorf("store: encode the key of %s: %w", a.SysID, err)
	}
	return appRecord{SysID: a.SysID, Key: der, Sets: a.AccountSets, Origin: origin, Audit: a.CompanyAudit}, nil
}

// app rebuilds a registered application.
func (r *appRecord) app() (apps.App, error) {
	k, err := x509.ParsePKIXPublicKey(r.Key)
	if err != nil {
		return apps.App{}, fmt.Errorf("store: the key of %s: %w", r.SysID, err)
	}
	pub, ok := k.(*rsa.PublicKey)
	if !ok {
		return apps.App{}, fmt.Errorf("store: the key of %s is not RSA", r.SysID)
	}
	return apps.App{SysID: r.SysID, Key: pub, AccountSets: r.Sets, CompanyAudit: r.Audit}, nil
}

// replayStats is what a restart found in the data dir.
type replayStats struct {
	ops, apps, done, diverged int
	finished                  map[string]bool
}

// Stats is the write-ahead log's figures now (wal.Log.Stats), for
// metrics; ok is false before Open.
func (st *Store) Stats() (s wal.Stats, ok bool) {
	if st == nil || st.log == nil {
		return wal.Stats{}, false
	}
	return st.log.Stats(), true
}
