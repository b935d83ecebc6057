package mock

import (
	"errors"
	"mime"
	"net/http"
	"net/url"

	"github.com/tsymock/tsymock/internal/soa"
)

// readValues reads the request parameters leniently: the query string for
// GET (whatever the Content-Type), the form body for POST plus any query
// parameters the body does not carry. Some clients POST without a
// Content-Type or with a charset suffix, so the body is parsed whatever
// Content-Type says.
func readValues(r *http.Request, limit int64) (url.Values, *soa.Error) {
	if r.Method != http.MethodPost {
		query, err := soa.ParseForm(r.URL.RawQuery)
		if err != nil {
			return nil, formError("query string", err)
		}
		return query, nil
	}
	var query url.Values
	if r.URL.RawQuery != "" { // an empty one parses to nothing: spare the parse
		var err error
		if query, err = soa.ParseForm(r.URL.RawQuery); err != nil {
			return nil, formError("query string", err)
		}
	}
	body, serr := readFormBody(r, limit)
	if serr != nil {
		return nil, serr
	}
	form, err := soa.ParseForm(body)
	if err != nil {
		return nil, formError("request body", err)
	}
	for k, v := range query {
		if _, ok := form[k]; !ok {
			form[k] = v
		}
	}
	if serr := checkContentType(r, form); serr != nil {
		return nil, serr
	}
	return form, nil
}

// checkContentType explains a POST whose body is not a form: a JSON or
// multipart body parses as nonsense keys, and "sysid missing" would hide
// the real mistake. A form body without a Content-Type is fine (legacy
// clients send none).
func checkContentType(r *http.Request, form url.Values) *soa.Error {
	if form.Has("sysid") || form.Has("req") || form.Has("privSysid") {
		return nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "" || ct == "application/x-www-form-urlencoded" {
		return nil
	}
	return soa.Errorf("10000", "the POST body is %s; send sysid, sign, timestamp, v and req as application/x-www-form-urlencoded", ct)
}

// checkSize bounds req: a GET's query is not limited by the body limit.
func checkSize(p soa.Params, limit int64) *soa.Error {
	if int64(len(p.Req)) > limit {
		return soa.Errorf("10004", "req is %d bytes, more than the %d allowed", len(p.Req), limit)
	}
	return nil
}

// formError keeps ParseForm's own 10000 answer, saying where the bad
// encoding was.
func formError(where string, err error) *soa.Error {
	var serr *soa.Error
	if errors.As(err, &serr) {
		return &soa.Error{Code: serr.Code, Message: serr.Message + " (in the " + where + ")"}
	}
	return soa.Errorf("10000", "the %s is not valid URL encoding: %v", where, err)
}
