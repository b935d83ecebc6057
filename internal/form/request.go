package form

import (
	"errors"
	"mime"
	"net/http"
	"net/url"

	"github.com/tsymock/tsymock/internal/soa"
)

// Read reads a request's parameters leniently: the query string for GET
// (whatever the Content-Type), the form body for POST plus any query
// parameters the body does not carry. Some clients POST without a
// Content-Type or with a charset suffix, so the body is parsed whatever
// Content-Type says. A body longer than limit bytes is 10004; one that
// cannot be read, or is not URL encoding, is 10000.
func Read(w http.ResponseWriter, r *http.Request, limit int64) (url.Values, *soa.Error) {
	return read(w, r, limit, &Hold{})
}

// read is Read with the body held from h's budget.
func read(w http.ResponseWriter, r *http.Request, limit int64, h *Hold) (url.Values, *soa.Error) {
	if r.Method != http.MethodPost {
		query, err := Parse(r.URL.RawQuery)
		if err != nil {
			return nil, formError("query string", err)
		}
		return query, nil
	}
	var query url.Values
	if r.URL.RawQuery != "" { // an empty one parses to nothing: spare the parse
		var err error
		if query, err = Parse(r.URL.RawQuery); err != nil {
			return nil, formError("query string", err)
		}
	}
	body, serr := readBody(w, r, limit, h)
	if serr != nil {
		return nil, serr
	}
	values, err := Parse(body)
	if err != nil {
		return nil, formError("request body", err)
	}
	for k, v := range query {
		if _, ok := values[k]; !ok {
			values[k] = v
		}
	}
	if serr := checkContentType(r, values.Has(KeySysID) || values.Has(KeyReq) || values.Has(KeyPrivSysID)); serr != nil {
		return nil, serr
	}
	return values, nil
}

// readBody reads a request body of at most limit bytes, held from h as
// it arrives: 10004 when it is longer, 10000 when it cannot be read, 9999
// when the budget of bodies is spent. http.MaxBytesReader also tells the
// server to close the connection after the answer, as the rest of a body
// too large is never read.
func readBody(w http.ResponseWriter, r *http.Request, limit int64, h *Hold) (string, *soa.Error) {
	body, err := readChunks(http.MaxBytesReader(w, r.Body, limit), r.ContentLength, h)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return "", soa.Errorf("10004", "the request body is larger than %d bytes", limit)
	case errors.Is(err, errBudget):
		w.Header().Set("Connection", "close") // the rest of the body is never read
		return "", soa.Errorf("9999", "tsymock holds %d bytes of request bodies at most, and the calls in flight hold them; try again when they are answered",
			h.b.size)
	case errors.Is(err, errTruncated):
		return "", soa.Errorf("10000", "%v", err)
	case err != nil:
		return "", soa.Errorf("10000", "the request body could not be read: %v", err)
	}
	return body, nil
}

// checkContentType explains a POST whose body is not a form: a JSON or
// multipart body parses as nonsense keys, and "sysid missing" would hide
// the real mistake. A form body without a Content-Type is fine (legacy
// clients send none). call says whether the form carries a parameter that
// names a call (sysid, req or privSysid): then it is a form, whatever the
// Content-Type says.
func checkContentType(r *http.Request, call bool) *soa.Error {
	if call {
		return nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "" || ct == "application/x-www-form-urlencoded" {
		return nil
	}
	return detailed("10000", msgNotAForm, ct)
}

// CheckSize bounds req: a GET's query is not limited by the body limit.
func CheckSize(p Params, limit int64) *soa.Error {
	if int64(len(p.Req)) > limit {
		return soa.Errorf("10004", "req is %d bytes, more than the %d allowed", len(p.Req), limit)
	}
	return nil
}

// formError keeps Parse's own 10000 answer, saying where the bad encoding
// was.
func formError(where string, err error) *soa.Error {
	var serr *soa.Error
	if errors.As(err, &serr) {
		return serr.WithSuffix(" (in the " + where + ")")
	}
	return soa.Errorf("10000", "the %s is not valid URL encoding: %v", where, err)
}
