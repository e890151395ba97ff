package goautodial_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
)

func newFake(t *testing.T, opts ...goautodialtest.Option) (*goautodialtest.Server, *goautodial.Client) {
	t.Helper()
	srv := goautodialtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := srv.Client(goautodial.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return srv, c
}

func wantErr(t *testing.T, err, category error) {
	t.Helper()
	if !errors.Is(err, category) {
		t.Fatalf("error %v, want %v", err, category)
	}
	n := 0
	for _, c := range allCategories {
		if errors.Is(err, c) {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("error %v matches %d categories", err, n)
	}
}

var allCategories = []error{goautodial.ErrAuth, goautodial.ErrPermission, goautodial.ErrInvalidParameter,
	goautodial.ErrNotFound, goautodial.ErrConflict, goautodial.ErrUnsupported, goautodial.ErrRejected,
	goautodial.ErrBadResponse, goautodial.ErrUnavailable, goautodial.ErrTransport, goautodial.ErrOutcomeUnknown,
	goautodial.ErrPartial}

// TestConformance drives every action the fake simulates through the
// client, on the current (v4) behaviour and the 2016-2018 one, and checks
// the fake's table after each write.
func TestConformance(t *testing.T) {
	for _, mode := range []struct {
		name string
		opts []goautodialtest.Option
	}{{"v4", nil}, {"legacy", []goautodialtest.Option{goautodialtest.WithLegacy()}}} {
		t.Run(mode.name, func(t *testing.T) {
			ctx := context.Background()
			srv, c := newFake(t, mode.opts...)
			legacy := srv.Legacy()

			// add
			if err := c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "+17275551212", Description: "Main line",
				UserGroup: "ADMIN", Active: goautodial.Bool(false)}); err != nil {
				t.Fatal(err)
			}
			row, ok := srv.DIDByPattern("17275551212")
			if !ok || row["did_description"] != "Main line" || row["did_active"] != "Y" || row["did_route"] != "EXTEN" ||
				row["extension"] != "9998811112" || row["user_group"] != "ADMIN" || row["record_call"] != "N" {
				t.Fatalf("row after add = %v", row)
			}
			wantErr(t, c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "17275551212", Description: "again", UserGroup: "ADMIN"}),
				goautodial.ErrConflict)
			err := c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3125550000", Description: "x", UserGroup: "NOPE"})
			wantErr(t, err, goautodial.ErrInvalidParameter)
			var ae *goautodial.APIError
			if !errors.As(err, &ae) || ae.Field != "user_group" || ae.Message != "Error: Invalid User Group" {
				t.Errorf("invalid group: %#v", ae)
			}

			// exists
			if ex, err := c.DIDs.Exists(ctx, "+17275551212"); err != nil || !ex {
				t.Errorf("Exists(taken) = %v, %v", ex, err)
			}
			if ex, err := c.DIDs.Exists(ctx, "3125550199"); err != nil || ex {
				t.Errorf("Exists(free) = %v, %v", ex, err)
			}

			// list (v4 on the first try; legacy after one fallback)
			dids, err := c.DIDs.List(ctx, nil)
			if err != nil || len(dids) != 1 || dids[0].Pattern != "17275551212" || !dids[0].Active || dids[0].Route != goautodial.RouteExtension {
				t.Fatalf("List = %+v, %v", dids, err)
			}
			id := dids[0].ID
			if id != row.ID() {
				t.Errorf("id %d, row %d", id, row.ID())
			}
			wantAll, wantLegacy := 1, 0
			if legacy {
				wantLegacy = 1
			}
			if srv.Calls("goGetAllDID") != wantAll || srv.Calls("goGetDIDsList") != wantLegacy {
				t.Errorf("calls: goGetAllDID %d goGetDIDsList %d", srv.Calls("goGetAllDID"), srv.Calls("goGetDIDsList"))
			}
			if _, err := c.DIDs.List(ctx, nil); err != nil {
				t.Fatal(err)
			}
			if !legacy {
				wantAll = 2
			}
			if srv.Calls("goGetAllDID") != wantAll {
				t.Errorf("goGetAllDID called %d times, want %d (legacy: the fallback is remembered)", srv.Calls("goGetAllDID"), wantAll)
			}

			// update: route to an in-group
			if err := c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: id, Description: "Sales line",
				Route: goautodial.InGroup("SALES_LINE", "", "LO", "")}); err != nil {
				t.Fatal(err)
			}
			row, _ = srv.DID(id)
			if row["did_route"] != "IN_GROUP" || row["group_id"] != "SALES_LINE" || row["agent_search_method"] != "LO" ||
				row["call_handle_method"] != "CID" || row["list_id"] != "999" || row["did_description"] != "Sales line" {
				t.Errorf("row after update = %v", row)
			}

			// get: every column
			info, err := c.DIDs.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if info.ID != id || info.Pattern != "17275551212" || !info.Active || info.UserGroup != "ADMIN" ||
				info.Route != goautodial.InGroup("SALES_LINE", "CID", "LO", "999") || len(info.Columns) != len(goautodialtest.Columns()) ||
				info.Columns["exten_context"] != "default" {
				t.Errorf("Get = %+v", info)
			}

			// re-route to a call menu, deactivate
			if err := c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: id, Active: goautodial.Bool(false),
				Route: goautodial.CallMenu("MAINMENU")}); err != nil {
				t.Fatal(err)
			}
			info, _ = c.DIDs.Get(ctx, id)
			if info.Route != goautodial.CallMenu("MAINMENU") || info.Active || info.Columns["group_id"] != "SALES_LINE" {
				t.Errorf("after re-route: %+v", info)
			}

			// errors of update, get, delete
			wantErr(t, c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 9999, Route: goautodial.Voicemail("100")}), goautodial.ErrNotFound)
			other := srv.AddDID(goautodialtest.DIDRow{"did_pattern": "8005551000", "did_description": "toll free"})
			wantErr(t, c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: other, Pattern: "17275551212", Route: goautodial.Voicemail("100")}),
				goautodial.ErrConflict)
			_, err = c.DIDs.Get(ctx, 9999)
			wantErr(t, err, goautodial.ErrNotFound)
			wantErr(t, c.DIDs.Delete(ctx, 9999), goautodial.ErrNotFound)

			// delete
			if err := c.DIDs.Delete(ctx, id); err != nil {
				t.Fatal(err)
			}
			if _, ok := srv.DID(id); ok {
				t.Error("row still there after Delete")
			}
			if err := c.DIDs.Delete(ctx, other); err != nil {
				t.Fatal(err)
			}
			dids, err = c.DIDs.List(ctx, nil)
			if err != nil || len(dids) != 0 {
				t.Errorf("List of an empty table = %+v, %v", dids, err)
			}

			// register
			d, err := c.DIDs.Register(ctx, &goautodial.DIDRegisterParams{Pattern: "+13125551000", Description: "Support",
				UserGroup: "AGENTS", Route: goautodial.Agent("agent007", goautodial.UnavailableInGroup, "")})
			if err != nil {
				t.Fatal(err)
			}
			row, _ = srv.DID(d.ID)
			if d.Pattern != "13125551000" || row["did_route"] != "AGENT" || row["user"] != "agent007" ||
				row["user_unavailable_action"] != "IN_GROUP" || row["user_route_settings_ingroup"] != "AGENTDIRECT" || row["user_group"] != "AGENTS" {
				t.Errorf("Register = %+v, row %v", d, row)
			}
		})
	}
}

