// Command quickstart walks the main job of the SDK end to end: search US
// inventory, dry-run an order, order, route the number to a forwarding, list
// the account's DIDs, re-route, cancel. It prints each step as a table.
//
//	go run ./examples/quickstart            # against the embedded simulator
//	go run ./examples/quickstart -state FL  # pick the state to search
//
// Where it runs depends on the environment:
//
//   - VOIPMS_API_USERNAME unset: an in-process simulator (voipmstest) is
//     started and the whole flow runs against it. No network, no account.
//     (VOIPMS_API_URL is ignored then.)
//   - VOIPMS_API_URL set to a local simulator, that is a host of localhost,
//     127.0.0.0/8 or ::1 (for example the one cmd/voipms-sim prints): the
//     whole flow runs against that server, with VOIPMS_API_USERNAME and
//     VOIPMS_API_PASSWORD as credentials.
//   - Anything else (no VOIPMS_API_URL, the voip.ms URL in any spelling, or
//     any other host) counts as the live API: only the read-only steps and
//     the dry-run order run, unless -buy is given. With -buy the number is
//     really bought (setup fee and first month charged) and then cancelled.
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

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// config is what the flow needs besides the client.
type config struct {
	// Buy allows the steps that change the account: order, forwarding,
	// routing, cancel. Without it only reads and the dry-run order run.
	Buy bool
	// State is the US state to search; empty means the first state (in
	// getStates order) that has numbers in stock.
	State string
	// ForwardTo is the phone number the forwarding created by the flow
	// rings.
	ForwardTo string
}

func main() {
	err := quickstart(os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(usageError)):
		os.Exit(2) // the flag package has printed the reason and the usage
	default:
		fail(err)
	}
}

// usageError is a bad command line.
type usageError struct{ error }

// quickstart is the command: parse args, decide where to run and whether to
// buy (from getenv and -buy), connect, run. extra options are given to the
// client (tests use them to reach a simulator through a live-looking URL).
func quickstart(args []string, getenv func(string) string, stdout, stderr io.Writer, extra ...voipms.Option) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(stderr)
	buy := fs.Bool("buy", false, "with real credentials, really buy (and then cancel) a number; without it only reads and the dry-run order run")
	state := fs.String("state", "", "US state to search, e.g. FL (default: the first state with stock)")
	forward := fs.String("forward", "5145550123", "phone number the example forwarding rings")
	timeout := fs.Duration("timeout", 2*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected arguments: %v\n", fs.Args())
		fs.Usage()
		return usageError{fmt.Errorf("unexpected arguments: %v", fs.Args())}
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	p := decide(getenv, *buy)
	c, closeFn, err := connect(p, getenv, extra...)
	if err != nil {
		return err
	}
	defer closeFn()

	fmt.Fprintf(stdout, "voipms quick start — %s\n", p.where())
	switch {
	case !p.Buy:
		fmt.Fprintln(stdout, "real account: read-only steps and a dry-run order only (pass -buy to buy and cancel a number)")
	case p.Live:
		fmt.Fprintln(stdout, "-buy: a number will really be bought (setup fee and first month charged) and then cancelled")
	}
	fmt.Fprintln(stdout)
	return run(ctx, c, stdout, config{Buy: p.Buy, State: strings.ToUpper(*state), ForwardTo: *forward})
}

// plan is where the quick start runs and whether it buys.
type plan struct {
	// Embedded: start the in-process simulator (VOIPMS_API_USERNAME unset).
	Embedded bool
	// URL is the server otherwise: VOIPMS_API_URL, or the live API.
	URL string
	// Live: URL is not clearly a local simulator, so it is treated as the
	// real VoIP.ms API.
	Live bool
	// Buy: the steps that change the account run (order, route, cancel).
	// Always for a simulator; for the live API only with -buy.
	Buy bool
	// IgnoredURL is a VOIPMS_API_URL not used because VOIPMS_API_USERNAME
	// is unset.
	IgnoredURL string
}

// decide reads VOIPMS_API_USERNAME and VOIPMS_API_URL through getenv and
// the -buy flag, and says where to run and whether to buy.
func decide(getenv func(string) string, buyFlag bool) plan {
	if getenv("VOIPMS_API_USERNAME") == "" {
		return plan{Embedded: true, Buy: true, IgnoredURL: getenv("VOIPMS_API_URL")}
	}
	raw := getenv("VOIPMS_API_URL")
	if raw == "" {
		raw = voipms.DefaultBaseURL
	}
	live := isLive(raw)
	return plan{URL: raw, Live: live, Buy: !live || buyFlag}
}

