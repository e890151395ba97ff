package voipinnovations

import (
	"context"
	"reflect"
	"regexp"
	"sort"
	"testing"

	"github.com/didkit/voipms/internal/viwsdl"
)

// TestEveryOperationTyped reads the production WSDL's operations on its own
// (not through the generator) and checks that each has its metadata, a
// SOAPAction, a retry class and a public method on its service.
func TestEveryOperationTyped(t *testing.T) {
	var wsdl []string
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`<wsdl:operation name="([^"]+)">\s*<soap:operation soapAction="([^"]+)"`).FindAllSubmatch(viwsdl.Production, -1) {
		if !seen[string(m[1])] {
			seen[string(m[1])] = true
			wsdl = append(wsdl, string(m[1]))
			if string(m[2]) != Namespace+string(m[1]) {
				t.Errorf("%s: action %s", m[1], m[2])
			}
		}
	}
	sort.Strings(wsdl)
	if len(wsdl) != 48 {
		t.Fatalf("the production WSDL has %d operations, the reference says 48", len(wsdl))
	}
	c, err := New("u", "p")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*opInfo{}
	for _, op := range operations {
		byName[op.name] = op
	}
	cv := reflect.ValueOf(c).Elem()
	for _, name := range wsdl {
		op := byName[name]
		if op == nil {
			t.Errorf("%s: not typed", name)
			continue
		}
		if op.action != Namespace+name {
			t.Errorf("%s: action %s", name, op.action)
		}
		svc := cv.FieldByName(op.service)
		if !svc.IsValid() || svc.IsNil() {
			t.Errorf("%s: service %s missing", name, op.service)
			continue
		}
		m := svc.MethodByName(op.method)
		if !m.IsValid() {
			t.Errorf("%s: %s.%s missing", name, op.service, op.method)
			continue
		}
		if m.Type().NumIn() < 1 || m.Type().In(0) != reflect.TypeOf((*context.Context)(nil)).Elem() {
			t.Errorf("%s: %s.%s does not take ctx first", name, op.service, op.method)
		}
		if m.Type().NumOut() != 2 || m.Type().Out(1) != reflect.TypeOf((*error)(nil)).Elem() {
			t.Errorf("%s: %s.%s does not return (T, error)", name, op.service, op.method)
		}
	}
	if len(operations) != len(wsdl) {
		t.Errorf("%d operations typed, WSDL has %d", len(operations), len(wsdl))
	}
}

// TestRetryClasses pins, by hand (from the reference, not the spec), which
// operations change state: they are never resent once they may have been
// sent.
func TestRetryClasses(t *testing.T) {
	writes := map[string]bool{
		"assignDID": true, "configDID": true, "releaseDID": true, "reserveDID": true,
		"insert911": true, "update911": true, "remove911": true, "addLocation": true, "removeLocation": true,
		"provisionLocation": true, "Add911Alert": true, "Remove911Alert": true,
		"AssignIntlDID": true, "ReleaseIntlDID": true, "UpdateCNAMDisplay": true, "RemoveCNAM": true,
		"SetFaxToEmail": true, "RemoveFaxToEmail": true, "UpdateDIDFailover": true, "SetDIDForward": true,
		"RemoveDIDForward": true, "SetDIDGroup": true, "RemoveDIDGroup": true, "SetConferenceLine": true,
		"RemoveConferenceLine": true,
	}
	n := 0
	for _, op := range operations {
		want := classRead
		if writes[op.name] {
			want = classWrite
			n++
		}
		if op.class != want {
			t.Errorf("%s: class %v, want %v", op.name, op.class, want)
		}
	}
	if n != len(writes) {
		t.Errorf("%d of the %d known writes found", n, len(writes))
	}
}
