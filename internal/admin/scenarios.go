package admin

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/gorilla/mux"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/scenarios"
)

// routeScenarios adds the rules in force, adding and removing rules at run
// time, and arming one-shot answers.
func (a *API) routeScenarios(r *mux.Router) {
	get(r, "/scenarios", a.adminScenarios)
	do(r, http.MethodPost, "/scenarios", a.adminAddScenario)
	do(r, http.MethodDelete, "/scenarios", a.adminRemoveRule)
	do(r, http.MethodPost, "/arm", a.adminArm)
}

// ScenarioList is the answer of GET /__tsymock/scenarios.
type ScenarioList struct {
	Magic bool                 `json:"magic"`
	Files []ScenarioFile       `json:"files"`
	Rules []scenarios.RuleInfo `json:"rules"` // in the order they are tried
}

// ScenarioFile is one scenario file in force, as ScenarioList lists it,
// or a watched file whose text was refused and has no rules in force.
type ScenarioFile struct {
	Source      string `json:"source"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Rules       int    `json:"rules"`
	// Rejected is set while the file's latest text is refused: its hot
	// reload did not happen.
	Rejected *Rejected `json:"rejected,omitempty"`
}

// Rejected is a watched file's refused text (scenarios.Rejection).
type Rejected struct {
	Time   time.Time        `json:"time"`   // when this text was first refused
	Errors scenarios.Errors `json:"errors"` // file, line and message of each problem
	// RulesInForce is "previous" (the file's last good text) or "none".
	RulesInForce string `json:"rulesInForce"`
}

// adminScenarios lists the rules in force, only those that apply to sysid
// when ?sysid= is given.
func (a *API) adminScenarios(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	set := a.Server.Scenarios()
	out := ScenarioList{Magic: set.MagicOn(), Files: scenarioFiles(set), Rules: []scenarios.RuleInfo{}}
	for _, info := range set.Rules() {
		if sysid == "" || len(info.SysIDs) == 0 || slices.Contains(info.SysIDs, sysid) {
			out.Rules = append(out.Rules, info)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// scenarioFiles lists the files in force in load order, each with its
// rejection if its latest text was refused, then the refused files that
// have no rules in force.
func scenarioFiles(set *scenarios.Set) []ScenarioFile {
	rejected := map[string]*Rejected{}
	var none []ScenarioFile
	for _, rj := range set.Rejected() {
		r := &Rejected{Time: rj.Time, Errors: rj.Errors, RulesInForce: "previous"}
		if !rj.Kept {
			r.RulesInForce = "none"
			none = append(none, ScenarioFile{Source: rj.Source, Rejected: r})
		}
		rejected[rj.Source] = r
	}
	out := []ScenarioFile{}
	for _, f := range set.Files() {
		out = append(out, ScenarioFile{Source: f.Source, Name: f.Name, Description: f.Description,
			Rules: len(f.Rules), Rejected: rejected[f.Source]})
	}
	return append(out, none...)
}

// adminAddScenario puts a scenario file's rules in force: the body (YAML
// or JSON), or ?builtin=NAME. With ?sysid= they answer only its calls.
func (a *API) adminAddScenario(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f *scenarios.File
	var err error
	if name := q.Get("builtin"); name != "" {
		f, err = scenarios.Builtin(name)
	} else {
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		f, err = scenarios.Parse(sourceName(q.Get("source"), "admin"), body)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	ids, err := a.Server.AddScenario(q.Get("sysid"), f)
	a.answerRules(w, q.Get("sysid"), ids, err)
}

// adminArm arms one-shot rules for the next matching call: the body is one
// rule ({"when":..., "respond":...}) or a scenario file with rules. A rule
// without times answers once.
func (a *API) adminArm(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	f, err := scenarios.ParseRules(sourceName(r.URL.Query().Get("source"), "arm"), body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	sysid := r.URL.Query().Get("sysid")
	ids, err := a.Server.Arm(sysid, f)
	a.answerRules(w, sysid, ids, err)
}

// RulesAdded is the answer of POST /__tsymock/scenarios and /arm.
type RulesAdded struct {
	IDs []string `json:"ids"`
	// Note says that the sysid the rules are for is not registered yet,
	// when --auto-apps will register it on its first request.
	Note string `json:"note,omitempty"`
}

// answerRules answers the ids of the rules put in force for sysid, or why
// they were not: 404 for a sysid no application has (as the platform
// events answer it), 400 for anything else.
func (a *API) answerRules(w http.ResponseWriter, sysid string, ids []string, err error) {
	switch {
	case errors.Is(err, apps.ErrUnknown):
		writeError(w, http.StatusNotFound, "%v: the rules would never answer (register it with POST /__tsymock/apps, "+
			"or start the server with --auto-apps)", err)
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	out := RulesAdded{IDs: ids}
	if sysid != "" && !a.registered(sysid) {
		out.Note = fmt.Sprintf("sysid %s is not registered yet: --auto-apps registers it on its first request "+
			"signed with an auto key (the demo merchant key), and these rules answer its calls from then on", sysid)
	}
	writeJSON(w, http.StatusCreated, out)
}

// registered reports whether an application has sysid.
func (a *API) registered(sysid string) bool {
	return slices.ContainsFunc(a.Server.Apps(), func(i apps.Info) bool { return i.SysID == sysid })
}

// sourceName is the name rules added at run time carry in their ids.
func sourceName(given, fallback string) string {
	if given != "" {
		return given
	}
	return fallback
}

// adminRemoveRule takes a rule out of force by its id (?id=).
func (a *API) adminRemoveRule(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if id == "" {
		writeError(w, http.StatusBadRequest, "say which rule: ?id= one of the ids GET /__tsymock/scenarios lists")
		return
	}
	if !a.Server.Scenarios().Remove(id) {
		writeError(w, http.StatusNotFound, "no rule %q in force", id)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"removed": id})
}
