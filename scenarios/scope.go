package scenarios

import (
	"fmt"
	"slices"
)

// SysIDs are the applications the rule is limited to (when.sysid); empty
// means every application.
func (r *Rule) SysIDs() []string { return slices.Clone(r.when.sysids) }

// ForSysID returns a copy of f whose rules match only calls of sysid, so
// that a test job can add or arm rules without touching parallel jobs that
// use other sysids. A rule limited to other sysids is an error: it would
// never match.
func (f *File) ForSysID(sysid string) (*File, error) {
	out := &File{Source: f.Source, Name: f.Name, Description: f.Description}
	for _, r := range f.Rules {
		if len(r.when.sysids) > 0 && !slices.Contains(r.when.sysids, sysid) {
			return nil, fmt.Errorf("scenarios: %s: rule is for sysid %v, not %s", r.ID(), r.when.sysids, sysid)
		}
		c := *r
		w := *r.when
		w.sysids = []string{sysid}
		c.when = &w
		out.Rules = append(out.Rules, &c)
	}
	return out, nil
}