// TestPermissionWithPlaintext: on current servers the plaintext password
// logs in but the list and info actions need the pass hash (code 10001);
// the legacy code accepts it everywhere. A user of level 7 cannot list.
func TestPermissionWithPlaintext(t *testing.T) {
	ctx := context.Background()
	srv := goautodialtest.NewServer(goautodialtest.WithUser(goautodialtest.User{User: "lowlevel", Pass: "Low1234", Level: 7}))
	defer srv.Close()
	plain, err := goautodial.New(srv.URL(), srv.User(), srv.PlainPass())
	if err != nil {
		t.Fatal(err)
	}
	if err := plain.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "5551000", Description: "x", UserGroup: "ADMIN"}); err != nil {
		t.Fatalf("plaintext add: %v", err)
	}
	_, err = plain.DIDs.List(ctx, nil)
	wantErr(t, err, goautodial.ErrPermission)
	var ae *goautodial.APIError
	if !errors.As(err, &ae) || ae.Code != "10001" {
		t.Errorf("%#v", ae)
	}
	_, err = plain.DIDs.Get(ctx, 1)
	wantErr(t, err, goautodial.ErrPermission)

	low, _ := goautodial.New(srv.URL(), "lowlevel", srv.PassHash("lowlevel"))
	_, err = low.DIDs.List(ctx, nil)
	wantErr(t, err, goautodial.ErrPermission)

	bad, _ := goautodial.New(srv.URL(), srv.User(), "wrong-password")
	_, err = bad.DIDs.List(ctx, nil)
	wantErr(t, err, goautodial.ErrAuth)

	legacy := goautodialtest.NewServer(goautodialtest.WithLegacy())
	defer legacy.Close()
	lc, _ := goautodial.New(legacy.URL(), legacy.User(), legacy.PlainPass())
	if _, err := lc.DIDs.List(ctx, nil); err != nil {
		t.Errorf("legacy list with plaintext: %v", err)
	}
}

