package main

import (
	"os"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
	"github.com/didkit/voipms/numbers"
	"github.com/spf13/cobra"
)

// auditCmd compares the VoIP.ms account (carrier) with a GoAutoDial
// dialer's DID table (numbers.Audit). The dialer's credentials come from
// GOAUTODIAL_API_URL, GOAUTODIAL_API_USER and GOAUTODIAL_API_PASS (the
// user's pass_hash); with --sim, from an embedded GoAutoDial fake holding
// two of the demo account's DIDs and one number the account does not own.
func (a *app) auditCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "audit",
		Short: "Carrier vs dialer: numbers owned but not registered, registered but not owned, routes to nothing",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cl, err := a.client()
			if err != nil {
				return err
			}
			var dc *goautodial.Client
			if a.sim {
				fake := goautodialtest.NewServer()
				defer fake.Close()
				fake.AddDID(goautodialtest.DIDRow{"did_pattern": "13055588561", "did_description": "Miami main", "did_route": "EXTEN", "extension": "8300"})
				fake.AddDID(goautodialtest.DIDRow{"did_pattern": "12123794066", "did_description": "NYC", "did_route": "EXTEN", "extension": "8300"})
				fake.AddDID(goautodialtest.DIDRow{"did_pattern": "15125550100", "did_description": "released at the carrier", "did_route": "EXTEN", "extension": "8300"})
				dc, err = fake.Client()
			} else {
				url, user, pass := os.Getenv("GOAUTODIAL_API_URL"), os.Getenv("GOAUTODIAL_API_USER"), os.Getenv("GOAUTODIAL_API_PASS")
				if url == "" || user == "" || pass == "" {
					return invalid("audit needs GOAUTODIAL_API_URL, GOAUTODIAL_API_USER and GOAUTODIAL_API_PASS (the dialer)")
				}
				dc, err = goautodial.New(url, user, pass)
			}
			if err != nil {
				return err
			}
			rep, err := numbers.Audit(cmd.Context(), voipms.Numbers(cl), goautodial.Numbers(dc))
			if err != nil {
				return err
			}
			t := &table{header: []string{"KIND", "NUMBER", "TARGET"}}
			for _, m := range rep.Mismatches {
				target := ""
				if m.Target != nil {
					target = m.Target.String()
				}
				t.add(string(m.Kind), m.Number.String(), target)
			}
			for k, why := range rep.Unchecked {
				t.add("unchecked:"+string(k), "", why)
			}
			return a.print(t)
		},
	}
}
