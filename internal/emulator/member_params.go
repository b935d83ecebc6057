package emulator

import "github.com/tsymock/tsymock/internal/soa"

// obj returns a nested object param (empty when absent). The catalogue has
// checked its type.
func (p params) obj(name string) params {
	m, _ := p[name].(map[string]any)
	return params(m)
}

// flag returns a bool param, read as the catalogue accepted it (true, 1,
// "true", "Y", ... as fastjson does).
func (p params) flag(name string) bool {
	v, _ := soa.BoolParam(p[name])
	return v
}
