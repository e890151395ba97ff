package voipinnovations_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// numbersBy returns numbers of the fake's inventory in the given state and
// holder ("" for available).
func numbersBy(srv *voipinnovationstest.Server, st voipinnovationstest.NumberState, holder string, n int) []string {
	var out []string
	for _, x := range srv.Numbers() {
		if x.Status == st && x.Account == holder && x.State != "TF" && x.Tier <= 3 && len(out) < n {
			out = append(out, x.TN)
		}
	}
	return out
}

func TestBatchMixedResults(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	free := numbersBy(srv, voipinnovationstest.Available, "", 2)
	takenRes := numbersBy(srv, voipinnovationstest.Reserved, voipinnovationstest.OtherLogin, 1)[0]
	takenAsg := numbersBy(srv, voipinnovationstest.Assigned, voipinnovationstest.OtherLogin, 1)[0]
	unknown := "2015550199"

	in := []string{free[0], takenRes, "+1" + free[1], takenAsg, unknown}
	res, err := c.DIDs.Reserve(ctx, in...)
	if len(res) != len(in) {
		t.Fatalf("%d results for %d inputs", len(res), len(in))
	}
	wantTN := []string{free[0], takenRes, free[1], takenAsg, unknown}
	wantStatus := []vi.StatusCode{100, vi.StatusReserveReservedByOther, 100, vi.StatusReserveAssignedToOther, vi.StatusReserveNotFound}
	wantCat := []error{nil, vi.ErrReservedByOther, nil, vi.ErrNotAvailable, vi.ErrNotFound}
	for i, r := range res {
		if r.TN != wantTN[i] || r.DID.StatusCode != wantStatus[i] {
			t.Errorf("result %d: %s %d, want %s %d", i, r.TN, r.DID.StatusCode, wantTN[i], wantStatus[i])
		}
		if (wantCat[i] == nil) != (r.Err == nil) || (wantCat[i] != nil && !errors.Is(r.Err, wantCat[i])) {
			t.Errorf("result %d: err %v, want %v", i, r.Err, wantCat[i])
		}
	}
	var be *vi.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err %v, want *BatchError", err)
	}
	if be.Total != 5 || len(be.Failed) != 3 || be.Failed[0].TN != takenRes || be.Failed[1].TN != takenAsg || be.Failed[2].TN != unknown {
		t.Fatalf("batch error %+v", be)
	}
	if !errors.Is(err, vi.ErrMixed) || errors.Is(err, vi.ErrNotFound) {
		t.Fatal("mixed failures must match ErrMixed only")
	}
	if got := err.Error(); got != "voipinnovations: reserveDID: 3 of 5 failed: "+takenRes+" (103230 Reserved for another company), "+takenAsg+" (103235 Assigned to another company), "+unknown+" (103420 Could not find number)" {
		t.Errorf("message %q", got)
	}
	// the two free numbers are now ours, the others untouched
	for _, tn := range free {
		if n, _ := srv.Number(tn); n.Status != voipinnovationstest.Reserved || n.Account != srv.Login() {
			t.Errorf("%s: %+v", tn, n)
		}
	}
	// one failure: the batch error takes its category
	_, err = c.DIDs.Reserve(ctx, takenRes)
	if !errors.Is(err, vi.ErrReservedByOther) || errors.Is(err, vi.ErrMixed) {
		t.Fatalf("single failure: %v", err)
	}
	// repeating a reservation is a success (103220)
	res, err = c.DIDs.Reserve(ctx, free[0])
	if err != nil || res[0].DID.StatusCode != vi.StatusReserveAlreadyReserved {
		t.Fatalf("re-reserve: %+v %v", res, err)
	}
}

func TestBatchValidationBeforeIO(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client()
	ctx := context.Background()
	cases := []struct {
		name string
		call func() error
		wire string
	}{
		{"empty", func() error { _, err := c.DIDs.Reserve(ctx); return err }, "didParams"},
		{"bad number", func() error { _, err := c.DIDs.Reserve(ctx, "4352154006", "555-1234"); return err }, "didParams[1].tn"},
		{"not NANP", func() error { _, err := c.DIDs.Release(ctx, "+44 20 7946 0958"); return err }, "didParams[0].tn"},
		{"repeated", func() error { _, err := c.DIDs.Reserve(ctx, "4352154006", "+14352154006"); return err }, "didParams[1].tn"},
		{"no epg", func() error { _, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: "4352154006"}); return err }, "didParams[0].epg"},
		{"no criteria", func() error { _, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{}); return err }, "*"},
		{"npa", func() error { _, err := c.DIDs.SearchCounts(ctx, &vi.DIDSearchCountsParams{NPA: "43"}); return err }, "npa"},
		{"port id", func() error { _, err := c.Ports.Get(ctx, 0); return err }, "portId"},
		{"query", func() error { _, err := c.DIDs.Get(ctx, "12"); return err }, "did"},
	}
	for _, tc := range cases {
		err := tc.call()
		var ve *vi.ValidationError
		if !errors.As(err, &ve) || ve.Wire != tc.wire || !errors.Is(err, vi.ErrInvalidParameter) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	for _, op := range []string{"reserveDID", "releaseDID", "assignDID", "getDIDs", "getDIDCount", "getPortDetails", "queryDID"} {
		if n := srv.Calls(op); n != 0 {
			t.Errorf("%s reached the server %d times", op, n)
		}
	}
}

