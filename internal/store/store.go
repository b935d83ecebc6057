// Package store keeps tsymock's state in a data dir (mock.Config.DataDir)
// across restarts: a write-ahead log (internal/wal) of the emulator's ops,
// the applications registered at run time, and the keys of the
// notifications the notifier finished. Open replays it.
package store

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"fmt"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/wal"
)

// Store keeps the state in a data dir: a write-ahead log of the emulator's
// ops, the applications registered at run time, and the keys of the
// notifications the notifier finished. A restart replays it. The emulator
// answers a change only once its record is on disk, so every call answered
// OK is still there after a crash.
//
// A Store is made before the emulator, which records through it
// (emulator.Recorder), and opened once the configured applications are
// registered.
type Store struct {
	// log is set by Open, before the server can answer or record
	// anything; a replay never records.
	log *wal.Log
}

// New returns a store to be opened.
func New() *Store { return &Store{} }

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

// KeepApp records an application registered at run time and waits until
// it is on disk.
func (st *Store) KeepApp(a apps.App, origin string) error {
	der, err := x509.MarshalPKIXPublicKey(a.Key)
	if err != nil {
		return fmt.Errorf("store: encode the key of %s: %w", a.SysID, err)
	}
	lsn, err := st.append(storeRecord{App: &appRecord{SysID: a.SysID, Key: der, Sets: a.AccountSets, Origin: origin}})
	if err != nil {
		return err
	}
	return st.Wait(lsn)
}

// Finished records that a notification needs no more attempts, so a
// restart does not send it again. Not waited for: at worst a crash sends
// it once more, as the platform may.
func (st *Store) Finished(key string) {
	if key != "" {
		_, _ = st.append(storeRecord{Done: key})
	}
}

// Close closes the log.
func (st *Store) Close() error {
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
	return apps.App{SysID: r.SysID, Key: pub, AccountSets: r.Sets}, nil
}

// replayStats is what a restart found in the data dir.
type replayStats struct {
	ops, apps, done, diverged int
	finished                  map[string]bool
}
