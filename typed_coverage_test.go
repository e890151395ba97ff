package voipms

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestEveryMethodTyped checks that every documented wire method (methodTable)
// has a typed method (typedMethods, generated from spec.json) and that the
// method exists on its service.
func TestEveryMethodTyped(t *testing.T) {
	c, err := New("u@example.com", "pw")
	if err != nil {
		t.Fatal(err)
	}
	var untyped []string
	for wire := range methodTable {
		if _, ok := typedMethods[wire]; !ok {
			untyped = append(untyped, wire)
		}
	}
	sort.Strings(untyped)
	if len(untyped) > 0 {
		t.Errorf("%d of %d wire methods have no typed method: %s", len(untyped), len(methodTable), strings.Join(untyped, ", "))
	}
	cv := reflect.ValueOf(c).Elem()
	for wire, goName := range typedMethods {
		if _, ok := methodTable[wire]; !ok {
			t.Errorf("typed method %s sends %s, which is not in methodTable", goName, wire)
		}
		svc, name, _ := strings.Cut(goName, ".")
		f := cv.FieldByName(svc)
		if !f.IsValid() || f.IsNil() {
			t.Errorf("%s: Client has no service %s", wire, svc)
			continue
		}
		if !f.MethodByName(name).IsValid() {
			t.Errorf("%s: %s has no method %s", wire, svc, name)
		}
	}
	t.Logf("%d of %d wire methods typed", len(typedMethods), len(methodTable))
}
