package form

import "testing"

// FuzzParseForm: any text parses into values or an error, never both and
// never a panic, and the protocol parameters take the first value of a key.
func FuzzParseForm(f *testing.F) {
	for _, w := range loadVectors(f).Wire {
		f.Add(w.raw())
	}
	for _, s := range []string{"", "&", "a=%", "a=%zz", "%=1", "a=1;b=2&\r\n", "+=+", "a=%E5%BC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		values, err := Parse(raw)
		if err != nil {
			if values != nil {
				t.Fatal("values with an error")
			}
			return
		}
		p := ParamsFrom(values)
		if _, ok := values[KeySysID]; ok && p.SysID != values.Get(KeySysID) {
			t.Fatal("sysid not first value")
		}
	})
}
