package mock

import "github.com/tsymock/tsymock/internal/apps"

// adminServer is the Server as the admin API acts on it (admin.Server):
// its Go API, whose types are the internal packages' already, with
// RegisterApp taking the registry's App.
type adminServer struct{ *Server }

// RegisterApp registers an application the admin API was sent.
func (a adminServer) RegisterApp(app apps.App) error {
	return a.Server.RegisterApp(App{SysID: app.SysID, Key: app.Key, AccountSets: app.AccountSets})
}
