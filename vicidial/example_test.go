package vicidial_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/didkit/voipms/vicidial"
	"github.com/didkit/voipms/vicidialtest"
)

// Example runs against the fake: the server's build, a lead added, a DID's
// inbound calls for a day, and a newer function refused before any write.
func Example() {
	srv := vicidialtest.NewServer(vicidialtest.WithClock(func() time.Time {
		return time.Date(2026, 7, 15, 16, 0, 0, 0, time.UTC)
	}))
	defer srv.Close()
	c, err := vicidial.New(srv.URL(), srv.User(), srv.Pass(), "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	v, err := c.System.GetVersion(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("build", v.Build, "has add_did:", v.Supports("add_did"))

	lead, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "3125559876", ListID: "999",
		LeadFields: vicidial.LeadFields{FirstName: "Dana", LastName: "Brook"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("lead", lead.LeadID, "in list", lead.ListID, "GMT", lead.GMTOffset)

	calls, err := c.DIDs.ListCalls(ctx, "3125551212", time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	var secs time.Duration
	for _, call := range calls {
		secs += call.Length
	}
	fmt.Println("calls to 3125551212 on 2026-07-14:", len(calls), "talking", secs)

	_, err = c.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDRoute: vicidial.RouteInGroup, Group: "SALESLINE"})
	fmt.Println("add_did:", errors.Is(err, vicidial.ErrUnsupported), "- requests:", srv.Calls("add_did"))
	// Output:
	// build 170601-0747 has add_did: false
	// lead 193718 in list 999 GMT -5
	// calls to 3125551212 on 2026-07-14: 3 talking 10m0s
	// add_did: true - requests: 0
}
