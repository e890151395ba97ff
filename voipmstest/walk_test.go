package voipmstest

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// sdkMethods reads the wire method names of the SDK's method table
// (methodTable in ../methods_gen.go).
func sdkMethods(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../methods_gen.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "methodTable" {
			return true
		}
		for _, e := range vs.Values[0].(*ast.CompositeLit).Elts {
			k := e.(*ast.KeyValueExpr).Key.(*ast.BasicLit)
			s, _ := strconv.Unquote(k.Value)
			names = append(names, s)
		}
		return false
	})
	sort.Strings(names)
	return names
}

// TestEveryMethodAnswers walks every method of the SDK's method table with
// valid credentials and no parameters: none may answer invalid_method; the
// methods of notSimulated (and only they) answer not_simulated with a
// message saying so, and the package doc lists them.
func TestEveryMethodAnswers(t *testing.T) {
	methods := sdkMethods(t)
	if len(methods) != 226 {
		t.Fatalf("method table has %d methods, want 226", len(methods))
	}
	s := newServer(WithSeed(3))
	h := s.Handler()
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, notSimSection, _ := strings.Cut(string(doc), "# Not simulated")
	inTable := map[string]bool{}
	for _, m := range methods {
		inTable[m] = true
		v := url.Values{"api_username": {s.Username()}, "api_password": {s.Password()}, "method": {m}}
		r := httptest.NewRequest("POST", APIPath, strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		var ans struct{ Status, Message string }
		if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
			t.Errorf("%s: answer %q: %v", m, w.Body.String(), err)
			continue
		}
		_, exempt := notSimulated[m]
		switch {
		case ans.Status == "invalid_method":
			t.Errorf("%s answers invalid_method", m)
		case ans.Status == "not_simulated" && !exempt:
			t.Errorf("%s answers not_simulated but is not in the not-simulated list", m)
		case exempt && ans.Status != "not_simulated":
			t.Errorf("%s is listed as not simulated but answers %s", m, ans.Status)
		case exempt && (!strings.Contains(ans.Message, "not simulated") || !strings.Contains(ans.Message, m)):
			t.Errorf("%s: message %q does not say it is not simulated", m, ans.Message)
		case exempt && !strings.Contains(notSimSection, m):
			t.Errorf("%s is not listed in the package doc's Not simulated section", m)
		case ans.Status == "":
			t.Errorf("%s: answer without status: %s", m, w.Body.String())
		}
	}
	for m := range handlers {
		if !inTable[m] {
			t.Errorf("handler %s is not a method of the SDK's table", m)
		}
	}
	for m := range notSimulated {
		if !inTable[m] {
			t.Errorf("not-simulated %s is not a method of the SDK's table", m)
		}
	}
	if len(notSimulated) > 1 {
		t.Errorf("%d methods not simulated, want at most 1", len(notSimulated))
	}
}
