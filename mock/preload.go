package mock

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/tsymock/tsymock/internal/emulator"
)

// PreloadMembers creates n personal members of sysid, with bizUserIds
// prefix0 ... prefix(n-1), directly in the emulator: no HTTP, no
// signature, no journal entry. It is for load tests and benchmarks that
// need a server already holding many members (a million created through
// /service/soa would cost a million RSA signatures first). Members that
// exist already are left as they are, so that a server with a data dir can
// be started again with the same preload.
func (s *Server) PreloadMembers(ctx context.Context, sysid, prefix string, n int) error {
	if _, ok := s.apps.Get(sysid); !ok {
		return fmt.Errorf("mock: preload: sysid %q is not registered", sysid)
	}
	for i := range n {
		_, serr := s.emu.Handle(ctx, emulator.Request{SysID: sysid, Service: "MemberService", Method: "createMember",
			Param: map[string]any{"bizUserId": prefix + strconv.Itoa(i), "memberType": json.Number("3"), "source": json.Number("1")}})
		if serr != nil && serr.Code != "30000" {
			return fmt.Errorf("mock: preload member %d: %w", i, serr)
		}
	}
	return nil
}
