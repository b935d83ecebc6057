package main

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/tsymock/tsymock/internal/wal"
)

// recoverDataDir is --data-dir-recover: before the server opens the data
// dir, a log damaged other than at its torn end is set aside (renamed,
// never deleted) and the records before the damage are kept. A whole log
// is left as it is, so the flag may stay set.
func recoverDataDir(dir string, logger *slog.Logger) error {
	if dir == "" {
		return errors.New("--data-dir-recover needs --data-dir")
	}
	info, err := wal.Salvage(dir)
	if err != nil {
		return fmt.Errorf("--data-dir-recover: %w", err)
	}
	if info.Damage == nil {
		logger.Info("data dir: no damage to recover from", "path", dir)
		return nil
	}
	logger.Warn("data dir: set the damaged log aside and kept the records before the damage; "+
		"the changes after it are not in the state", "damage", info.Damage.Error(), "setAside", info.SetAside,
		"keptRecords", info.Kept)
	return nil
}

// damageHint says what to do about a data dir that did not open because
// its log is damaged; other errors are returned as they are.
func damageHint(err error) error {
	var de *wal.DamageError
	switch {
	case !errors.As(err, &de):
		return err
	case de.Snapshot:
		return fmt.Errorf("%w\nThe snapshot holds every change up to it and cannot be salvaged: restore the data dir "+
			"from a backup, or move it aside to start afresh", err)
	}
	return fmt.Errorf("%w\nStart once with --data-dir-recover (TSYMOCK_DATA_DIR_RECOVER=true) to set the damaged "+
		"file aside, never deleted, and go on with the records before the damage", err)
}
