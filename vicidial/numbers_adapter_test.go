package vicidial_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/numbers/numberstest"
	"github.com/didkit/voipms/vicidial"
	"github.com/didkit/voipms/vicidialtest"
)

var vicidialWire = map[string]string{"register": "add_did", "update": "update_did", "remove": "update_did"}

func newVICIdialDialer(t *testing.T, opts ...vicidialtest.Option) (numberstest.Dialer, *vicidialtest.Server) {
	srv := vicidialtest.NewServer(append([]vicidialtest.Option{vicidialtest.WithNewBuild()}, opts...)...)
	t.Cleanup(srv.Close)
	c, err := srv.Client(vicidial.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	a := vicidial.Numbers(c)
	return numberstest.Dialer{
		Registry: a,
		Numbers:  [3]numbers.Number{numbers.MustParse("+1 312 555 0100"), numbers.MustParse("+1 312 555 0101"), numbers.MustParse("+1 312 555 0102")},
		Target:   numbers.InGroup{ID: "SALESLINE"},
		Alt:      numbers.CallMenu{ID: "MAINMENU"},
		Unsupported: []numbers.Target{numbers.Agent{User: "1000"}, numbers.SubAccount{ID: "100001_VoIP"},
			numbers.EndpointGroup{ID: 8674}, numbers.SIPURI{ID: "5096"}, numbers.Forwarding{ID: "1026"}},
		Lookup: func(n numbers.Number) (numbers.Registration, bool) {
			pat, _ := a.Pattern(n)
			d, ok := srv.DID(pat)
			if !ok {
				return numbers.Registration{}, false
			}
			return numbers.Registration{Number: n, Description: d.Description,
				Target: vicidial.TargetOf(vicidial.DIDRoute(d.Route), d.Group, d.MenuID, d.PhoneExten, d.ServerIP, d.Voicemail, d.Extension, d.Context)}, true
		},
		Requests: func() int { return len(srv.Requests()) },
		Calls:    func(op string) int { return srv.Calls(vicidialWire[op]) },
		BreakAfterExecute: func(op string) {
			srv.InjectFault(vicidialWire[op], vicidialtest.Fault{Kind: vicidialtest.FaultConnReset, Times: 1})
		},
	}, srv
}

// TestNumbersContract runs the numbers dialer contract on the VICIdial
// fake (new build).
func TestNumbersContract(t *testing.T) {
	numberstest.RunDialer(t, func(t *testing.T) numberstest.Dialer {
		h, _ := newVICIdialDialer(t)
		return h
	})
}

// TestNumbersAdapterOldBuild: on the 2017 build add_did does not exist;
// the adapter's error matches numbers.ErrUnsupported and
// vicidial.ErrUnsupported, and nothing is written.
func TestNumbersAdapterOldBuild(t *testing.T) {
	srv := vicidialtest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	a := vicidial.Numbers(c)
	err = a.Register(context.Background(), numbers.Registration{Number: numbers.MustParse("3125550100"), Target: numbers.InGroup{ID: "SALESLINE"}})
	if !errors.Is(err, numbers.ErrUnsupported) || !errors.Is(err, vicidial.ErrUnsupported) || numbers.Category(err) != numbers.ErrUnsupported {
		t.Fatalf("Register on the 2017 build: %v", err)
	}
	if srv.Calls("add_did") != 0 {
		t.Fatal("add_did was sent")
	}
	if numbers.Supports(a, numbers.CapListRegistry) || !numbers.Supports(a, numbers.CapRegistry) {
		t.Fatalf("capabilities %v", numbers.Capabilities(a))
	}
}

// TestNumbersAdapterPatternForms: digits by default, "+" (sent as %2B)
// with FormatE164.
func TestNumbersAdapterPatternForms(t *testing.T) {
	n := numbers.MustParse("(312) 555-0100")
	for _, tc := range []struct {
		f    numbers.Format
		want string
	}{{0, "13125550100"}, {numbers.FormatE164, "+13125550100"}, {numbers.FormatNANP, "3125550100"}} {
		srv := vicidialtest.NewServer(vicidialtest.WithNewBuild())
		c, err := srv.Client()
		if err != nil {
			t.Fatal(err)
		}
		a := vicidial.Numbers(c, vicidial.NumbersConfig{Format: tc.f})
		if err := a.Register(context.Background(), numbers.Registration{Number: n, Target: numbers.InGroup{ID: "SUPPORT"}}); err != nil {
			t.Fatal(err)
		}
		if d, ok := srv.DID(tc.want); !ok || d.Group != "SUPPORT" {
			t.Errorf("format %d: the fake has no DID %q (%+v)", tc.f, tc.want, d)
		}
		srv.Close()
	}
}
