package soa

// These helpers keep the catalogue tables short: str("bizUserId").req() reads as the spec's
// "bizUserId*". Each returns a fresh value, so the tables share nothing mutable.

// str is a String param.
func str(name string) Param { return Param{Name: name, Type: String} }

// integer is an Int param.
func integer(name string) Param { return Param{Name: name, Type: Int} }

// boolean is a Bool param.
func boolean(name string) Param { return Param{Name: name, Type: Bool} }

// object is an Object param with the given keys (none: free-form).
func object(name string, fields ...Param) Param {
	return Param{Name: name, Type: Object, Fields: fields}
}

// array is an Array param whose items are objects with the given keys (none: free-form).
func array(name string, fields ...Param) Param {
	return Param{Name: name, Type: Array, Fields: fields}
}

// anything is an Any param; fields apply when the value is an object.
func anything(name string, fields ...Param) Param {
	return Param{Name: name, Type: Any, Fields: fields}
}

// req marks p required (the spec's "*").
func (p Param) req() Param { p.Required = true; return p }

// emptyOK lets a required string be sent as "" (the key must still be there).
func (p Param) emptyOK() Param { p.EmptyOK = true; return p }

// enc marks p encrypted (the spec's "[enc]").
func (p Param) enc() Param { p.Encrypted = true; return p }

// oneOf restricts p to values, documented by doc.
func (p Param) oneOf(doc string, values ...string) Param { p.Enum, p.Doc = values, doc; return p }

// atLeast sets p's lower bound.
func (p Param) atLeast(n int64) Param { p.Min = &n; return p }

// atMost sets p's upper bound.
func (p Param) atMost(n int64) Param { p.Max = &n; return p }

// doc documents p.
func (p Param) doc(doc string) Param { p.Doc = doc; return p }

// params is a list of params, for readability in the tables.
func params(ps ...Param) []Param { return ps }
