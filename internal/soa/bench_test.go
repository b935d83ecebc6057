package soa

import "testing"

func BenchmarkParseDecodeValidateCreateMember(b *testing.B) {
	raw := loadVectors(b).Wire[1].raw()
	c := DefaultCatalogue()
	b.ReportAllocs()
	for b.Loop() {
		values, err := ParseForm(raw)
		if err != nil {
			b.Fatal(err)
		}
		env, derr := DecodeReq(ParamsFrom(values).Req)
		if derr != nil {
			b.Fatal(derr)
		}
		m, lerr := c.Lookup(env.Service, env.Method)
		if lerr != nil {
			b.Fatal(lerr)
		}
		if verr := m.Validate(env.Param); verr != nil {
			b.Fatal(verr)
		}
	}
}