func (p plan) where() string {
	switch {
	case p.Embedded && p.IgnoredURL != "":
		return "embedded simulator (voipmstest); VOIPMS_API_URL ignored because VOIPMS_API_USERNAME is not set"
	case p.Embedded:
		return "embedded simulator (voipmstest)"
	case p.Live:
		return "live API (" + p.URL + ")"
	}
	return "local server at " + p.URL
}

// connect builds the client for p: it starts the embedded simulator, or
// uses VOIPMS_API_USERNAME and VOIPMS_API_PASSWORD against p.URL.
func connect(p plan, getenv func(string) string, extra ...voipms.Option) (c *voipms.Client, closeFn func(), err error) {
	closeFn = func() {}
	if p.Embedded {
		srv := voipmstest.NewServer()
		c, err = srv.Client(extra...)
		if err != nil {
			srv.Close()
			return nil, closeFn, err
		}
		return c, srv.Close, nil
	}
	user, pass := getenv("VOIPMS_API_USERNAME"), getenv("VOIPMS_API_PASSWORD")
	if pass == "" {
		return nil, closeFn, errors.New("VOIPMS_API_USERNAME is set but VOIPMS_API_PASSWORD is not")
	}
	c, err = voipms.New(user, pass, append([]voipms.Option{voipms.WithBaseURL(p.URL)}, extra...)...)
	if err != nil {
		return nil, closeFn, err
	}
	return c, closeFn, nil
}

// isLive reports whether raw must be treated as the real VoIP.ms API. Safe
// by default: only an http(s) URL whose host is clearly a local simulator
// (localhost, 127.0.0.0/8, ::1) is not live; every other host, spelling or
// unreadable URL is.
func isLive(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return true
	}
	h := u.Hostname()
	if strings.EqualFold(h, "localhost") {
		return false
	}
	ip := net.ParseIP(h)
	return ip == nil || !ip.IsLoopback()
}

// fail prints a readable reason for err and exits with status 1.
func fail(err error) {
	fmt.Fprintln(os.Stderr, "quickstart:", describe(err))
	os.Exit(1)
}

// describe turns an error into advice. Errors of this SDK never contain the
// API password, so printing them is safe.
func describe(err error) string {
	var hint string
	switch {
	case errors.Is(err, voipms.ErrAuth):
		hint = "authentication failed: check VOIPMS_API_USERNAME and VOIPMS_API_PASSWORD (the API password set under Main Menu → SOAP & REST/JSON API, not the portal password)"
	case errors.Is(err, voipms.ErrIPNotAllowed):
		hint = "this machine's IP address is not on the account's API allow-list (Main Menu → SOAP & REST/JSON API)"
	case errors.Is(err, voipms.ErrAPIDisabled):
		hint = "the API is not enabled for this account (Main Menu → SOAP & REST/JSON API)"
	case errors.Is(err, voipms.ErrRateLimited):
		hint = "the account's per-minute API limit was reached; wait a minute and try again"
	case errors.Is(err, voipms.ErrInsufficientFunds):
		hint = "the account balance does not cover the order"
	case errors.Is(err, voipms.ErrOutcomeUnknown):
		hint = "the call failed after it may have reached VoIP.ms; check the account before running again"
	case errors.Is(err, voipms.ErrBadResponse):
		hint = "the server did not answer with the VoIP.ms JSON envelope (is VOIPMS_API_URL right?)"
	case errors.Is(err, context.DeadlineExceeded):
		hint = "timed out (see -timeout)"
	}
	if hint == "" {
		return err.Error()
	}
	return hint + "\n  " + err.Error()
}

// table prints the steps as aligned columns.
type table struct {
	tw *tabwriter.Writer
	n  int
}

func newTable(w io.Writer) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	fmt.Fprintln(t.tw, "#\tSTEP\tWIRE METHOD\tRESULT")
	return t
}

func (t *table) row(step, method, format string, args ...any) {
	t.n++
	fmt.Fprintf(t.tw, "%d\t%s\t%s\t%s\n", t.n, step, method, fmt.Sprintf(format, args...))
}

func (t *table) skip(step, method string) {
	t.row(step, method, "skipped: read-only run (pass -buy)")
}

func (t *table) flush() { t.tw.Flush() }

