package main

import (
	"strconv"
	"time"

	"github.com/didkit/voipms"
	"github.com/spf13/cobra"
)

// orderFlags are the settings of an order (single or bulk).
type orderFlags struct {
	route    string
	pop      int64
	dialTime int64
	billing  string
	cnam     bool
}

func (o *orderFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&o.route, "route", "", `routing, e.g. "account:100001_VoIP", "fwd:1026", "sys:hangup" (required unless every CSV row names one)`)
	f.Int64Var(&o.pop, "pop", 3, "point of presence (General.ListServers)")
	f.Int64Var(&o.dialTime, "dialtime", 60, "seconds to ring before the failover routings")
	f.StringVar(&o.billing, "billing", "per-minute", "billing type: per-minute or flat")
	f.BoolVar(&o.cnam, "cnam", false, "look up caller names (billed per lookup)")
}

// template builds the order parameters (DID left empty).
func (o *orderFlags) template(routeRequired bool) (voipms.DIDOrderParams, error) {
	p := voipms.DIDOrderParams{DIDSettings: voipms.DIDSettings{POP: o.pop, DialTime: o.dialTime, CNAM: o.cnam}}
	switch o.billing {
	case "per-minute", "1":
		p.BillingType = voipms.DIDBillingTypePerMinute
	case "flat", "2":
		p.BillingType = voipms.DIDBillingTypeFlat
	default:
		return p, invalid("--billing: %q is neither per-minute nor flat", o.billing)
	}
	if o.route != "" {
		r, err := voipms.ParseRouting(o.route)
		if err == nil {
			err = r.Validate()
		}
		if err != nil {
			return p, invalid("--route: %v", err)
		}
		p.Routing = r
	} else if routeRequired {
		return p, invalid("--route is required")
	}
	return p, nil
}

func (a *app) searchCmd() *cobra.Command {
	var state, ratecenter, query, typ string
	c := &cobra.Command{
		Use:   "search",
		Short: "Search US numbers in stock (by state/rate center, or by digits)",
		Example: `  didctl search --state FL --ratecenter MIAMI
  didctl search --query 305 --type starts`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if state == "" && query == "" {
				return invalid("give --state or --query")
			}
			cl, err := a.client()
			if err != nil {
				return err
			}
			var found []voipms.AvailableDIDUSA
			if query != "" {
				p := &voipms.DIDSearchUSAParams{Type: voipms.SearchType(typ), Query: query}
				if state != "" {
					p.State = &state
				}
				found, err = cl.DIDs.SearchUSA(cmd.Context(), p)
			} else {
				p := &voipms.DIDListAvailableUSAParams{State: state}
				if ratecenter != "" {
					p.RateCenter = &ratecenter
				}
				found, err = cl.DIDs.ListAvailableUSA(cmd.Context(), p)
			}
			if err != nil {
				return err
			}
			t := &table{header: []string{"DID", "RATECENTER", "STATE", "MONTHLY", "SETUP", "MINUTE"}}
			for _, d := range found {
				t.add(d.DID, d.RateCenter, d.State, d.PerMinuteMonthly.String(), d.PerMinuteSetup.String(), d.PerMinuteMinute.String())
			}
			return a.print(t)
		},
	}
	f := c.Flags()
	f.StringVar(&state, "state", "", "US state code, e.g. FL")
	f.StringVar(&ratecenter, "ratecenter", "", "rate center (with --state)")
	f.StringVar(&query, "query", "", "digits to search for")
	f.StringVar(&typ, "type", "starts", "with --query: starts, contains or ends")
	return c
}

func (a *app) orderCmd() *cobra.Command {
	var o orderFlags
	var yes bool
	c := &cobra.Command{
		Use:   "order DID",
		Short: "Order a DID (a dry run unless --yes)",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := o.template(true)
			if err != nil {
				return err
			}
			p.DID, p.DryRun = args[0], !yes
			cl, err := a.client()
			if err != nil {
				return err
			}
			if _, err := cl.DIDs.Order(cmd.Context(), &p); err != nil {
				return err
			}
			return a.print(&table{header: []string{"DID", "ACTION", "RESULT"}, rows: [][]string{{p.DID, "order", result(yes)}}})
		},
	}
	o.register(c)
	c.Flags().BoolVar(&yes, "yes", false, "really buy (without it: VoIP.ms checks the order and buys nothing)")
	return c
}

func result(yes bool) string {
	if yes {
		return "done"
	}
	return "dry run ok (rerun with --yes)"
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return invalid("%s: want %d argument(s), got %d (usage: %s)", cmd.Name(), n, len(args), cmd.UseLine())
		}
		return nil
	}
}

func (a *app) cancelCmd() *cobra.Command {
	var yes bool
	var comment string
	c := &cobra.Command{
		Use:   "cancel DID",
		Short: "Cancel a DID (a dry run unless --yes)",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cl, err := a.client()
			if err != nil {
				return err
			}
			p := &voipms.DIDCancelParams{DID: args[0], DryRun: !yes}
			if comment != "" {
				p.Comment = &comment
			}
			if _, err := cl.DIDs.Cancel(cmd.Context(), p); err != nil {
				return err
			}
			return a.print(&table{header: []string{"DID", "ACTION", "RESULT"}, rows: [][]string{{args[0], "cancel", result(yes)}}})
		},
	}
	c.Flags().BoolVar(&yes, "yes", false, "really cancel (without it: VoIP.ms checks and cancels nothing)")
	c.Flags().StringVar(&comment, "comment", "", "cancellation comment")
	return c
}

