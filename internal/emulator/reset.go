package emulator

import "maps"

// Reset forgets the state of one application, or of all when sysid is "".
// It holds the locks of the applications it removes, so that an op in
// flight either comes before the reset in the log or runs on the new state,
// never on the removed one after it.
func (e *Emulator) Reset(sysid string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rec != nil {
		if err := e.rec.Err(); err != nil {
			return storeError(err)
		}
	}
	removed := e.detach(sysid)
	var lsn uint64
	var err error
	if e.rec != nil {
		lsn, err = e.rec.Record(&Op{SysID: sysid, Kind: OpReset})
	}
	for _, a := range removed {
		a.mu.Unlock()
	}
	if err == nil && lsn > 0 {
		err = e.rec.Wait(lsn)
	}
	if err != nil {
		return storeError(err)
	}
	return nil
}

// detach removes the applications sysid names from the emulator and returns
// them locked and marked gone. Callers hold e.mu.
func (e *Emulator) detach(sysid string) []*app {
	var removed []*app
	for id, a := range maps.Clone(e.apps) {
		if sysid != "" && id != sysid {
			continue
		}
		a.mu.Lock()
		a.gone = true
		removed = append(removed, a)
		delete(e.apps, id)
	}
	return removed
}
