// A module of its own, so that the SDK it exercises never becomes a
// dependency of tsymock itself.
module github.com/tsymock/tsymock/examples/sdk-go

go 1.26

require github.com/hhjpin/allinpay v0.2.1

require (
	github.com/BurntSushi/toml v0.3.1 // indirect
	github.com/hhjpin/goutils v0.0.0-20191211145730-e8a197ee4a7f // indirect
	go.uber.org/atomic v1.5.0 // indirect
	go.uber.org/multierr v1.3.0 // indirect
	go.uber.org/tools v0.0.0-20190618225709-2cfd321de3ee // indirect
	go.uber.org/zap v1.13.0 // indirect
	golang.org/x/lint v0.0.0-20190930215403-16217165b5de // indirect
	golang.org/x/tools v0.0.0-20191029190741-b9c20aec41a5 // indirect
	honnef.co/go/tools v0.0.1-2019.2.3 // indirect
)
