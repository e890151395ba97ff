package voipinnovations_test

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// TestConformance drives every operation the fake simulates through the
// client: happy paths with decoded values and the documented error paths.
func TestConformance(t *testing.T) {
	ctx := context.Background()
	covered := map[string]bool{}
	run := func(op string, f func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client)) {
		covered[op] = true
		t.Run(op, func(t *testing.T) {
			srv := voipinnovationstest.NewServer(voipinnovationstest.WithSeed(7))
			defer srv.Close()
			c, err := srv.Client()
			if err != nil {
				t.Fatal(err)
			}
			f(t, srv, c)
		})
	}
	free := func(srv *voipinnovationstest.Server, n int) []string {
		return numbersBy(srv, voipinnovationstest.Available, "", n)
	}

	run("getDIDs", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		locs, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "FL", RateCenter: "miami"})
		if err != nil || len(locs) == 0 {
			t.Fatalf("%d %v", len(locs), err)
		}
		for _, l := range locs {
			n, _ := srv.Number(l.TN)
			if l.State != "FL" || l.RateCenter != "MIAMI" || l.LATA != 460 || n.Status != voipinnovationstest.Available || l.Tier != n.Tier || l.SMS != n.SMS {
				t.Fatalf("locator %+v vs %+v", l, n)
			}
		}
		if locs, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "AK"}); err != nil || len(locs) != 0 {
			t.Fatalf("no match: %v %v", locs, err)
		}
		held := numbersBy(srv, voipinnovationstest.Assigned, voipinnovationstest.OtherLogin, 1)[0]
		locs, _ = c.DIDs.Search(ctx, &vi.DIDSearchParams{NPA: held[:3], NXX: held[3:6]})
		for _, l := range locs {
			if l.TN == held {
				t.Fatal("search lists a number another company owns")
			}
		}
	})
	run("getDIDCount", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		counts, err := c.DIDs.SearchCounts(ctx, &vi.DIDSearchCountsParams{State: "UT", Orderby: "tier"})
		if err != nil || len(counts) == 0 {
			t.Fatal(err)
		}
		total := int64(0)
		for i, ct := range counts {
			total += ct.Count
			if i > 0 && counts[i-1].Tier > ct.Tier {
				t.Fatal("not ordered by tier")
			}
		}
		locs, _ := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "UT"})
		if total != int64(len(locs)) {
			t.Fatalf("counts add to %d, search finds %d", total, len(locs))
		}
		if counts, err := c.DIDs.SearchCounts(ctx, &vi.DIDSearchCountsParams{State: "UT", NPA: "999"}); err != nil || len(counts) != 0 {
			t.Fatalf("no match: %v %v", counts, err)
		}
	})
	run("reserveDID", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		tn := free(srv, 1)[0]
		res, err := c.DIDs.Reserve(ctx, tn)
		if err != nil || res[0].DID.StatusCode != vi.StatusOK || res[0].DID.Tier == 0 {
			t.Fatalf("%+v %v", res, err)
		}
		if _, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: tn, EndpointGroup: 8674}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DIDs.Reserve(ctx, tn); !errors.Is(err, vi.ErrConflict) {
			t.Fatalf("reserve of an owned number: %v", err)
		}
		var tier4, tf string
		for _, n := range srv.Numbers() {
			if n.Status == voipinnovationstest.Available && n.Tier == 4 && tier4 == "" {
				tier4 = n.TN
			}
			if n.Status == voipinnovationstest.Available && n.State == "TF" && tf == "" {
				tf = n.TN
			}
		}
		res, err = c.DIDs.Reserve(ctx, tier4, tf)
		if !errors.Is(err, vi.ErrNotAvailable) || res[0].DID.StatusCode != vi.StatusReserveTierUnavailable || res[1].DID.StatusCode != vi.StatusReserveNo800 {
			t.Fatalf("tier/800: %+v %v", res, err)
		}
	})
	run("assignDID", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		tns := free(srv, 2)
		yes := true
		res, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: tns[0], EndpointGroup: 8674, RefID: "cust-1", CNAM: &yes}, vi.DIDParam{TN: tns[1], EndpointGroup: 12345})
		if !errors.Is(err, vi.ErrInvalidParameter) || res[0].Err != nil || res[1].DID.StatusCode != vi.StatusAssignBadEndpoint {
			t.Fatalf("%+v %v", res, err)
		}
		if n, _ := srv.Number(tns[0]); n.Status != voipinnovationstest.Assigned || n.EndpointGroup != 8674 || n.RefID != "cust-1" || !n.CNAMEnabled {
			t.Fatalf("state %+v", n)
		}
		res, err = c.DIDs.Assign(ctx, vi.DIDParam{TN: tns[0], EndpointGroup: 8674})
		if err != nil || res[0].DID.StatusCode != vi.StatusAssignAlreadyAssigned {
			t.Fatalf("repeat: %+v %v", res, err)
		}
		// an endpoint group of another company: responseCode 948
		_, err = c.DIDs.Assign(ctx, vi.DIDParam{TN: tns[1], EndpointGroup: 9001})
		var ae *vi.APIError
		if !errors.As(err, &ae) || ae.Code != vi.ResponseEndpointNotOwned || !errors.Is(err, vi.ErrInvalidParameter) {
			t.Fatalf("948: %v", err)
		}
		other := numbersBy(srv, voipinnovationstest.Assigned, voipinnovationstest.OtherLogin, 1)[0]
		if _, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: other, EndpointGroup: 8674}); !errors.Is(err, vi.ErrNotAvailable) {
			t.Fatalf("other's number: %v", err)
		}
	})
	run("configDID", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		tns := free(srv, 2)
		c.DIDs.Assign(ctx, vi.DIDParam{TN: tns[0], EndpointGroup: 8674})
		c.DIDs.Reserve(ctx, tns[1])
		no := false
		res, err := c.DIDs.Configure(ctx, vi.DIDParam{TN: tns[0], EndpointGroup: 8675, RefID: "r2", CNAM: &no}, vi.DIDParam{TN: tns[1], EndpointGroup: 8675})
		if !errors.Is(err, vi.ErrNotOwned) || res[0].Err != nil || res[0].DID.EndpointGroup != 8675 || res[1].DID.StatusCode != vi.StatusConfigReservedForYou {
			t.Fatalf("%+v %v", res, err)
		}
		d, _ := c.DIDs.Get(ctx, tns[0])
		if d.EndpointGroup != 8675 || d.RefID != "r2" {
			t.Fatalf("after configure %+v", d)
		}
		if _, err := c.DIDs.Configure(ctx, vi.DIDParam{TN: tns[0], EndpointGroup: 1}); !errors.Is(err, vi.ErrInvalidParameter) {
			t.Fatalf("bad group: %v", err)
		}
		if _, err := c.DIDs.Configure(ctx, vi.DIDParam{TN: "2015550100", EndpointGroup: 8674}); !errors.Is(err, vi.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
	})
	run("releaseDID", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		tns := free(srv, 2)
		c.DIDs.Assign(ctx, vi.DIDParam{TN: tns[0], EndpointGroup: 8674})
		c.DIDs.Reserve(ctx, tns[1])
		res, err := c.DIDs.Release(ctx, tns[0], tns[1])
		if !errors.Is(err, vi.ErrNotOwned) || res[0].Err != nil || res[1].DID.StatusCode != vi.StatusReleaseReservedForYou {
			t.Fatalf("%+v %v", res, err)
		}
		if n, _ := srv.Number(tns[0]); n.Status != voipinnovationstest.Available {
			t.Fatalf("released number %+v", n)
		}
		res, err = c.DIDs.Release(ctx, tns[0])
		if err != nil || res[0].DID.StatusCode != vi.StatusReleaseAvailable {
			t.Fatalf("repeat: %+v %v", res, err)
		}
		other := numbersBy(srv, voipinnovationstest.Assigned, voipinnovationstest.OtherLogin, 1)[0]
		if _, err := c.DIDs.Release(ctx, other); !errors.Is(err, vi.ErrNotOwned) {
			t.Fatalf("other's: %v", err)
		}
	})
	run("queryDID", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		tn := free(srv, 1)[0]
		d, err := c.DIDs.Get(ctx, tn)
		if err != nil || d.Availability != "available" || d.TN != tn || d.EndpointGroup != 0 {
			t.Fatalf("available: %+v %v", d, err)
		}
		res := numbersBy(srv, voipinnovationstest.Reserved, voipinnovationstest.OtherLogin, 1)[0]
		if d, err := c.DIDs.Get(ctx, res); err != nil || d.StatusCode != vi.StatusQueryReservedByOther {
			t.Fatalf("reserved by other: %+v %v", d, err)
		}
		asg := numbersBy(srv, voipinnovationstest.Assigned, voipinnovationstest.OtherLogin, 1)[0]
		if d, err := c.DIDs.Get(ctx, asg); err != nil || d.StatusCode != vi.StatusQueryAssignedToOther {
			t.Fatalf("assigned to other: %+v %v", d, err)
		}
		if _, err := c.DIDs.Get(ctx, "2015550100"); !errors.Is(err, vi.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
	})
	run("auditDIDs", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		if dids, err := c.DIDs.List(ctx); err != nil || len(dids) != 0 {
			t.Fatalf("none owned: %v %v", dids, err)
		}
		tns := free(srv, 3)
		c.DIDs.Assign(ctx, vi.DIDParam{TN: tns[2], EndpointGroup: 8674}, vi.DIDParam{TN: tns[0], EndpointGroup: 8675})
		dids, err := c.DIDs.List(ctx)
		if err != nil || len(dids) != 2 {
			t.Fatalf("%v %v", dids, err)
		}
		got := []string{dids[0].TN, dids[1].TN}
		want := []string{tns[0], tns[2]}
		sort.Strings(want)
		if got[0] != want[0] || got[1] != want[1] || dids[0].Availability != "assigned" {
			t.Fatalf("audit %v, want %v", got, want)
		}
	})
	run("isPortable", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		if ok, err := c.Ports.GetPortability(ctx, "+1 305 555 0100"); err != nil || !ok {
			t.Fatalf("%v %v", ok, err)
		}
		srv.SetPortable("3055550100", false)
		if ok, err := c.Ports.GetPortability(ctx, "3055550100"); err != nil || ok {
			t.Fatalf("%v %v", ok, err)
		}
		if ok, _ := c.Ports.GetPortability(ctx, "9075550100"); ok {
			t.Fatal("unknown area portable")
		}
	})
	run("getPortDetails", func(t *testing.T, srv *voipinnovationstest.Server, c *vi.Client) {
		p, err := c.Ports.Get(ctx, 36623)
		if err != nil || p.Status != "PENDING SIGNATURE" || len(p.DIDs) != 2 || p.DefaultEndpointGroup != 8674 || !p.FOCDate.IsZero() || p.SubmittedDate.IsZero() {
			t.Fatalf("%+v %v", p, err)
		}
		srv.AddPort(voipinnovationstest.Port{ID: 5, Status: "FOC", FOC: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)})
		p, err = c.Ports.Get(ctx, 5)
		if err != nil || !p.FOCDate.Equal(time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)) || p.DefaultEndpointGroup != 0 || len(p.DIDs) != 0 {
			t.Fatalf("%+v %v", p, err)
		}
		if _, err := c.Ports.Get(ctx, 999); !errors.Is(err, vi.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
	})

	for _, op := range voipinnovationstest.Simulated() {
		if !covered[op] {
			t.Errorf("simulated operation %s has no conformance test", op)
		}
	}
}