func (a *app) routeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "route DID ROUTING",
		Short: `Route a DID, e.g. didctl route 5551234567 account:100001_VoIP`,
		Args:  exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := voipms.ParseRouting(args[1])
			if err == nil {
				err = r.Validate()
			}
			if err != nil {
				return invalid("routing: %v", err)
			}
			cl, err := a.client()
			if err != nil {
				return err
			}
			if err := cl.DIDs.SetRouting(cmd.Context(), args[0], r); err != nil {
				return err
			}
			return a.print(&table{header: []string{"DID", "ACTION", "RESULT"}, rows: [][]string{{args[0], "route", r.String()}}})
		},
	}
}

func (a *app) listCmd() *cobra.Command {
	var client string
	c := &cobra.Command{
		Use:   "list",
		Short: "List the account's DIDs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cl, err := a.client()
			if err != nil {
				return err
			}
			p := &voipms.DIDListParams{}
			if client != "" {
				p.Client = &client
			}
			dids, err := cl.DIDs.List(cmd.Context(), p)
			if err != nil {
				return err
			}
			t := &table{header: []string{"DID", "ROUTING", "POP", "BILLING", "DESCRIPTION"}}
			for _, d := range dids {
				t.add(d.DID, d.Routing.String(), strconv.FormatInt(d.POP, 10), string(d.BillingType), d.Description)
			}
			return a.print(t)
		},
	}
	c.Flags().StringVar(&client, "client", "", "a reseller client id or sub-account")
	return c
}

func (a *app) showCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show DID",
		Short: "Show one DID's settings",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cl, err := a.client()
			if err != nil {
				return err
			}
			d, err := cl.DIDs.Get(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			t := &table{header: []string{"FIELD", "VALUE"}}
			t.add("did", d.DID)
			t.add("description", d.Description)
			t.add("routing", d.Routing.String())
			t.add("failover_busy", d.FailoverBusy.String())
			t.add("failover_unreachable", d.FailoverUnreachable.String())
			t.add("failover_noanswer", d.FailoverNoAnswer.String())
			t.add("voicemail", d.Voicemail)
			t.add("pop", strconv.FormatInt(d.POP, 10))
			t.add("dialtime", strconv.FormatInt(d.DialTime, 10))
			t.add("cnam", strconv.FormatBool(d.CNAM))
			t.add("billing_type", string(d.BillingType))
			if !d.OrderDate.IsZero() {
				t.add("order_date", d.OrderDate.Format(time.RFC3339))
			}
			return a.print(t)
		},
	}
}

func (a *app) cdrCmd() *cobra.Command {
	c := &cobra.Command{Use: "cdr", Short: "Call detail records"}
	var from, to string
	var client int64
	exp := &cobra.Command{
		Use:     "export",
		Short:   "Export CDRs over any date range (fetched in 92-day windows)",
		Example: `  didctl cdr export --from 2025-01-01 --to 2025-12-31 --csv > calls.csv`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			df, err1 := time.Parse("2006-01-02", from)
			dt, err2 := time.Parse("2006-01-02", to)
			if err1 != nil || err2 != nil {
				return invalid("--from and --to must be dates like 2025-01-31")
			}
			if dt.Before(df) {
				return invalid("--to is before --from")
			}
			cl, err := a.client()
			if err != nil {
				return err
			}
			yes := true
			t := &table{header: []string{"DATE", "CALLERID", "DESTINATION", "ACCOUNT", "DISPOSITION", "SECONDS", "TOTAL", "UNIQUEID"}}
			add := func(r voipms.CDR) {
				t.add(r.Date.Format("2006-01-02 15:04:05"), r.CallerID, r.Destination, r.Account, r.Disposition,
					strconv.FormatInt(r.Seconds, 10), r.Total.String(), r.UniqueID)
			}
			if client != 0 {
				for r, err := range cl.CDR.AllReseller(cmd.Context(), &voipms.CDRListResellerParams{DateFrom: df, DateTo: dt, Client: client,
					Answered: &yes, NoAnswer: &yes, Busy: &yes, Failed: &yes}) {
					if err != nil {
						return err
					}
					add(r)
				}
			} else {
				for r, err := range cl.CDR.All(cmd.Context(), &voipms.CDRListParams{DateFrom: df, DateTo: dt,
					Answered: &yes, NoAnswer: &yes, Busy: &yes, Failed: &yes}) {
					if err != nil {
						return err
					}
					add(r)
				}
			}
			return a.print(t)
		},
	}
	f := exp.Flags()
	f.StringVar(&from, "from", "", "first day (YYYY-MM-DD), required")
	f.StringVar(&to, "to", "", "last day (YYYY-MM-DD), required")
	f.Int64Var(&client, "client", 0, "a reseller client id (getResellerCDR)")
	c.AddCommand(exp)
	return c
}