// TestSeedNamesNotSent: goEditDIDAPI is a doc sample's file name; the
// server answers it Command Not Found, which the client maps to
// ErrUnsupported. The client's Update never sends it.
func TestSeedNamesNotSent(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	id := srv.AddDID(goautodialtest.DIDRow{"did_pattern": "5550100", "did_description": "d"})
	if err := c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: id, Route: goautodial.Voicemail("200")}); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		if r.Action == "goEditDIDAPI" || r.Action == "goGetDIDsList" {
			t.Errorf("sent %s", r.Action)
		}
	}
	if srv.Calls("goEditDID") != 1 {
		t.Errorf("goEditDID calls = %d", srv.Calls("goEditDID"))
	}
}

// TestTenant: a tenant user adds only to its own group and sees, edits
// and deletes only its group's DIDs; Register works inside the tenant.
func TestTenant(t *testing.T) {
	ctx := context.Background()
	srv := goautodialtest.NewServer(goautodialtest.WithTenant("ACME"),
		goautodialtest.WithUser(goautodialtest.User{User: "acme", Pass: "AcmePass1", Level: 8, Group: "ACME"}))
	defer srv.Close()
	admin := srv.AddDID(goautodialtest.DIDRow{"did_pattern": "8005551000", "did_description": "admin's", "user_group": "ADMIN"})
	shared := srv.AddDID(goautodialtest.DIDRow{"did_pattern": "8005552000", "did_description": "shared"})
	c, err := goautodial.New(srv.URL(), "acme", srv.PassHash("acme"))
	if err != nil {
		t.Fatal(err)
	}
	err = c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3125550100", Description: "d", UserGroup: "ADMIN"})
	wantErr(t, err, goautodial.ErrInvalidParameter)
	d, err := c.DIDs.Register(ctx, &goautodial.DIDRegisterParams{Pattern: "3125550100", Description: "d", UserGroup: "ACME",
		Route: goautodial.Voicemail("100")})
	if err != nil {
		t.Fatal(err)
	}
	dids, err := c.DIDs.List(ctx, nil)
	if err != nil || len(dids) != 2 || dids[0].ID != shared || dids[1].ID != d.ID {
		t.Errorf("tenant list %+v %v", dids, err)
	}
	_, err = c.DIDs.Get(ctx, admin)
	wantErr(t, err, goautodial.ErrNotFound)
	if _, err := c.DIDs.Get(ctx, shared); err != nil {
		t.Errorf("---ALL--- row: %v", err)
	}
	wantErr(t, c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: admin, Route: goautodial.Voicemail("1")}), goautodial.ErrNotFound)
	wantErr(t, c.DIDs.Delete(ctx, admin), goautodial.ErrNotFound)
	if r, _ := srv.DID(admin); r["did_route"] != "EXTEN" {
		t.Error("a tenant changed another group's DID")
	}
}
