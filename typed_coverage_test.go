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

// TestServicesWired checks that Client's exported fields are exactly the
// services of spec.json (serviceFields, generated into services_gen.go), in
// the same order, each wired by New. Together with initServices (which does
// not compile when a field is missing) it keeps the service list in one
// place, while `go doc voipms.Client` shows every service.
func TestServicesWired(t *testing.T) {
	c, err := New("u@example.com", "pw")
	if err != nil {
		t.Fatal(err)
	}
	cv := reflect.ValueOf(c).Elem()
	var exported []string
	for i := 0; i < cv.NumField(); i++ {
		f := cv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		exported = append(exported, f.Name)
		if cv.Field(i).IsNil() {
			t.Errorf("Client.%s is nil after New", f.Name)
		}
		if want := f.Type.Elem().Name(); !strings.HasSuffix(want, "Service") {
			t.Errorf("Client.%s has type %s, want a *...Service", f.Name, f.Type)
		}
	}
	if !reflect.DeepEqual(exported, serviceFields) {
		t.Errorf("Client's exported fields\n got: %v\nwant: %v (spec.json services)", exported, serviceFields)
	}
}
