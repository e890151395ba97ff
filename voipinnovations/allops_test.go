package voipinnovations

import (
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

type cannedRT struct {
	code  string
	reqs  []*http.Request
	bodys []string
}

func (c *cannedRT) RoundTrip(r *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(r.Body)
	c.reqs = append(c.reqs, r)
	c.bodys = append(c.bodys, string(b))
	op := strings.TrimPrefix(strings.Trim(r.Header.Get("SOAPAction"), `"`), Namespace)
	body := `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><` + op +
		`Response xmlns="http://tempuri.org/"><` + op + `Result><responseCode>` + c.code + `</responseCode><responseMessage>m</responseMessage></` + op + `Result></` + op + `Response></soap:Body></soap:Envelope>`
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

// fill sets every field of the params struct p points to: numbers for
// fields that take a phone number, "v-<field>" for other strings, 7 for
// ints, true for flags. It returns the wire elements expected in the body.
func fill(t *testing.T, p reflect.Value) []string {
	t.Helper()
	var want []string
	e := p.Elem()
	for i := 0; i < e.NumField(); i++ {
		f, sf := e.Field(i), e.Type().Field(i)
		wire := strings.TrimSuffix(sf.Tag.Get("json"), ",omitempty")
		switch f.Kind() {
		case reflect.String:
			v := "v-" + wire
			if sf.Name == "TN" || sf.Name == "DID" {
				v = "3055550100"
			}
			f.SetString(v)
			want = append(want, "<"+wire+">"+v+"</"+wire+">")
		case reflect.Int64:
			f.SetInt(7)
			want = append(want, "<"+wire+">7</"+wire+">")
		default:
			t.Fatalf("%s.%s: kind %v not filled", e.Type(), sf.Name, f.Kind())
		}
	}
	return want
}

// TestGeneratedOperations calls every generated public method (the 38
// operations besides the seed ones) through a canned transport: the
// request names the operation in SOAPAction and body, carries login and
// secret first and every input in WSDL order; 100 decodes, 101 is empty
// for lists and ErrNotFound otherwise, 902 is ErrAuth; WithDryRun refuses
// the writes before any I/O.
func TestGeneratedOperations(t *testing.T) {
	ctx := reflect.ValueOf(context.Background())
	n := 0
	for _, op := range operations {
		svcs := map[string]bool{"auditDIDs": true, "queryDID": true, "assignDID": true, "getDIDs": true, "configDID": true,
			"releaseDID": true, "reserveDID": true, "isPortable": true, "getDIDCount": true, "getPortDetails": true}
		if svcs[op.name] {
			continue
		}
		n++
		t.Run(op.name, func(t *testing.T) {
			for _, code := range []string{"100", "101", "902"} {
				rt := &cannedRT{code: code}
				c, err := New("u", "p", WithHTTPClient(&http.Client{Transport: rt}), WithRetry(1, 0, 0))
				if err != nil {
					t.Fatal(err)
				}
				m := reflect.ValueOf(c).Elem().FieldByName(op.service).MethodByName(op.method)
				args := []reflect.Value{ctx}
				var want []string
				if m.Type().NumIn() == 2 {
					p := reflect.New(m.Type().In(1).Elem())
					want = fill(t, p)
					args = append(args, p)
				}
				out := m.Call(args)
				err, _ = out[1].Interface().(error)
				if len(rt.reqs) != 1 {
					t.Fatalf("%d requests", len(rt.reqs))
				}
				if got := rt.reqs[0].Header.Get("SOAPAction"); got != `"`+Namespace+op.name+`"` {
					t.Fatalf("SOAPAction %s", got)
				}
				body := rt.bodys[0]
				head := "<soap:Body><" + op.name + ` xmlns="http://tempuri.org/"><login>u</login><secret>p</secret>`
				if !strings.Contains(body, head+strings.Join(want, "")+"</"+op.name+"></soap:Body>") {
					t.Fatalf("body %s\nwant %s%s", body, head, strings.Join(want, ""))
				}
				switch code {
				case "100":
					if err != nil || out[0].IsNil() {
						t.Fatalf("100: %v", err)
					}
				case "101":
					var shape string
					for _, l := range []string{"List"} {
						if strings.HasPrefix(op.method, l) {
							shape = "list"
						}
					}
					if shape == "list" && err != nil {
						t.Fatalf("101 on a list: %v", err)
					}
					if shape == "" && !errors.Is(err, ErrNotFound) {
						t.Fatalf("101 on a one-record operation: %v", err)
					}
				case "902":
					if !errors.Is(err, ErrAuth) {
						t.Fatalf("902: %v", err)
					}
				}
			}
			if op.class == classWrite {
				rt := &cannedRT{code: "100"}
				c, _ := New("u", "p", WithHTTPClient(&http.Client{Transport: rt}), WithDryRun())
				m := reflect.ValueOf(c).Elem().FieldByName(op.service).MethodByName(op.method)
				args := []reflect.Value{ctx}
				if m.Type().NumIn() == 2 {
					p := reflect.New(m.Type().In(1).Elem())
					fill(t, p)
					args = append(args, p)
				}
				err, _ := m.Call(args)[1].Interface().(error)
				if !errors.Is(err, ErrDryRunRefused) || len(rt.reqs) != 0 {
					t.Fatalf("dry run: %v, %d requests", err, len(rt.reqs))
				}
			}
		})
	}
	if n != 38 {
		t.Fatalf("%d generated operations, want 38", n)
	}
}
