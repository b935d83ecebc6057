package wal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"time"
)

// SalvageInfo is what Salvage did.
type SalvageInfo struct {
	// Damage is what was damaged; nil when the log was whole and Salvage
	// changed nothing.
	Damage *DamageError
	// SetAside are the new names of the damaged segment and of every
	// segment after it, as they were (hard links: nothing is copied or
	// deleted).
	SetAside []string
	// Kept is the LSN of the last record kept: the log opens with records
	// 1 to Kept and appends from Kept+1.
	Kept uint64
}

// Salvage makes a damaged log in dir open again, keeping what is provably
// good: the snapshot and the records before the damage. It sets the
// damaged segment and every segment after it aside, under their names
// plus ".damaged-" and the time (hard links to the same files, so nothing
// is deleted or rewritten), then puts the damaged segment's records before
// the damage back under its own name and removes the later segments' old
// names. Nothing after the damage is kept: the state is rebuilt by
// replaying every change in order, and a change replayed without one
// before it (the damaged one, whose length may be lost with it) would
// rebuild a state that was never answered. A log without damage is left
// as it is. A damaged snapshot cannot be salvaged (the log it replaced is
// gone); Salvage then returns its *DamageError and changes nothing.
// Interrupted, it can be run again.
func Salvage(dir string) (SalvageInfo, error) {
	return salvage(dir, envHooks(), time.Now())
}

func salvage(dir string, h hooks, now time.Time) (SalvageInfo, error) {
	lock, err := lockDir(dir)
	if err != nil {
		return SalvageInfo{}, err
	}
	defer lock.Close()
	lay, err := readLayout(dir)
	if err != nil {
		return SalvageInfo{}, err
	}
	snap, _, err := restore(dir, lay, func(uint64, io.Reader) error { return nil })
	if err != nil {
		return SalvageInfo{}, fmt.Errorf("wal: cannot salvage %s: %w", dir, err)
	}
	_, dmg, err := walk(lay, snap, nil)
	if err != nil || dmg == nil {
		return SalvageInfo{}, err
	}
	info := SalvageInfo{Damage: dmg.err, Kept: max(dmg.err.Record-1, snap)}
	if info.SetAside, err = setAside(dir, lay.segments[dmg.seg:], dmg.keep, h, now); err != nil {
		return SalvageInfo{}, fmt.Errorf("wal: salvage %s: %w", dir, err)
	}
	return info, nil
}

// setAside links segs aside, removes all but the first, and cuts the
// first back to its first keep bytes (removing it when keep is 0).
func setAside(dir string, segs []segment, keep int64, h hooks, now time.Time) ([]string, error) {
	var names []string
	for _, s := range segs {
		name, err := linkAside(s.path, now)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	h.at(crashSalvageLinked)
	for i := len(segs) - 1; i >= 1; i-- {
		if err := removeAll([]string{segs[i].path}); err != nil {
			return nil, err
		}
		h.at(crashSalvageRemoved)
	}
	var err error
	if keep == 0 {
		err = removeAll([]string{segs[0].path})
	} else {
		err = rewritePrefix(segs[0].path, keep)
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return nil, err
	}
	h.at(crashSalvageKept)
	return names, nil
}

// linkAside gives path a second name, path.damaged-TIME, or
// path.damaged-TIME-N if that is taken, and returns it.
func linkAside(path string, now time.Time) (string, error) {
	base := path + setAsideMark + now.UTC().Format("20060102T150405Z")
	name := base
	for n := 2; ; n++ {
		err := os.Link(path, name)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("set aside: %w", err)
		}
		name = base + "-" + strconv.Itoa(n)
	}
}

// rewritePrefix replaces path with a copy of its first n bytes, by a temp
// file renamed over it: the old file lives on under its aside name, and a
// crash leaves either the old name on the old file or on the new whole one.
func rewritePrefix(path string, n int64) error {
	src, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("keep the records before the damage: %w", err)
	}
	defer src.Close()
	tmp := path + tempExt
	dst, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("keep the records before the damage: %w", err)
	}
	_, err = io.Copy(dst, io.NewSectionReader(src, 0, n))
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("keep the records before the damage: %w", err)
	}
	return nil
}