func TestAuthAndIP(t *testing.T) {
	srv := voipinnovationstest.NewServer(voipinnovationstest.WithIPAllowList("10.0.0.1"))
	defer srv.Close()
	ctx := context.Background()
	bad, _ := vi.New(srv.Login(), "wrong", vi.WithBaseURL(srv.URL()))
	_, err := bad.DIDs.List(ctx)
	var ae *vi.APIError
	if !errors.As(err, &ae) || ae.Code != vi.ResponseAuthFailed || !errors.Is(err, vi.ErrAuth) || errors.Is(err, vi.ErrIPNotAllowed) {
		t.Fatalf("902: %v", err)
	}
	c, _ := srv.Client()
	if _, err := c.Ports.GetPortability(ctx, "3055550100"); !errors.Is(err, vi.ErrIPNotAllowed) {
		t.Fatalf("901: %v", err)
	}
}

func TestNotSimulatedIsAFault(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client(vi.WithRetry(1, 0, 0))
	_, err := c.CNAM.GetDisplay(context.Background(), &vi.CNAMGetDisplayParams{TN: "3055550100"})
	var fe *vi.FaultError
	if !errors.As(err, &fe) || fe.Code != "soap:Server" || fe.Message != "voipinnovationstest: operation GetCNAMDisplay is not simulated" || fe.HTTPStatusCode != 500 {
		t.Fatalf("%v", err)
	}
	if !errors.Is(err, vi.ErrUnavailable) {
		t.Fatal("server fault is not ErrUnavailable")
	}
}

func TestNewFromEnv(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	t.Setenv("VI_API_URL", srv.URL())
	t.Setenv("VI_API_LOGIN", srv.Login())
	t.Setenv("VI_API_SECRET", srv.Secret())
	c, err := vi.NewFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DIDs.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VI_API_SECRET", "")
	var ve *vi.ValidationError
	if _, err := vi.NewFromEnv(); !errors.As(err, &ve) || ve.Field != "secret" {
		t.Fatalf("%v", err)
	}
	for _, bad := range []vi.Option{vi.WithBaseURL("ftp://x"), vi.WithBaseURL("http://u:p@h/x"), vi.WithBaseURL("http://h/x?login=a"),
		vi.WithTimeout(0), vi.WithRetry(0, 0, 0), vi.WithRateLimit(0, 1), vi.WithMaxResponseBytes(0), vi.WithHTTPClient(nil), vi.WithUserAgent("a\nb")} {
		if _, err := vi.New("l", "s", bad); err == nil {
			t.Errorf("option accepted")
		}
	}
}
