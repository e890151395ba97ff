// Command provision runs one number's life across a carrier and a dialer
// with package numbers: search the carrier's inventory, Provision (buy the
// number at VoIP.ms routed to the dialer's trunk, register it at
// GoAutoDial to an in-group), Audit, release the number at the carrier,
// Audit again (it now shows registered_not_owned), remove it from the
// dialer. Each step prints a table.
//
//	go run ./examples/provision                 # on the VoIP.ms and GoAutoDial fakes
//	go run ./examples/provision -state QC -ingroup SUPPORT
//
// It runs on in-process fakes (voipmstest, goautodialtest) only: no
// network, no account. With real clients, the same calls are
// voipms.Numbers(c) and goautodial.Numbers(g).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/voipmstest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "provision:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("provision", flag.ContinueOnError)
	fs.SetOutput(stderr)
	state := fs.String("state", "FL", "state or province to search at the carrier")
	ingroup := fs.String("ingroup", "SALESLINE", "dialer in-group the number is registered to")
	trunk := fs.String("trunk", "100001_VoIP", "VoIP.ms sub-account the dialer registers as (the trunk)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()

	vsrv := voipmstest.NewServer(voipmstest.WithSeed(1))
	defer vsrv.Close()
	vc, err := vsrv.Client()
	if err != nil {
		return err
	}
	gsrv := goautodialtest.NewServer()
	defer gsrv.Close()
	gc, err := gsrv.Client()
	if err != nil {
		return err
	}
	carrier := voipms.Numbers(vc)
	dialer := goautodial.Numbers(gc)

	// 1. Search.
	av, err := carrier.Search(ctx, numbers.Query{Region: *state, Limit: 3})
	if err != nil {
		return err
	}
	if len(av) == 0 {
		return fmt.Errorf("no number available in %s", *state)
	}
	t := table(stdout, "search "+*state, "NUMBER", "RATE CENTER", "REGION")
	for _, a := range av {
		fmt.Fprintf(t, "%s\t%s\t%s\n", a.Number, a.RateCenter, a.Region)
	}
	t.Flush()

	// 2. Provision the first one.
	plan := numbers.Plan{Number: av[0].Number, Trunk: numbers.SubAccount{ID: *trunk},
		Target: numbers.InGroup{ID: *ingroup}, Description: "Sales line"}
	res, err := numbers.Provision(ctx, carrier, dialer, plan)
	printResult(stdout, "provision", res)
	if err != nil {
		return err
	}
	// A second run with the same plan buys nothing.
	res, err = numbers.Provision(ctx, carrier, dialer, plan)
	printResult(stdout, "provision again", res)
	if err != nil {
		return err
	}
	if n := vsrv.OrderCount(nanp(plan.Number)); n != 1 {
		return fmt.Errorf("the number was bought %d times", n)
	}

	// 3. Audit: clean.
	if err := audit(ctx, stdout, "audit", carrier, dialer); err != nil {
		return err
	}

	// 4. Release at the carrier, audit again, clean up the dialer.
	if err := carrier.Release(ctx, plan.Number); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nreleased %s at VoIP.ms\n", plan.Number)
	if err := audit(ctx, stdout, "audit after release", carrier, dialer); err != nil {
		return err
	}
	if err := dialer.Remove(ctx, plan.Number); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nremoved %s from GoAutoDial\n", plan.Number)
	return audit(ctx, stdout, "audit after removal", carrier, dialer)
}

func nanp(n numbers.Number) string { s, _ := n.NANP(); return s }

func table(w io.Writer, title string, cols ...string) *tabwriter.Writer {
	fmt.Fprintf(w, "\n%s\n", title)
	t := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, c := range cols {
		if i > 0 {
			fmt.Fprint(t, "\t")
		}
		fmt.Fprint(t, c)
	}
	fmt.Fprintln(t)
	return t
}

func printResult(w io.Writer, title string, r numbers.Result) {
	t := table(w, fmt.Sprintf("%s %s (owned=%s routed=%s registered=%s purchased=%v)", title, r.Number, r.Owned, r.Routed, r.Registered, r.Purchased),
		"STEP", "STATUS", "ERROR")
	for _, s := range r.Steps {
		e := "-"
		if s.Err != nil {
			e = s.Err.Error()
		}
		fmt.Fprintf(t, "%s\t%s\t%s\n", s.Name, s.Status, e)
	}
	t.Flush()
}

func audit(ctx context.Context, w io.Writer, title string, carrier numbers.Inventory, dialer numbers.RegistryLister) error {
	rep, err := numbers.Audit(ctx, carrier, dialer)
	if err != nil {
		return err
	}
	t := table(w, fmt.Sprintf("%s (owned %d, registered %d)", title, len(rep.Owned), len(rep.Registered)), "KIND", "NUMBER", "TARGET")
	if len(rep.Mismatches) == 0 {
		fmt.Fprintf(t, "none\t\t\n")
	}
	for _, m := range rep.Mismatches {
		tg := "-"
		if m.Target != nil {
			tg = m.Target.String()
		}
		fmt.Fprintf(t, "%s\t%s\t%s\n", m.Kind, m.Number, tg)
	}
	if err := t.Flush(); err != nil {
		return err
	}
	kinds := make([]string, 0, len(rep.Unchecked))
	for k, why := range rep.Unchecked {
		kinds = append(kinds, fmt.Sprintf("not checked: %s (%s)\n", k, why))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprint(w, k)
	}
	return nil
}
