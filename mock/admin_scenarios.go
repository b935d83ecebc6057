package mock

import (
	"net/http"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tsymock/tsymock/scenarios"
)

// routeScenarios adds the rules in force, adding and removing rules at run
// time, and arming one-shot answers.
func (s *Server) routeScenarios(mux *http.ServeMux) {
	mux.HandleFunc("GET "+AdminPrefix+"scenarios", s.adminScenarios)
	mux.HandleFunc("POST "+AdminPrefix+"scenarios", s.adminAddScenario)
	mux.HandleFunc("DELETE "+AdminPrefix+"scenarios", s.adminRemoveRule)
	mux.HandleFunc("POST "+AdminPrefix+"arm", s.adminArm)
}

// scenarioList is the answer of GET /__tsymock/scenarios.
type scenarioList struct {
	Magic bool                 `json:"magic"`
	Files []scenarioFile       `json:"files"`
	Rules []scenarios.RuleInfo `json:"rules"` // in the order they are tried
}

type scenarioFile struct {
	Source      string `json:"source"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Rules       int    `json:"rules"`
}

// adminScenarios lists the rules in force, only those that apply to sysid
// when ?sysid= is given.
func (s *Server) adminScenarios(w http.ResponseWriter, r *http.Request) {
	sysid := r.URL.Query().Get("sysid")
	out := scenarioList{Magic: s.scen.MagicOn(), Files: []scenarioFile{}, Rules: []scenarios.RuleInfo{}}
	for _, f := range s.scen.Files() {
		out.Files = append(out.Files, scenarioFile{Source: f.Source, Name: f.Name, Description: f.Description,
			Rules: len(f.Rules)})
	}
	for _, info := range s.scen.Rules() {
		if sysid == "" || len(info.SysIDs) == 0 || slices.Contains(info.SysIDs, sysid) {
			out.Rules = append(out.Rules, info)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// adminAddScenario puts a scenario file's rules in force: the body (YAML
// or JSON), or ?builtin=NAME. With ?sysid= they answer only its calls.
func (s *Server) adminAddScenario(w http.ResponseWriter, r *http.Request) {
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
	ids, err := s.AddScenario(q.Get("sysid"), f)
	s.answerRules(w, ids, err)
}

// adminArm arms one-shot rules for the next matching call: the body is one
// rule ({"when":..., "respond":...}) or a scenario file with rules. A rule
// without times answers once.
func (s *Server) adminArm(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	f, err := parseArm(sourceName(r.URL.Query().Get("source"), "arm"), body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	ids, err := s.Arm(r.URL.Query().Get("sysid"), f)
	s.answerRules(w, ids, err)
}

func (s *Server) answerRules(w http.ResponseWriter, ids []string, err error) {
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string][]string{"ids": ids})
}

// parseArm reads a scenario file, or one rule, which it wraps in a file.
// The wrapped rule starts on line 3 of what is parsed, which errors name.
func parseArm(source string, body []byte) (*scenarios.File, error) {
	var top map[string]any
	if err := yaml.Unmarshal(body, &top); err == nil {
		if _, ok := top["rules"]; ok {
			return scenarios.Parse(source, body)
		}
	}
	var b strings.Builder
	b.WriteString("rules:\n  -\n")
	for line := range strings.Lines(string(body)) {
		b.WriteString("    " + line)
	}
	return scenarios.Parse(source, []byte(b.String()))
}

// sourceName is the name rules added at run time carry in their ids.
func sourceName(given, fallback string) string {
	if given != "" {
		return given
	}
	return fallback
}

// adminRemoveRule takes a rule out of force by its id (?id=).
func (s *Server) adminRemoveRule(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if id == "" {
		writeError(w, http.StatusBadRequest, "say which rule: ?id= one of the ids GET /__tsymock/scenarios lists")
		return
	}
	if !s.scen.Remove(id) {
		writeError(w, http.StatusNotFound, "no rule %q in force", id)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"removed": id})
}
