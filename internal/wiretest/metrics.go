package wiretest

import (
	"io"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"
)

// Metrics is a scrape of GET /__tsymock/metrics, parsed with the
// Prometheus text parser (not by tsymock's own code), by metric name.
type Metrics map[string]*dto.MetricFamily

// ParseMetrics reads a scrape in the Prometheus text format.
func ParseMetrics(tb testing.TB, r io.Reader) Metrics {
	tb.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(r)
	require.NoError(tb, err, "the scrape is not the Prometheus text format")
	return fams
}

// Value is the value of the series of name whose labels include labels
// (name, value pairs): a counter's or gauge's value, a histogram's count
// of observations. ok is false when there is no such series.
func (m Metrics) Value(name string, labels ...string) (v float64, ok bool) {
	fam, found := m[name]
	if !found {
		return 0, false
	}
	for _, s := range fam.GetMetric() {
		if hasLabels(s, labels) {
			return sampleValue(s), true
		}
	}
	return 0, false
}

// Must is Value for a series that must be there.
func (m Metrics) Must(tb testing.TB, name string, labels ...string) float64 {
	tb.Helper()
	v, ok := m.Value(name, labels...)
	require.True(tb, ok, "no series %s%v in the scrape", name, labels)
	return v
}

// Series is how many series name has.
func (m Metrics) Series(name string) int { return len(m[name].GetMetric()) }

func hasLabels(s *dto.Metric, labels []string) bool {
	have := map[string]string{}
	for _, l := range s.GetLabel() {
		have[l.GetName()] = l.GetValue()
	}
	for i := 0; i+1 < len(labels); i += 2 {
		if have[labels[i]] != labels[i+1] {
			return false
		}
	}
	return true
}

func sampleValue(s *dto.Metric) float64 {
	switch {
	case s.Counter != nil:
		return s.GetCounter().GetValue()
	case s.Gauge != nil:
		return s.GetGauge().GetValue()
	case s.Histogram != nil:
		return float64(s.GetHistogram().GetSampleCount())
	}
	return s.GetUntyped().GetValue()
}