// run is the quick start proper. Every step prints a row; the first error
// stops the flow (the rows so far are printed) and is returned. With Buy,
// the steps that change the account run, and the flow cleans up after
// itself: the forwarding is deleted and the number cancelled.
func run(ctx context.Context, c *voipms.Client, w io.Writer, cfg config) (err error) {
	t := newTable(w)
	defer t.flush()
	failed := func(step, method string, e error) error {
		t.row(step, method, "FAILED")
		return fmt.Errorf("%s: %w", step, e)
	}

	// 1. Pick a POP: the server VoIP.ms recommends for this account.
	servers, err := c.General.ListServers(ctx)
	if err != nil {
		return failed("pick a POP", "getServersInfo", err)
	}
	pop := int64(1)
	for _, s := range servers {
		if s.Recommended {
			pop = int64(s.POP)
			break
		}
	}
	t.row("pick a POP", "getServersInfo", "%d servers; using POP %d", len(servers), pop)

	// 2. Search US inventory.
	found, state, err := searchUSA(ctx, c, cfg.State)
	if err != nil {
		return failed("search USA inventory", "getDIDsUSA", err)
	}
	if len(found) == 0 {
		t.row("search USA inventory", "getDIDsUSA", "no numbers in stock")
		return errors.New("search USA inventory: no numbers in stock" + inState(state))
	}
	pick := found[0]
	did := string(pick.DID)
	t.row("search USA inventory", "getDIDsUSA", "%d numbers in %s; picked %s (%s), $%s/month per-minute plan",
		len(found), state, did, pick.RateCenter, pick.PerMinuteMonthly)

	// 3. Dry-run the order: VoIP.ms checks everything and buys nothing.
	order := &voipms.DIDOrderParams{
		DID: did,
		DIDSettings: voipms.DIDSettings{
			Routing:  voipms.RouteSystem(voipms.SysHangup),
			POP:      pop,
			DialTime: 60,
			CNAM:     true,
			Note:     voipms.Ptr("voipms quick start"),
		},
		BillingType: voipms.DIDBillingTypePerMinute,
		DryRun:      true,
	}
	receipt, err := c.DIDs.Order(ctx, order)
	if err != nil {
		return failed("dry-run the order", "orderDID test=1", err)
	}
	t.row("dry-run the order", "orderDID test=1", "accepted, nothing bought (receipt.DryRun=%t)", receipt.DryRun)

	if !cfg.Buy {
		t.skip("order "+did, "orderDID")
		t.skip("create a forwarding", "setForwarding")
		t.skip("route the DID to it", "setDIDRouting")
		dids, err := c.DIDs.List(ctx, nil)
		if err != nil {
			return failed("list DIDs", "getDIDsInfo", err)
		}
		t.row("list DIDs", "getDIDsInfo", "%s on the account", plural(len(dids), "DID"))
		t.skip("re-route to voicemail", "setDIDRouting")
		t.skip("cancel "+did, "cancelDID")
		return nil
	}

	// 4. Order it for real. An order whose answer was lost (ErrOutcomeUnknown)
	// is settled with ReconcileOrder before anything else: it is either ours
	// (and must be cancelled on the way out like any other) or it was not
	// bought, and only then may it be sent again.
	order.DryRun = false
	if err := orderSettled(ctx, c, t, order); err != nil {
		return failed("order "+did, "orderDID", err)
	}
	// From here on the number is ours: cancel it on the way out, even when a
	// later step fails.
	cancelled := false
	defer func() {
		if cancelled {
			return
		}
		if _, cerr := c.DIDs.Cancel(ctx, &voipms.DIDCancelParams{DID: did, Comment: voipms.Ptr("voipms quick start cleanup")}); cerr != nil {
			t.row("cancel "+did+" (cleanup)", "cancelDID", "FAILED: %v", cerr)
			err = errors.Join(err, cerr)
			return
		}
		t.row("cancel "+did+" (cleanup)", "cancelDID", "cancelled")
	}()

	// 5. Create a forwarding and route the DID to it.
	fwd, err := c.Forwardings.Set(ctx, &voipms.ForwardingSetParams{
		PhoneNumber: cfg.ForwardTo,
		Description: voipms.Ptr("quick start"),
	})
	if err != nil {
		return failed("create a forwarding", "setForwarding", err)
	}
	t.row("create a forwarding", "setForwarding", "forwarding %d rings %s", fwd, cfg.ForwardTo)
	deleted := false
	defer func() {
		if deleted {
			return
		}
		if derr := c.Forwardings.Delete(ctx, fwd); derr != nil {
			err = errors.Join(err, derr)
		}
	}()

	if err := c.DIDs.SetRouting(ctx, did, voipms.RouteForwarding(fwd)); err != nil {
		return failed("route the DID to it", "setDIDRouting", err)
	}
	t.row("route the DID to it", "setDIDRouting", "%s → %s", did, voipms.RouteForwarding(fwd))

	// 6. List the account's DIDs and show where ours routes.
	dids, err := c.DIDs.List(ctx, nil)
	if err != nil {
		return failed("list DIDs", "getDIDsInfo", err)
	}
	route := "not listed"
	for _, d := range dids {
		if string(d.DID) == did {
			route = fmt.Sprintf("%s routes to %s, POP %d, billing %s", did, d.Routing, d.POP, billingName(d.BillingType))
		}
	}
	t.row("list DIDs", "getDIDsInfo", "%s; %s", plural(len(dids), "DID"), route)

	// 7. Re-route: the sound-quality (echo) test, then drop the forwarding
	// nothing routes to any more.
	echo := voipms.RouteSystem(voipms.SysEcho)
	if err := c.DIDs.SetRouting(ctx, did, echo); err != nil {
		return failed("re-route to the echo test", "setDIDRouting", err)
	}
	t.row("re-route to the echo test", "setDIDRouting", "%s → %s", did, echo)
	if err := c.Forwardings.Delete(ctx, fwd); err != nil {
		return failed("delete the forwarding", "delForwarding", err)
	}
	deleted = true
	t.row("delete the forwarding", "delForwarding", "forwarding %d deleted", fwd)

	// 8. Cancel the number.
	if _, err := c.DIDs.Cancel(ctx, &voipms.DIDCancelParams{DID: did, Comment: voipms.Ptr("voipms quick start")}); err != nil {
		return failed("cancel "+did, "cancelDID", err)
	}
	cancelled = true
	left, err := c.DIDs.List(ctx, nil)
	if err != nil {
		return failed("cancel "+did, "getDIDsInfo", err)
	}
	t.row("cancel "+did, "cancelDID", "cancelled; %s left on the account", plural(len(left), "DID"))
	return nil
}

