package emulator

// obj returns a nested object param (empty when absent). The catalogue has
// checked its type.
func (p params) obj(name string) params {
	m, _ := p[name].(map[string]any)
	return params(m)
}

// flag returns a bool param; the catalogue accepts true, false and their
// strings, as fastjson does.
func (p params) flag(name string) bool {
	switch v := p[name].(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}
