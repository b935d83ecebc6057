package soa

import (
	"encoding/json"
	"strings"
	"testing"
)

// cannedValue is an answer's value as the emulator or a scenario holds it.
func cannedValue() map[string]any {
	return map[string]any{"bizUserId": "ceshitiyan", "userId": "8de28bb8-4a0c-4658-bf34-a713e0bcf58b",
		"allAmount": json.Number("100"), "freezenAmount": 0, "names": []any{"张三", "a&b<c>"}}
}

func BenchmarkMarshalValue(b *testing.B) {
	v := cannedValue()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MarshalValue(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeOK(b *testing.B) {
	sv, err := MarshalValue(cannedValue())
	if err != nil {
		b.Fatal(err)
	}
	sign := strings.Repeat("A", 344)
	b.ReportAllocs()
	for b.Loop() {
		_ = EncodeOK("1902271423530473681", sv, sign)
	}
}

func BenchmarkEncodeError(b *testing.B) {
	e := NewError("30000")
	sign := strings.Repeat("A", 344)
	b.ReportAllocs()
	for b.Loop() {
		_ = EncodeError(e, sign)
	}
}

// BenchmarkDefaultCatalogue is what building the catalogue costs every
// start of a server (issue 18).
func BenchmarkDefaultCatalogue(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = DefaultCatalogue()
	}
}
