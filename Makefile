# tsymock — the two commands a newcomer needs are `make run` and `make test`.

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
BIN     := bin/tsymock
FUZZTIME ?= 5s

.PHONY: run test build bench fmt vet lint fuzz clean container-smoke measure image soak

## run: start the server with the embedded defaults (127.0.0.1:6900, demo app 100000000002);
## ARGS="--addr 127.0.0.1:7000 --seed 42" passes serve's flags (or set TSYMOCK_<FLAG> variables)
run:
	$(GO) run ./cmd/tsymock serve $(ARGS)

## test: gofmt check, go vet, staticcheck, every test under the race detector, a short fuzz pass
test: lint fuzz
	$(GO) test -race -count=1 ./...

STATICCHECK_VERSION ?= v0.8.2
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck

## lint: gofmt, go vet and staticcheck (default checks; installed from the Go module proxy on first use)
lint: $(STATICCHECK)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## fuzz: run every fuzz target for FUZZTIME (seed corpora also run in `go test`)
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

## soak: the real binary with a data dir under mixed traffic, kill -9 and restarts, checked (SOAK_DURATION=5m, SOAK_RSS_MAX=256 MiB); then the start over 1,000,000 changes against 1,000 (1-2 min); not in make test; docs/reliability.md
soak:
	$(GO) test -tags soak -run '^TestSoak$$' -count=1 -v -timeout 60m ./internal/soak
	$(GO) test -tags soak -run '^TestStartFlatAtAMillionChanges$$' -count=1 -v -timeout 30m ./cmd/tsymock

## build: a static binary in bin/
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/tsymock

## container-smoke: run the image's static binary in an empty root file system, check it from outside (no Docker needed)
container-smoke:
	scripts/container-smoke.sh

## measure: time from start to the ready line, binary size, idle memory
measure:
	scripts/measure.sh

IMAGE ?= tsymock/tsymock
## image: build the container image from docker/Dockerfile (needs a Docker engine)
image:
	docker build -f docker/Dockerfile --build-arg VERSION=$(VERSION) -t $(IMAGE):$(VERSION) -t $(IMAGE):latest .

## bench: the Go benchmarks, then tools/bench: tsymock against the crypto floor, a bare handler and WireMock (docs/performance.md)
bench:
	GO=$(GO) ./scripts/bench.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