// searchUSA lists the numbers in stock in state, or, when state is empty, in
// the first state that has any.
// orderSettled orders p.DID; when the outcome is unknown it asks the account
// (ReconcileOrder) and orders once more only if the number is not there.
func orderSettled(ctx context.Context, c *voipms.Client, t *table, p *voipms.DIDOrderParams) error {
	_, err := c.DIDs.Order(ctx, p)
	for tries := 0; errors.Is(err, voipms.ErrOutcomeUnknown) && tries < 2; tries++ {
		st, rerr := c.DIDs.ReconcileOrder(ctx, p.DID)
		if rerr != nil {
			return errors.Join(err, rerr) // still unknown: stop, do not order again
		}
		if st == voipms.OrderOwned {
			t.row("order "+p.DID, "orderDID + getDIDsInfo", "answer lost, but the number is ours (ReconcileOrder: %s)", st)
			return nil
		}
		t.row("order "+p.DID, "orderDID + getDIDsInfo", "answer lost and not bought (ReconcileOrder: %s): ordering again", st)
		_, err = c.DIDs.Order(ctx, p)
	}
	if err != nil {
		return err
	}
	t.row("order "+p.DID, "orderDID", "bought, routing %s", p.Routing)
	return nil
}

func searchUSA(ctx context.Context, c *voipms.Client, state string) ([]voipms.AvailableDIDUSA, string, error) {
	if state != "" {
		found, err := c.DIDs.ListAvailableUSA(ctx, &voipms.DIDListAvailableUSAParams{State: state})
		return found, state, err
	}
	states, err := c.Catalog.ListStates(ctx)
	if err != nil {
		return nil, "", err
	}
	for _, s := range states {
		found, err := c.DIDs.ListAvailableUSA(ctx, &voipms.DIDListAvailableUSAParams{State: string(s.Code)})
		if err != nil {
			return nil, "", err
		}
		if len(found) > 0 {
			return found, string(s.Code), nil
		}
	}
	return nil, "", nil
}

func inState(state string) string {
	if state == "" {
		return ""
	}
	return " in " + state
}

func billingName(b voipms.DIDBillingType) string {
	switch b {
	case voipms.DIDBillingTypePerMinute:
		return "per minute"
	case voipms.DIDBillingTypeFlat:
		return "flat"
	}
	return string(b)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
