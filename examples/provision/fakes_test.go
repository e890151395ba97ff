package main

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/vicidial"
	"github.com/didkit/voipms/vicidialtest"
	"github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
	"github.com/didkit/voipms/voipmstest"
)

// TestProvisionOnTheFakes: Provision with the answer of each write lost on
// the real fakes (the write ran), then re-run: one purchase, the number
// routed to the trunk and registered to the in-group. VoIP.ms with
// GoAutoDial (a dialer that lists), VoIP Innovations with VICIdial (one
// that cannot).
func TestProvisionOnTheFakes(t *testing.T) {
	ctx := context.Background()
	retry := time.Millisecond
	for _, fault := range []string{"order", "register"} {
		t.Run("voipms+goautodial/"+fault, func(t *testing.T) {
			vsrv := voipmstest.NewServer(voipmstest.WithSeed(2))
			defer vsrv.Close()
			vc, err := vsrv.Client(voipms.WithRetry(3, retry, 5*retry))
			if err != nil {
				t.Fatal(err)
			}
			gsrv := goautodialtest.NewServer()
			defer gsrv.Close()
			gc, err := gsrv.Client(goautodial.WithRetry(3, retry, 5*retry))
			if err != nil {
				t.Fatal(err)
			}
			carrier, dialer := voipms.Numbers(vc), goautodial.Numbers(gc)
			av, err := carrier.Search(ctx, numbers.Query{Region: "FL"})
			if err != nil || len(av) == 0 {
				t.Fatal(av, err)
			}
			n := av[0].Number
			switch fault {
			case "order":
				vsrv.InjectFault("orderDID", voipmstest.Fault{Kind: voipmstest.FaultConnReset, Times: 1})
			case "register":
				gsrv.InjectFault("goAddDID", goautodialtest.Fault{Kind: goautodialtest.FaultConnReset, Times: 1})
			}
			plan := numbers.Plan{Number: n, Trunk: numbers.SubAccount{ID: "100001_VoIP"}, Target: numbers.InGroup{ID: "SALESLINE"}}
			res, err := numbers.Provision(ctx, carrier, dialer, plan)
			if fault == "order" {
				// The order ran, its answer was lost; the read settles it.
				if err != nil || !res.Complete() || !res.Purchased {
					t.Fatalf("first run: %v, %v", res, err)
				}
			} else if err != nil || !res.Complete() {
				// The add's answer was lost, the list settles it, but the
				// route of a MaybeAdded DID was never applied: Provision
				// reports the registration failed with the target.
				if res.Owned != numbers.Yes || res.Routed != numbers.Yes || res.Registered == numbers.Yes {
					t.Fatalf("first run: %v, %v", res, err)
				}
			}
			res, err = numbers.Provision(ctx, carrier, dialer, plan)
			if err != nil || !res.Complete() || res.Purchased {
				t.Fatalf("re-run: %v, %v", res, err)
			}
			d, _ := n.NANP()
			if got := vsrv.OrderCount(d); got != 1 {
				t.Fatalf("bought %d times", got)
			}
			if rec, ok := vsrv.OwnedDID(d); !ok || rec.Routing != "account:100001_VoIP" {
				t.Fatalf("VoIP.ms has %+v", rec)
			}
			if row, ok := gsrv.DIDByPattern(n.Digits()); !ok || row["did_route"] != "IN_GROUP" || row["group_id"] != "SALESLINE" {
				t.Fatalf("GoAutoDial has %v", row)
			}
			if len(gsrv.DIDs()) != 1 {
				t.Fatalf("GoAutoDial has %d DIDs", len(gsrv.DIDs()))
			}
		})
	}

	t.Run("voipinnovations+vicidial/register", func(t *testing.T) {
		isrv := voipinnovationstest.NewServer(voipinnovationstest.WithSeed(2))
		defer isrv.Close()
		ic, err := isrv.Client(voipinnovations.WithRetry(3, retry, 5*retry))
		if err != nil {
			t.Fatal(err)
		}
		vsrv := vicidialtest.NewServer(vicidialtest.WithNewBuild())
		defer vsrv.Close()
		vc, err := vsrv.Client(vicidial.WithRetry(3, retry, 5*retry))
		if err != nil {
			t.Fatal(err)
		}
		carrier := voipinnovations.Numbers(ic, voipinnovations.NumbersConfig{Tier: "1"})
		dialer := vicidial.Numbers(vc)
		av, err := carrier.Search(ctx, numbers.Query{Region: "FL"})
		if err != nil || len(av) == 0 {
			t.Fatal(av, err)
		}
		n := av[0].Number
		vsrv.InjectFault("add_did", vicidialtest.Fault{Kind: vicidialtest.FaultConnReset, Times: 1})
		plan := numbers.Plan{Number: n, Trunk: numbers.EndpointGroup{ID: 8674}, Target: numbers.InGroup{ID: "SUPPORT"}}
		res, err := numbers.Provision(ctx, carrier, dialer, plan)
		if !errors.Is(err, numbers.ErrOutcomeUnknown) || res.Owned != numbers.Yes || res.Registered != numbers.Unknown {
			t.Fatalf("first run: %v, %v", res, err)
		}
		res, err = numbers.Provision(ctx, carrier, dialer, plan)
		if err != nil || !res.Complete() || res.Purchased {
			t.Fatalf("re-run: %v, %v", res, err)
		}
		if got := isrv.Executions("assignDID"); got != 1 {
			t.Fatalf("assignDID ran %d times", got)
		}
		if d, ok := vsrv.DID(n.Digits()); !ok || d.Group != "SUPPORT" || d.Route != "IN_GROUP" {
			t.Fatalf("VICIdial has %+v", d)
		}
		if vsrv.Executed("add_did") != 1 {
			t.Fatalf("add_did ran %d times", vsrv.Executed("add_did"))
		}
	})
}
