package voipinnovations_test

import (
	"context"
	"errors"
	"fmt"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// Buy a number on the fake: search, reserve, assign to an endpoint group,
// query it back, release it.
func Example() {
	srv := voipinnovationstest.NewServer(voipinnovationstest.WithSeed(42))
	defer srv.Close()
	c, err := vi.New(srv.Login(), srv.Secret(), vi.WithBaseURL(srv.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	found, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "UT", RateCenter: "RICHFIELD", Tier: "1"})
	if err != nil || len(found) == 0 {
		fmt.Println("search:", err)
		return
	}
	tn := found[0].TN
	if _, err := c.DIDs.Reserve(ctx, tn); err != nil {
		fmt.Println("reserve:", err)
		return
	}
	res, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: "+1" + tn, EndpointGroup: 8674})
	if errors.Is(err, vi.ErrOutcomeUnknown) {
		out, _ := c.DIDs.ReconcileAssign(ctx, vi.DIDParam{TN: tn, EndpointGroup: 8674})
		fmt.Println("assigned after all:", out[0].Done)
	} else if err != nil {
		fmt.Println("assign:", err)
		return
	}
	fmt.Println("assign:", res[0].DID.StatusCode, res[0].DID.StatusCode.Description())

	d, _ := c.DIDs.Get(ctx, tn)
	fmt.Println("query:", d.Availability, d.EndpointGroup, d.RateCenter)

	res, _ = c.DIDs.Release(ctx, tn)
	fmt.Println("release:", res[0].DID.Status)
	// Output:
	// assign: 100 available / assigned / reserved to you
	// query: assigned 8674 RICHFIELD
	// release: Released
}

// A batch answers one result per number; the failed ones are in a
// *BatchError.
func ExampleDIDService_Reserve() {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client()
	_, err := c.DIDs.Reserve(context.Background(), "2015550100", "2015550101")
	var be *vi.BatchError
	if errors.As(err, &be) {
		for _, f := range be.Failed {
			fmt.Println(f.TN, f.DID.StatusCode, errors.Is(f.Err, vi.ErrNotFound))
		}
	}
	fmt.Println(errors.Is(err, vi.ErrNotFound))
	// Output:
	// 2015550100 103420 true
	// 2015550101 103420 true
	// true
}
