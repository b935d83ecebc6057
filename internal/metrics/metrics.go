// Package metrics counts what tsymock answers, for a Prometheus server to
// scrape at GET /__tsymock/metrics: SOA calls by service, method, outcome
// and errorCode with their latency, page requests, signature failures by
// reason; and, read when scraped, the notifications by outcome, the sizes
// of the journal and the queues, and the write-ahead log.
//
// Every label takes a bounded set of values, so that a sandbox that runs
// for months, called by many jobs with their own sysids (--auto-apps), keeps
// a bounded number of series: methods outside the catalogue, codes outside
// the specification's table and pages outside the catalogue are counted
// under "unknown" or "other", and the sysid is no label at all (coverage
// and the journal are per application; metrics are the server's).
//
// The registry is the server's own (never the global default one), and it
// is made on the first scrape: a server that is never scraped pays for a
// few counters at start and nothing more.
package metrics

import (
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tsymock/tsymock/internal/diagnose"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/scenarios"
)

// Label values that stand for a value outside the bounded set.
const (
	// Unknown is the service or method of a call the catalogue does not
	// know.
	Unknown = "unknown"
	// Other is a code, page, action or reason outside the known ones.
	Other = "other"
)

// Metrics counts calls and page requests. Record is safe for concurrent
// use, and a nil *Metrics counts nothing.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	pages    *prometheus.CounterVec
	sigFails *prometheus.CounterVec
	// known is made from cat on the first Record, not at start: the sets
	// cost more than every counter together (the code table is sorted).
	cat       *soa.Catalogue
	knownOnce sync.Once
	known     known

	mu     sync.RWMutex
	series map[callKey]callSeries // the children of requests and latency, by labels
	scrape scrape                 // the registry, made on the first scrape (handler.go)
}

// callKey is the labels of one call series.
type callKey struct{ service, method, outcome, code string }

// callSeries is a call series' counter and latency histogram, looked up
// once: a vector's WithLabelValues allocates its variadic slice on every
// call, a map lookup with a struct key does not.
type callSeries struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// latencyBuckets span a canned answer (well under a millisecond) to a
// scenario delay of seconds.
func latencyBuckets() []float64 {
	return []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
}

// New returns the metrics of a server answering the catalogue cat.
func New(cat *soa.Catalogue) *Metrics {
	return &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tsymock_soa_requests_total",
			Help: "Calls on /service/soa by service, method, outcome (OK, error, fault) and code (the errorCode of an error, the fault's name)."},
			[]string{"service", "method", "outcome", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tsymock_soa_request_duration_seconds",
			Help: "Time to answer a call on /service/soa, from its first byte read to its answer written.", Buckets: latencyBuckets()},
			[]string{"service", "method"}),
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tsymock_page_requests_total",
			Help: "Requests of the browser pages (/yungateway/...) by page, action (open, confirm, fail), outcome and code."},
			[]string{"page", "action", "outcome", "code"}),
		sigFails: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tsymock_signature_failures_total",
			Help: "Request signatures that did not verify (20019), calls and pages, by the mistake found."},
			[]string{"reason"}),
		cat:    cat,
		series: map[callKey]callSeries{},
	}
}

// Record counts a finished call or page request from its journal entry,
// before the journal takes it; d is the time it took.
func (m *Metrics) Record(e *journal.Entry, d time.Duration) {
	if m == nil {
		return
	}
	m.knownOnce.Do(func() { m.known = newKnown(m.cat) })
	if e.Signature.Verdict == journal.SignatureInvalid {
		m.sigFails.WithLabelValues(m.known.reason(e.Signature.Reason)).Inc()
	}
	if e.Kind == journal.KindPage {
		m.pages.WithLabelValues(m.known.page(e.Page), m.known.action(e.Action), e.Outcome, m.code(e)).Inc()
		return
	}
	service, method := m.known.method(e.Service, e.Method)
	s := m.call(callKey{service: service, method: method, outcome: e.Outcome, code: m.code(e)})
	s.count.Inc()
	s.latency.Observe(d.Seconds())
}

// code is the code label of an entry: its errorCode, bounded; its fault;
// "" when it answered OK.
func (m *Metrics) code(e *journal.Entry) string {
	switch e.Outcome {
	case journal.OutcomeError:
		return m.known.code(e.ErrorCode)
	case journal.OutcomeFault:
		return m.known.fault(e.Fault)
	}
	return ""
}

// call returns the series of k, making it the first time.
func (m *Metrics) call(k callKey) callSeries {
	m.mu.RLock()
	s, ok := m.series[k]
	m.mu.RUnlock()
	if ok {
		return s
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok = m.series[k]; ok {
		return s
	}
	k = callKey{strings.Clone(k.service), strings.Clone(k.method), k.outcome, k.code} // not the request's memory
	s = callSeries{count: m.requests.WithLabelValues(k.service, k.method, k.outcome, k.code),
		latency: m.latency.WithLabelValues(k.service, k.method)}
	m.series[k] = s
	return s
}

// known are the label values counted as they are.
type known struct {
	methods map[string]map[string]bool // service → method → true, the catalogue's /service/soa methods
	pages   map[string]bool
	codes   map[string]bool // the specification's table (§7)
	faults  map[string]bool
	reasons map[string]bool // diagnose.Report.Reason's values
}

func newKnown(cat *soa.Catalogue) known {
	k := known{methods: map[string]map[string]bool{}, pages: map[string]bool{}, codes: map[string]bool{},
		faults: map[string]bool{}, reasons: map[string]bool{diagnose.ReasonMissing: true}}
	for _, m := range cat.Methods() {
		if m.PageFlow {
			k.pages[m.Page] = true
			continue
		}
		if k.methods[m.Service] == nil {
			k.methods[m.Service] = map[string]bool{}
		}
		k.methods[m.Service][m.Name] = true
	}
	for _, c := range soa.Codes() {
		k.codes[c] = true
	}
	for _, f := range scenarios.Faults() {
		k.faults[string(f)] = true
	}
	for _, c := range []keys.Cause{keys.CauseMalformed, keys.CauseKeySize, keys.CauseOtherKey, keys.CauseWrongHash,
		keys.CauseNoMD5Step, keys.CauseNoBase64Step, keys.CauseRawRSA, keys.CauseSourceDiffers} {
		k.reasons[string(c)] = true
	}
	return k
}

// method bounds a call's service and method: the catalogue's, Unknown for
// others, "" for a call whose req was never decoded.
func (k known) method(service, method string) (string, string) {
	methods, ok := k.methods[service]
	switch {
	case service == "" && method == "":
		return "", ""
	case !ok:
		return Unknown, Unknown
	case !methods[method]:
		return service, Unknown
	}
	return service, method
}

func (k known) code(c string) string { return bounded(k.codes, c) }

func (k known) fault(f string) string { return bounded(k.faults, f) }

func (k known) page(p string) string { return bounded(k.pages, p) }

// action bounds a page request's action; "" is a request whose form could
// not be read.
func (k known) action(a string) string {
	switch a {
	case journal.PageOpen, journal.PageConfirm, journal.PageFail, "":
		return a
	}
	return Other
}

// reason bounds a signature failure's reason (diagnose.Report.Reason).
func (k known) reason(r string) string { return bounded(k.reasons, r) }

// bounded is v when set has it, else Other.
func bounded(set map[string]bool, v string) string {
	if set[v] {
		return v
	}
	return Other
}
