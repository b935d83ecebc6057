package journal

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// FuzzParseJournalFilter: any query string gives a filter or an error,
// never a panic, and the filter can be matched.
func FuzzParseJournalFilter(f *testing.F) {
	f.Add("sysid=S&param.amount=100&since=5m&limit=3")
	f.Add("after=18446744073709551615&until=2026-11-28+12:00:00&param.a.0.b=x")
	f.Add("limit=99999999999999999999&param.=&since=%zz")
	e := &Entry{ID: 1, SysID: "S", Req: &DecodedReq{Param: map[string]any{"amount": "100"}}}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		filter, err := ParseFilter(q)
		if err == nil {
			_ = filter.match(e)
		}
	})
}

// FuzzMaskEntry: a card or identity number sent in clear in a sensitive
// field never survives anywhere in the entry.
func FuzzMaskEntry(f *testing.F) {
	f.Add("6222021234567890123", "cardNo")
	f.Add("11010119900307803X", "identityNo")
	f.Add("4111111111111111", "legalIds")
	number := regexp.MustCompile(`^[0-9]{11,18}[0-9X]$`)
	f.Fuzz(func(t *testing.T, secret, field string) {
		if !number.MatchString(secret) || !isSensitive(field) {
			return
		}
		req := `{"param":{"` + field + `":"` + secret + `"}}`
		e := &Entry{Raw: map[string]string{"req": req}, Req: &DecodedReq{Param: map[string]any{field: secret}},
			Answer: map[string]any{field: secret}, Response: req, Message: "no " + secret}
		mask(e)
		for _, text := range []string{e.Raw["req"], e.Response, e.Message, e.Req.Param[field].(string), e.Answer[field].(string)} {
			if strings.Contains(text, secret) {
				t.Fatalf("%s survives in %q", secret, text)
			}
		}
	})
}

// FuzzReplaceLongRuns: masking never panics, is stable (masking a masked
// text changes nothing), and leaves no 13 to 19 digit number whole.
func FuzzReplaceLongRuns(f *testing.F) {
	f.Add("card 6222 0212 3456 7890 123 and 110101-19900307-803X")
	f.Add("2026-12-04 15:38:40 +86 138 0013 8000")
	f.Add("1111 2222 3333 4444 5555 6 x 6222021234567890123x")
	all := func(string) bool { return true }
	f.Fuzz(func(t *testing.T, text string) {
		once := replaceLongRuns(text, all)
		if twice := replaceLongRuns(once, all); twice != once {
			t.Fatalf("masking %q twice: %q, then %q", text, once, twice)
		}
		for i := 0; i < len(once); i++ {
			if isDigit(once[i]) && (i == 0 || !isDigit(once[i-1])) {
				if end, digits := numberAt(once, i); digits >= 13 && digits <= 19 {
					t.Fatalf("%q survives in %q", once[i:end], once)
				}
			}
		}
	})
}
