package scenarios

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultPoll is how often a Watcher reads the files again when the
// operating system cannot report changes.
const DefaultPoll = 500 * time.Millisecond

// settle is how long a Watcher waits after a change event before reading:
// editors often write a file in several steps.
const settle = 50 * time.Millisecond

// WatchOptions configure a Watcher.
type WatchOptions struct {
	// Logger receives a line for each file loaded, rejected or removed
	// (default discards).
	Logger *slog.Logger
	// Poll, when set, reads the files at this interval instead of waiting
	// for change events.
	Poll time.Duration
	// MaxDelay, when set, is the server's cap on waits: a file loaded with
	// a rule that waits longer gets a warning (Capped).
	MaxDelay time.Duration
}

// Watcher keeps a Set's file rules in step with scenario files on disk: a
// changed file is loaded again; a file whose new text has problems keeps
// its previous rules, and the problems are logged as file:line; a file that
// is gone takes its rules with it.
type Watcher struct {
	set   *Set
	paths []string
	log   *slog.Logger
	poll  time.Duration
	cap   time.Duration // WatchOptions.MaxDelay

	mu     sync.Mutex
	state  map[string]*fileState
	synced bool
}

// fileState is what a Watcher knows of one file.
type fileState struct {
	sum      [sha256.Size]byte
	file     *File // the rules in force: the last good text
	errs     Errors
	rejected time.Time // when errs were first found, for Set.Rejected
}

// NewWatcher returns a watcher of paths (files, folders and builtin:NAME,
// as Expand takes them) that loads into set. Call Sync to load, Run to
// follow changes.
func NewWatcher(set *Set, paths []string, opts WatchOptions) *Watcher {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Watcher{set: set, paths: paths, log: opts.Logger, poll: opts.Poll, cap: opts.MaxDelay, state: map[string]*fileState{}}
}

// Sync reads every file, loads those that changed, and puts the files in
// force in the Set, in order. It returns the problems of every file that
// has any (a rejected file keeps its previous rules, if it had some).
// Rejections are logged, except on the first Sync, whose caller reports them.
func (w *Watcher) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	sources, err := Expand(w.paths)
	errs := AsErrors(err)
	next := make(map[string]*fileState, len(sources))
	var files []*File
	var rejected []Rejection
	for _, src := range sources {
		st := w.syncOne(src)
		next[src] = st
		errs = append(errs, st.errs...)
		if st.file != nil {
			files = append(files, st.file)
		}
		if len(st.errs) > 0 {
			rejected = append(rejected, Rejection{Source: src, Time: st.rejected, Errors: st.errs, Kept: st.file != nil})
		}
	}
	for src := range w.state {
		if _, ok := next[src]; !ok {
			w.log.Warn("scenario file removed; its rules are no longer in force", "file", src)
		}
	}
	w.state, w.synced = next, true
	w.set.setFiles(files, rejected)
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// syncOne reads one file and parses it when its text changed.
func (w *Watcher) syncOne(src string) *fileState {
	prev := w.state[src]
	data, err := readSource(src)
	if err != nil {
		return w.reject(src, [sha256.Size]byte{}, AsErrors(err), prev)
	}
	sum := sha256.Sum256(data)
	if prev != nil && prev.sum == sum {
		return prev
	}
	f, err := Parse(src, data)
	if err != nil {
		return w.reject(src, sum, AsErrors(err), prev)
	}
	w.log.Info("scenario file loaded", "file", src, "rules", len(f.Rules))
	if w.cap > 0 {
		for _, c := range Capped([]*File{f}, w.cap) {
			w.log.Warn("scenario rule capped", "rule", c)
		}
	}
	return &fileState{sum: sum, file: f}
}

// reject keeps a file's previous rules in force after its text (of sum)
// was refused for errs, and logs the problems once per change.
func (w *Watcher) reject(src string, sum [sha256.Size]byte, errs Errors, prev *fileState) *fileState {
	st := &fileState{sum: sum, errs: errs, rejected: time.Now()}
	if prev != nil {
		st.file = prev.file
	}
	if prev != nil && prev.errs.Error() == errs.Error() {
		st.rejected = prev.rejected // the same problems: no news
		return st
	}
	if !w.synced {
		return st // the first Sync's caller reports them
	}
	kept := "it has no rules in force"
	if st.file != nil {
		kept = "its previous rules stay in force"
	}
	for _, e := range errs {
		w.log.Error("scenario file rejected; "+kept, "file", src, "error", e.Error())
	}
	return st
}

// readSource reads a file from disk or an embedded example.
func readSource(src string) ([]byte, error) {
	if name, ok := strings.CutPrefix(src, builtinPrefix); ok {
		if data, ok := BuiltinSource(name); ok {
			return data, nil
		}
		_, err := Builtin(name)
		return nil, err
	}
	return readFile(src)
}

// Run follows changes until ctx ends: with change events from the
// operating system, or by reading the files every Poll (or DefaultPoll when
// events are unavailable). A change is in force within a second.
func (w *Watcher) Run(ctx context.Context) {
	if w.poll == 0 {
		fw, err := w.events()
		if err == nil {
			defer fw.Close()
			_ = w.Sync() // a change made before the watch began
			w.runEvents(ctx, fw)
			return
		}
		w.log.Warn("scenario files: no change events, reading them every "+DefaultPoll.String(), "err", err)
		w.poll = DefaultPoll
	}
	w.runPoll(ctx)
}

// events watches the folders that hold the files.
func (w *Watcher) events() (*fsnotify.Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, dir := range w.dirs() {
		if err := fw.Add(dir); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return fw, nil
}

// dirs lists the folders to watch: a folder given, or the folder of a file
// given (editors replace files, which a watch on the file itself misses).
func (w *Watcher) dirs() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range w.paths {
		if strings.HasPrefix(p, builtinPrefix) {
			continue
		}
		dir := p
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			dir = filepath.Dir(p)
		}
		if !seen[dir] {
			seen[dir] = true
			out = append(out, dir)
		}
	}
	return out
}

// runEvents syncs shortly after each change event.
func (w *Watcher) runEvents(ctx context.Context, fw *fsnotify.Watcher) {
	var due <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-fw.Events:
			if !ok {
				return
			}
			due = time.After(settle)
		case err, ok := <-fw.Errors:
			if !ok {
				return
			}
			w.log.Warn("scenario files: watch error", "err", err)
		case <-due:
			due = nil
			_ = w.Sync() // problems are logged
		}
	}
}

// runPoll syncs at every tick.
func (w *Watcher) runPoll(ctx context.Context) {
	t := time.NewTicker(w.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = w.Sync()
		}
	}
}
