package goautodial_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/numbers/numberstest"
)

var gadWire = map[string]string{"register": "goAddDID", "update": "goEditDID", "remove": "goDeleteDID", "list": "goGetAllDID"}

func newGADDialer(t *testing.T, opts ...goautodialtest.Option) (numberstest.Dialer, *goautodialtest.Server) {
	srv := goautodialtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := srv.Client(goautodial.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return numberstest.Dialer{
		Registry: goautodial.Numbers(c),
		Numbers:  [3]numbers.Number{numbers.MustParse("+1 727 555 1212"), numbers.MustParse("+1 727 555 1213"), numbers.MustParse("+1 727 555 1214")},
		Target:   numbers.InGroup{ID: "SALESLINE"},
		Alt:      numbers.Agent{User: "1000"},
		Unsupported: []numbers.Target{numbers.SubAccount{ID: "100001_VoIP"}, numbers.EndpointGroup{ID: 8674},
			numbers.SIPURI{ID: "5096"}, numbers.Forwarding{ID: "1026"}},
		Lookup: func(n numbers.Number) (numbers.Registration, bool) {
			row, ok := srv.DIDByPattern(n.Digits())
			if !ok {
				return numbers.Registration{}, false
			}
			return numbers.Registration{Number: n, Description: row["did_description"], Target: gadTarget(row)}, true
		},
		Requests: func() int { return len(srv.Requests()) },
		Calls:    func(op string) int { return srv.Calls(gadWire[op]) },
		BreakAfterExecute: func(op string) {
			srv.InjectFault(gadWire[op], goautodialtest.Fault{Kind: goautodialtest.FaultConnReset, Times: 1})
		},
		FailBeforeExecute: func(op string) {
			srv.InjectFault(gadWire[op], goautodialtest.Fault{Kind: goautodialtest.FaultHTML503, Times: 1})
		},
	}, srv
}

// gadTarget reads the fake's row the way the table stores routes.
func gadTarget(row goautodialtest.DIDRow) numbers.Target {
	switch row["did_route"] {
	case "IN_GROUP":
		return numbers.InGroup{ID: row["group_id"]}
	case "AGENT":
		u := row["user_unavailable_action"]
		if u == "VOICEMAIL" {
			u = ""
		}
		return numbers.Agent{User: row["user"], Unavailable: u}
	case "CALLMENU":
		return numbers.CallMenu{ID: row["menu_id"]}
	case "PHONE":
		return numbers.Phone{Extension: row["phone"], ServerIP: row["server_ip"]}
	case "VOICEMAIL", "VMAIL_NO_INST":
		return numbers.Voicemail{Box: row["voicemail_ext"]}
	case "EXTEN":
		c := row["exten_context"]
		if c == "default" {
			c = ""
		}
		return numbers.Extension{Ext: row["extension"], Context: c}
	}
	return nil
}

// TestNumbersContract runs the numbers dialer contract on the GoAutoDial
// fake (a current server).
func TestNumbersContract(t *testing.T) {
	numberstest.RunDialer(t, func(t *testing.T) numberstest.Dialer {
		h, _ := newGADDialer(t)
		return h
	})
}

// TestNumbersAdapterErrors: errors match the neutral category and the
// goautodial sentinel; a partial Register (added, route lost before it was
// sent) leaves a DID a re-run of Update fixes.
func TestNumbersAdapterErrors(t *testing.T) {
	h, srv := newGADDialer(t)
	ctx := context.Background()
	n := h.Numbers[0]
	reg := numbers.Registration{Number: n, Target: h.Target}
	if err := h.Registry.Register(ctx, reg); err != nil {
		t.Fatal(err)
	}
	err := h.Registry.Register(ctx, reg)
	if !errors.Is(err, numbers.ErrConflict) || !errors.Is(err, goautodial.ErrConflict) || numbers.Category(err) != numbers.ErrConflict {
		t.Fatalf("second Register: %v", err)
	}
	err = h.Registry.Remove(ctx, h.Numbers[1])
	if !errors.Is(err, numbers.ErrNotFound) {
		t.Fatalf("Remove of an unknown number: %v", err)
	}
	// The list that finds the new did_id fails (all retries): added with
	// the default route, not routed.
	srv.InjectFault("goGetAllDID", goautodialtest.Fault{Kind: goautodialtest.FaultHTML503, Times: 3})
	err = h.Registry.Register(ctx, numbers.Registration{Number: h.Numbers[2], Target: h.Target})
	var re *goautodial.RegisterError
	if !errors.As(err, &re) || !errors.Is(err, goautodial.ErrPartial) || numbers.Category(err) == nil {
		t.Fatalf("partial Register: %v", err)
	}
	if err := h.Registry.Update(ctx, numbers.Registration{Number: h.Numbers[2], Target: h.Target}); err != nil {
		t.Fatal(err)
	}
	if r, ok := h.Lookup(h.Numbers[2]); !ok || r.Target != h.Target {
		t.Fatalf("after Update: %+v %v", r, ok)
	}
	// Patterns that are not numbers are not listed.
	srv.AddDID(goautodialtest.DIDRow{"did_pattern": "default", "did_description": "catch all"})
	list, err := h.Registry.(numbers.RegistryLister).ListRegistered(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListRegistered = %+v, %v", list, err)
	}
}

// TestNumbersListTenDigitPattern: a DID the dialer holds as a bare 10-digit
// NANP pattern (not the adapter's 11-digit form) is listed as +1 and the
// number, not as an international +30... number.
func TestNumbersListTenDigitPattern(t *testing.T) {
	srv := goautodialtest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3055588561", Description: "ten digits", UserGroup: "ADMIN"}); err != nil {
		t.Fatal(err)
	}
	regs, err := goautodial.Numbers(c).ListRegistered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := numbers.MustParse("+1 305 558 8561")
	for _, r := range regs {
		if r.Number == want {
			return
		}
	}
	t.Fatalf("10-digit pattern not listed as %v: %+v", want, regs)
}
