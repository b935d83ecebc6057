package form

import (
	"testing"

	"github.com/tsymock/tsymock/internal/soa"
)

// BenchmarkParseDecodeValidateCreateMember is the reading of a call before
// its signature: the form parsed, req decoded, the method found and its
// params validated.

func BenchmarkParseDecodeValidateCreateMember(b *testing.B) {
	raw := loadVectors(b).Wire[1].raw()
	c := soa.DefaultCatalogue()
	b.ReportAllocs()
	for b.Loop() {
		values, err := Parse(raw)
		if err != nil {
			b.Fatal(err)
		}
		env, derr := soa.DecodeReq(ParamsFrom(values).Req)
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
