package emulator

import (
	"sync"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// app is the state of one application (sysid).
type app struct {
	mu      sync.Mutex
	sysid   string
	clock   clock.Clock
	ids     *ids.Source
	members map[string]*member
}

func newApp(sysid string, c clock.Clock, src *ids.Source) *app {
	return &app{sysid: sysid, clock: c, ids: src, members: map[string]*member{}}
}