func TestReservationExpiresAfter30Minutes(t *testing.T) {
	clock := voipinnovationstest.NewClock(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	srv := voipinnovationstest.NewServer(voipinnovationstest.WithClock(clock.Now))
	defer srv.Close()
	c, _ := srv.Client()
	ctx := context.Background()
	tn := numbersBy(srv, voipinnovationstest.Available, "", 1)[0]
	if _, err := c.DIDs.Reserve(ctx, tn); err != nil {
		t.Fatal(err)
	}
	d, err := c.DIDs.Get(ctx, tn)
	if err != nil || d.Availability != "reserved" || !d.ExpireDate.Equal(clock.Now().Add(30*time.Minute)) {
		t.Fatalf("reserved: %+v %v", d, err)
	}
	// another company cannot take it while it is held
	srv.AddAccount(voipinnovationstest.Account{Login: "b", Secret: "b-secret", EndpointGroups: []int64{7}})
	other, _ := vi.New("b", "b-secret", vi.WithBaseURL(srv.URL()))
	clock.Advance(30*time.Minute - time.Second)
	if _, err := other.DIDs.Reserve(ctx, tn); !errors.Is(err, vi.ErrReservedByOther) {
		t.Fatalf("at 29:59 another company got it: %v", err)
	}
	clock.Advance(time.Second)
	if n, _ := srv.Number(tn); n.Status != voipinnovationstest.Available {
		t.Fatalf("at 30:00 still %v", n.Status)
	}
	if srv.ExpiredReservations() != 1 {
		t.Fatal("expiry not counted")
	}
	if _, err := other.DIDs.Reserve(ctx, tn); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	// and now it is the other company's
	if _, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: tn, EndpointGroup: 8674}); !errors.Is(err, vi.ErrReservedByOther) {
		t.Fatalf("assign of another's reservation: %v", err)
	}
}

// An answer whose DIDs come in another order is matched by number; an
// input the answer leaves out is an unknown outcome for that number (the
// write may have run), not a success.
func TestBatchAnswerOutOfOrderAndShort(t *testing.T) {
	did := func(tn string, code int) string {
		return `<DID><tn>` + tn + `</tn><status>s</status><statusCode>` + strconv.Itoa(code) + `</statusCode><tier>1</tier><endpointId>8674</endpointId><has411>false</has411><has911>false</has911><cnam>false</cnam><cnamStorageActive>false</cnamStorageActive><cnamStorageAvailability>false</cnamStorageAvailability><t38>false</t38></DID>`
	}
	rec := answering(map[string]string{"assignDID": `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs>` +
		did("4352154003", 104235) + did("4352154001", 100) + `</DIDs>`})
	c := newRecorded(t, rec)
	res, err := c.DIDs.Assign(context.Background(),
		vi.DIDParam{TN: "4352154001", EndpointGroup: 8674}, vi.DIDParam{TN: "4352154002", EndpointGroup: 8674}, vi.DIDParam{TN: "4352154003", EndpointGroup: 8674})
	if len(res) != 3 || res[0].TN != "4352154001" || res[0].Err != nil || res[0].DID.StatusCode != 100 {
		t.Fatalf("first: %+v", res)
	}
	if !errors.Is(res[1].Err, vi.ErrOutcomeUnknown) || res[1].DID.TN != "" {
		t.Fatalf("missing one: %+v", res[1])
	}
	if !errors.Is(res[2].Err, vi.ErrNotAvailable) || res[2].DID.StatusCode != vi.StatusAssignAssignedToOther {
		t.Fatalf("third: %+v", res[2])
	}
	var be *vi.BatchError
	if !errors.As(err, &be) || len(be.Failed) != 2 || !errors.Is(err, vi.ErrMixed) {
		t.Fatalf("%v", err)
	}
}

func TestBatchAnswerReordered(t *testing.T) {
	did := func(tn string, code int) string {
		return `<DID><tn>` + tn + `</tn><statusCode>` + strconv.Itoa(code) + `</statusCode><endpointId>0</endpointId><has411>false</has411><has911>false</has911><cnam>false</cnam><cnamStorageActive>false</cnamStorageActive><cnamStorageAvailability>false</cnamStorageAvailability><t38>false</t38></DID>`
	}
	rec := answering(map[string]string{"releaseDID": `<responseCode>100</responseCode><DIDs>` + did("4352154002", 106235) + did("4352154001", 100) + `</DIDs>`})
	c := newRecorded(t, rec)
	res, err := c.DIDs.Release(context.Background(), "4352154001", "4352154002")
	if len(res) != 2 || res[0].TN != "4352154001" || res[0].Err != nil || res[1].TN != "4352154002" || !errors.Is(res[1].Err, vi.ErrNotOwned) {
		t.Fatalf("%+v", res)
	}
	if !errors.Is(err, vi.ErrNotOwned) {
		t.Fatalf("%v", err)
	}
}
