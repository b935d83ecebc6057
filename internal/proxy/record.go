package proxy

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/scenarios"
)

// RecorderConfig is how a Recorder works.
type RecorderConfig struct {
	// Dir is the folder the files go to; it is made if missing, and must
	// not hold a file the recorder would write (an earlier recording).
	Dir string
	// Upstream, Mode and Version are named in each file's header.
	Upstream, Mode, Version string
	// Ignore are the params a rule does not match on (Patterns).
	Ignore []string
	// PlatformKey opens request fields encrypted with tsymock's
	// certificate, so that a rule matches their masked pattern.
	PlatformKey *rsa.PrivateKey
	Catalogue   *soa.Catalogue
	Log         *slog.Logger
}

// Recorder writes forwarded calls as scenario rules (docs/scenarios.md),
// one file per service, DIR/<Service>.yaml, loadable with --scenarios and
// valid under "tsymock validate". A call is one rule, matching its service,
// method and the params that identify it; the same call made again with
// another answer turns the rule into a sequence of the answers in the order
// they came, the last repeating (as WireMock's recorder does with
// repeatsAsScenarios). The file is written again, whole and atomically,
// after every call, so that it is complete whenever the server stops. It is
// safe for concurrent use.
type Recorder struct {
	cfg    RecorderConfig
	ignore Patterns
	mu     sync.Mutex
	files  map[string]*serviceFile // by service
}

// Recording is one forwarded call and the upstream's answer to it.
type Recording struct {
	Time              time.Time
	SysID, HTTPMethod string
	Method            *soa.Method
	// Param is the call's params as sent; Opened and Sealed are its
	// encrypted fields tsymock's key opens and those it cannot (decoded).
	Param  map[string]any
	Opened map[string]string
	Sealed map[string]bool
	// Value or Err is the upstream's answer.
	Value map[string]any
	Err   *soa.Error
}

// NewRecorder checks the folder and returns a recorder.
func NewRecorder(cfg RecorderConfig) (*Recorder, error) {
	if cfg.Catalogue == nil {
		cfg.Catalogue = soa.DefaultCatalogue()
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	ignore := Patterns(cfg.Ignore)
	if err := ignore.Check(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("proxy: --record %s: %w", cfg.Dir, err)
	}
	for _, service := range cfg.Catalogue.Services() {
		if _, err := os.Stat(filepath.Join(cfg.Dir, fileName(service))); err == nil {
			return nil, fmt.Errorf("proxy: --record %s already holds %s from an earlier recording: move it away, or record into another folder",
				cfg.Dir, fileName(service))
		}
	}
	return &Recorder{cfg: cfg, ignore: ignore, files: map[string]*serviceFile{}}, nil
}

// fileName is the file a service's rules go to.
func fileName(service string) string { return service + ".yaml" }

// errNotRecordable marks a call whose answer cannot be a rule; the file
// lists it in a comment.
var errNotRecordable = errors.New("not recorded")

// Record adds the call to its service's file and writes the file. It
// returns the file's path, or an error saying why the call was not
// recorded (an answer about the envelope, an error code tsymock does not
// know, a file that cannot be written).
func (r *Recorder) Record(rec Recording) (string, error) {
	service := rec.Method.Service
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.files[service]
	if f == nil {
		f = &serviceFile{service: service, rules: map[string]*recordedRule{}}
		r.files[service] = f
	}
	path := filepath.Join(r.cfg.Dir, fileName(service))
	err := r.add(f, rec)
	if werr := r.write(f, path); werr != nil {
		return "", werr
	}
	if err != nil {
		return "", err
	}
	return path, nil
}

// add puts the call into its rule, or notes why it cannot be one.
func (r *Recorder) add(f *serviceFile, rec Recording) error {
	st, err := r.newStep(rec)
	if err != nil {
		f.notes = append(f.notes, fmt.Sprintf("%s %s: %v", chinaTime(rec.Time), rec.Method.FullName(), err))
		return fmt.Errorf("%w: %w", errNotRecordable, err)
	}
	conds := r.conditions(rec)
	key := ruleKey(rec.Method, conds)
	rule := f.rules[key]
	if rule == nil {
		rule = &recordedRule{method: rec.Method, conds: conds, key: key, first: st, req: commentReq(rec)}
	}
	candidate := rule.with(st)
	if err := checkRule(candidate); err != nil { // a tsymock bug: never write a file that does not load
		r.cfg.Log.Error("proxy: a recorded rule does not load; it is left out (a tsymock bug, please report it)", "err", err)
		f.notes = append(f.notes, fmt.Sprintf("%s %s: left out, its rule does not load: %v", chinaTime(rec.Time), rec.Method.FullName(), err))
		return fmt.Errorf("%w: %w", errNotRecordable, err)
	}
	f.rules[key] = candidate
	return nil
}

// checkRule loads a file holding the rule alone, as --scenarios would.
func checkRule(rule *recordedRule) error {
	data, err := encode(&serviceFile{service: rule.method.Service, rules: map[string]*recordedRule{rule.key: rule}}, fileHeader{})
	if err != nil {
		return err
	}
	_, err = scenarios.Parse("check.yaml", data)
	return err
}

// write renders the service's file and puts it in place atomically: a
// hidden temporary file (the scenario watcher skips those) renamed over it.
func (r *Recorder) write(f *serviceFile, path string) error {
	data, err := encode(f, fileHeader{Upstream: r.cfg.Upstream, Mode: r.cfg.Mode, Version: r.cfg.Version, Ignore: r.ignore})
	if err != nil {
		return fmt.Errorf("proxy: render %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(r.cfg.Dir, "."+fileName(f.service)+"-*.tmp")
	if err != nil {
		return fmt.Errorf("proxy: record: %w", err)
	}
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("proxy: record %s: %w", path, err)
	}
	return nil
}

// Files lists the files written so far, sorted.
func (r *Recorder) Files() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.files))
	for service := range r.files {
		out = append(out, filepath.Join(r.cfg.Dir, fileName(service)))
	}
	slices.Sort(out)
	return out
}

// chinaTime is a time as the comments write it: China time, the zone of
// every timestamp of the protocol.
func chinaTime(t time.Time) string { return t.In(soa.Shanghai()).Format("2006-01-02 15:04:05") }
