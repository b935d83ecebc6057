package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/mock"
)

// upstreamFlags are serve's options for a real environment behind tsymock
// (docs/record.md). Without --upstream nothing is ever sent anywhere.
type upstreamFlags struct {
	url           string
	mode          string
	timeout       time.Duration
	cert          string
	record        string
	recordIgnore  []string
	compare       bool
	compareIgnore []string
}

func (f *upstreamFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.url, "upstream", "",
		"forward the /service/soa calls no scenario rule answers to this environment (its base URL or its /service/soa URL), unchanged, and send the browser pages there; no default: tsymock contacts nothing unless told")
	fs.StringVar(&f.mode, "upstream-mode", mock.UpstreamPassThrough,
		"how the upstream's answer reaches the client: passthrough (its bytes and signature unchanged, for a client configured with the real platform certificate) or resign (signed again with tsymock's platform key, for a client configured with tsymock's certificate)")
	fs.DurationVar(&f.timeout, "upstream-timeout", mock.DefaultUpstreamTimeout,
		"bound on one forwarded call; a slower upstream is answered 9400 请求超时 (an unreachable one 9500), signed, and nothing is recorded")
	fs.StringVar(&f.cert, "upstream-cert", "",
		"the real platform's certificate (.cer or public key PEM): every upstream answer's signature is checked with it, and resign refuses one that does not verify")
	fs.StringVar(&f.record, "record", "",
		"record every forwarded call as scenario rules in this folder, one file per service (DIR/OrderService.yaml), to replay later with --scenarios DIR")
	fs.StringSliceVar(&f.recordIgnore, "record-ignore", mock.DefaultRecordIgnore(),
		"params a recorded rule does not match on: glob patterns of a param's name or dotted path (comma-separated); an ignored param the answer echoes is replayed as {{param.NAME}}")
	fs.BoolVar(&f.compare, "compare", false,
		"with --upstream: answer every call with the emulator, forward it too, and list where the two answers differ (journal, log, GET /__tsymock/compare, the web page)")
	fs.StringSliceVar(&f.compareIgnore, "compare-ignore", mock.DefaultCompareIgnore(),
		"answer fields whose values --compare expects to differ (ids, times, links): glob patterns of a field's name or dotted path (comma-separated); their presence is still compared")
}

// config is the server's upstream configuration.
func (f *upstreamFlags) config(scenarioPaths []string) (mock.UpstreamConfig, error) {
	if f.url == "" {
		return mock.UpstreamConfig{}, f.withoutUpstream()
	}
	if err := f.checkRecordDir(scenarioPaths); err != nil {
		return mock.UpstreamConfig{}, err
	}
	cfg := mock.UpstreamConfig{URL: f.url, Mode: f.mode, Compare: f.compare, Timeout: f.timeout, RecordDir: f.record,
		RecordIgnore: nonNil(f.recordIgnore), CompareIgnore: nonNil(f.compareIgnore)}
	if f.cert != "" {
		key, err := keys.LoadPublicKeyFile(f.cert)
		if err != nil {
			return mock.UpstreamConfig{}, fmt.Errorf("--upstream-cert: %w", err)
		}
		cfg.Key = key
	}
	return cfg, nil
}

// withoutUpstream refuses the options that mean nothing without an
// upstream, rather than silently doing nothing.
func (f *upstreamFlags) withoutUpstream() error {
	given := []struct {
		name string
		set  bool
	}{{"--record", f.record != ""}, {"--compare", f.compare}, {"--upstream-cert", f.cert != ""},
		{"--upstream-mode", f.mode != mock.UpstreamPassThrough}}
	for _, g := range given {
		if g.set {
			return fmt.Errorf("%s needs --upstream URL", g.name)
		}
	}
	return nil
}

// checkRecordDir refuses to record into a folder --scenarios loads: the
// watcher would put each rule in force as it is written, and the next
// identical call would be answered by it instead of the upstream.
func (f *upstreamFlags) checkRecordDir(scenarioPaths []string) error {
	if f.record == "" {
		return nil
	}
	rec, err := filepath.Abs(f.record)
	if err != nil {
		return fmt.Errorf("--record: %w", err)
	}
	for _, p := range scenarioPaths {
		abs, err := filepath.Abs(p)
		if err == nil && (abs == rec || filepath.Dir(abs) == rec) {
			return errors.New("--record " + f.record + " is also loaded by --scenarios " + p + ": record into a folder of its own, and load it once the recording is done")
		}
	}
	return nil
}

// nonNil keeps an empty list empty: an explicit --record-ignore= ignores
// nothing, where nil would mean the defaults.
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
