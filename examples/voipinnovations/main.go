// Command voipinnovations walks a number's life at VoIP Innovations (API
// 3.0): search inventory, reserve, assign to an endpoint group, configure,
// query, release. It prints each step as a table (step, wire operation,
// result).
//
//	go run ./examples/voipinnovations            # against the embedded fake
//	go run ./examples/voipinnovations -state FL  # pick the state to search
//
// Where it runs depends on the environment:
//
//   - VI_API_URL unset: an in-process fake (voipinnovationstest) is started
//     and the whole flow runs against it. No network, no account.
//   - VI_API_URL set to a loopback server (localhost, 127.0.0.0/8, ::1; for
//     example the one cmd/voipinnovations-sim prints): the whole flow runs
//     there, with VI_API_LOGIN and VI_API_SECRET as credentials.
//   - Any other host (VoIP Innovations itself, the sandbox): only the
//     read-only steps (search, count, query, audit) run, unless -buy is
//     given; with -buy a number is really reserved, assigned to -epg,
//     reconfigured and released.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

func main() {
	err := run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	default:
		fmt.Fprintln(os.Stderr, "voipinnovations:", err)
		os.Exit(1)
	}
}

// isLoopback reports whether raw names a server on this machine.
func isLoopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// run is the command. extra options are given to a client built from the
// environment (tests use them to reach a fake through a live-looking URL).
func run(args []string, getenv func(string) string, stdout, stderr io.Writer, extra ...vi.Option) error {
	fs := flag.NewFlagSet("voipinnovations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	buy := fs.Bool("buy", false, "against a non-loopback server, really reserve, assign, configure and release a number")
	state := fs.String("state", "UT", "state to search (two letters)")
	epg := fs.Int64("epg", 0, "endpoint group to assign to (default: the fake's 8674; required with -buy)")
	epg2 := fs.Int64("epg2", 0, "endpoint group to reconfigure to (default: -epg)")
	timeout := fs.Duration("timeout", 2*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	var (
		c     *vi.Client
		err   error
		write = true
		where string
	)
	if raw := getenv("VI_API_URL"); raw == "" {
		srv := voipinnovationstest.NewServer()
		defer srv.Close()
		c, err = srv.Client()
		where = "embedded fake"
		if *epg == 0 {
			*epg, *epg2 = 8674, 8675
		}
	} else {
		c, err = vi.New(getenv("VI_API_LOGIN"), getenv("VI_API_SECRET"), append([]vi.Option{vi.WithBaseURL(raw)}, extra...)...)
		where = raw
		if !isLoopback(raw) && !*buy {
			write = false
		}
		if write && *epg == 0 {
			if !isLoopback(raw) {
				return errors.New("-buy needs -epg (one of the account's endpoint groups)")
			}
			*epg, *epg2 = 8674, 8675
		}
	}
	if err != nil {
		return err
	}
	if *epg2 == 0 {
		*epg2 = *epg
	}
	fmt.Fprintf(stdout, "VoIP Innovations API 3.0 at %s (writes: %v)\n\n", where, write)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	defer tw.Flush()
	fmt.Fprintln(tw, "STEP\tOPERATION\tRESULT")
	step := func(name, op, result string) { fmt.Fprintf(tw, "%s\t%s\t%s\n", name, op, result) }

	found, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: *state})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if len(found) == 0 {
		step("search", "getDIDs", "no numbers in "+*state)
		return nil
	}
	step("search", "getDIDs", fmt.Sprintf("%d available in %s, first %s (%s, tier %d)", len(found), *state, found[0].TN, found[0].RateCenter, found[0].Tier))
	counts, err := c.DIDs.SearchCounts(ctx, &vi.DIDSearchCountsParams{State: *state, Orderby: "rc"})
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	step("count", "getDIDCount", fmt.Sprintf("%d rate center × tier groups", len(counts)))

	if !write {
		d, err := c.DIDs.Get(ctx, found[0].TN)
		if err != nil {
			return fmt.Errorf("query: %w", err)
		}
		step("query", "queryDID", found[0].TN+": "+d.Availability)
		owned, err := c.DIDs.List(ctx)
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		step("audit", "auditDIDs", fmt.Sprintf("%d numbers owned", len(owned)))
		step("(stop)", "", "read-only: pass -buy to reserve, assign, configure and release")
		return nil
	}

	// Reserve the first number that reserves (some tiers may not be enabled).
	var tn string
	for _, l := range found {
		res, err := c.DIDs.Reserve(ctx, l.TN)
		if err == nil {
			tn = l.TN
			step("reserve", "reserveDID", tn+": "+res[0].DID.Status)
			break
		}
		if errors.Is(err, vi.ErrOutcomeUnknown) {
			return fmt.Errorf("reserve %s: %w (reconcile with DIDs.ReconcileReserve)", l.TN, err)
		}
		var be *vi.BatchError
		if !errors.As(err, &be) {
			return fmt.Errorf("reserve: %w", err)
		}
	}
	if tn == "" {
		step("reserve", "reserveDID", "none of the numbers could be reserved")
		return nil
	}

	p := vi.DIDParam{TN: tn, EndpointGroup: *epg, RefID: "didkit-example"}
	res, err := c.DIDs.Assign(ctx, p)
	if errors.Is(err, vi.ErrOutcomeUnknown) {
		out, rerr := c.DIDs.ReconcileAssign(ctx, p)
		if rerr != nil || !out[0].Done {
			return fmt.Errorf("assign %s: %w (reconcile: %v)", tn, err, rerr)
		}
		step("assign", "assignDID", tn+": outcome unknown, reconciled: assigned")
	} else if err != nil {
		return fmt.Errorf("assign: %w", err)
	} else {
		step("assign", "assignDID", tn+": "+res[0].DID.Status)
	}
	released := false
	defer func() {
		if !released {
			if _, err := c.DIDs.Release(context.Background(), tn); err != nil {
				fmt.Fprintf(stderr, "cleanup: release %s: %v\n", tn, err)
			}
		}
	}()

	yes := true
	res, err = c.DIDs.Configure(ctx, vi.DIDParam{TN: tn, EndpointGroup: *epg2, CNAM: &yes, RefID: "didkit-example"})
	if err != nil {
		return fmt.Errorf("configure: %w", err)
	}
	step("configure", "configDID", tn+": "+res[0].DID.Status)

	d, err := c.DIDs.Get(ctx, tn)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	step("query", "queryDID", fmt.Sprintf("%s: %s, endpoint group %d, refId %q", tn, d.Availability, d.EndpointGroup, d.RefID))

	res, err = c.DIDs.Release(ctx, tn)
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	released = true
	step("release", "releaseDID", tn+": "+res[0].DID.Status)
	return nil
}
