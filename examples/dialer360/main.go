// Command dialer360 walks the VICIdial / Dialer360 non-agent API with the
// vicidial package: it prints the server's version and build (and so which
// DID functions it has), checks whether a number is dialable now, adds a
// lead and updates it, and prints a per-DID inbound minutes report for one
// day built from did_log_export.
//
//	go run ./examples/dialer360
//
// With VICIDIAL_API_URL unset it starts the embedded fake (vicidialtest) and
// needs no network. Otherwise it uses VICIDIAL_API_URL (the full address of
// api.php or non_agent_api.php), VICIDIAL_USER, VICIDIAL_PASS and
// VICIDIAL_SOURCE, such as the lines cmd/vicidial-sim prints. Against a
// server that is not on a loopback address it only reads (version, number
// check, report) unless -write is given: adding a lead to a real dialer puts
// it in front of its agents.
//
// Flags: -dids 3125551212,8005551000 (the DIDs to report), -day 2026-07-14
// (default: the server's yesterday), -number 3125551212 (the number to
// check), -call-time 9am-9pm (a call-time id of the server), -list 999,
// -write.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/didkit/voipms/vicidial"
	"github.com/didkit/voipms/vicidialtest"
)

func main() {
	if err := run(context.Background(), os.Getenv, os.Args[1:], os.Stdout, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "dialer360:", err)
		os.Exit(1)
	}
}

// run is the program; hc, when set, is the HTTP client the SDK uses (tests
// route a "remote" URL to a local fake with it).
func run(ctx context.Context, getenv func(string) string, args []string, out io.Writer, hc *http.Client) error {
	fs := flag.NewFlagSet("dialer360", flag.ContinueOnError)
	fs.SetOutput(out)
	dids := fs.String("dids", "3125551212,8005551000,7275559000", "comma-separated DIDs for the minutes report")
	dayFlag := fs.String("day", "", "report day YYYY-MM-DD (default: the server's yesterday)")
	number := fs.String("number", "3125551212", "number to check with check_phone_number")
	callTime := fs.String("call-time", "9am-9pm", "call-time id for check_phone_number")
	list := fs.String("list", "999", "list to add the demo lead to")
	write := fs.Bool("write", false, "add and update a lead even on a server that is not local")
	if err := fs.Parse(args); err != nil {
		return err
	}

	apiURL, user, pass, source := getenv("VICIDIAL_API_URL"), getenv("VICIDIAL_USER"), getenv("VICIDIAL_PASS"), getenv("VICIDIAL_SOURCE")
	if apiURL == "" {
		srv := vicidialtest.NewServer()
		defer srv.Close()
		apiURL, user, pass, source = srv.URL(), srv.User(), srv.Pass(), srv.Source()
		fmt.Fprintf(out, "server: embedded fake (vicidialtest) at %s\n", apiURL)
	} else {
		fmt.Fprintf(out, "server: %s\n", apiURL)
	}
	if source == "" {
		source = "didkit"
	}
	var opts []vicidial.Option
	if hc != nil {
		opts = append(opts, vicidial.WithHTTPClient(hc))
	}
	c, err := vicidial.New(apiURL, user, pass, source, opts...)
	if err != nil {
		return err
	}
	defer c.CloseIdleConnections()
	local := isLoopback(apiURL)

	// 1. version: what the server is, and which DID functions it has
	v, err := c.System.GetVersion(ctx)
	if err != nil {
		return fmt.Errorf("version: %w", err)
	}
	fmt.Fprintf(out, "version: API %s, build %s, server time %s (GMT%+g)\n", v.API, v.Build, v.Date.Format(time.DateTime), v.TZNow)
	fmt.Fprintf(out, "  update_did %s, add_did %s, copy_did %s\n", yesNo(v.Supports("update_did")), yesNo(v.Supports("add_did")), yesNo(v.Supports("copy_did")))

	// 2. check a number
	pc, err := c.System.CheckPhoneNumber(ctx, &vicidial.SystemCheckPhoneNumberParams{PhoneNumber: *number, LocalCallTime: *callTime})
	if err != nil {
		fmt.Fprintf(out, "check_phone_number %s: %v\n", *number, err)
	} else {
		fmt.Fprintf(out, "check_phone_number %s: dialable now %s, GMT offset %+g (%s)\n", *number, yesNo(pc.Dialable()), pc.GMTOffset(), pc.Checks[0].Method)
	}

	// 3. add a lead and update it
	if local || *write {
		added, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: *number, ListID: *list,
			LeadFields: vicidial.LeadFields{FirstName: "Dana", LastName: "Example", Comments: "added by didkit examples/dialer360"}})
		switch {
		case errors.Is(err, vicidial.ErrOutcomeUnknown):
			return fmt.Errorf("add_lead: the lead may have been added; check list %s before running again: %w", *list, err)
		case err != nil:
			return fmt.Errorf("add_lead: %w", err)
		}
		fmt.Fprintf(out, "add_lead: lead %d in list %d (GMT %+g)\n", added.LeadID, added.ListID, added.GMTOffset)
		for _, n := range added.Notices {
			fmt.Fprintf(out, "  notice: %s\n", n.Message)
		}
		upd, err := c.Leads.Update(ctx, &vicidial.LeadUpdateParams{LeadID: added.LeadID, Status: "CALLBK",
			LeadFields: vicidial.LeadFields{City: "Chicago"}})
		if err != nil {
			return fmt.Errorf("update_lead: %w", err)
		}
		fmt.Fprintf(out, "update_lead: lead %d, %d row(s) changed\n", upd.LeadID, upd.AffectedRows)
	} else {
		fmt.Fprintln(out, "add_lead/update_lead: skipped (not a local server; pass -write to add a lead)")
	}

	// 4. per-DID inbound minutes for a day
	day := time.Date(v.Date.Year(), v.Date.Month(), v.Date.Day()-1, 0, 0, 0, 0, time.UTC)
	if *dayFlag != "" {
		if day, err = time.Parse(time.DateOnly, *dayFlag); err != nil {
			return fmt.Errorf("-day: %w", err)
		}
	}
	rows, err := minutesReport(ctx, c, strings.Split(*dids, ","), day)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "inbound minutes on %s (did_log_export):\n", day.Format(time.DateOnly))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "DID\tcalls\tanswered\tseconds\tbilled min\t")
	var total DIDMinutes
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", r.DID, r.Calls, r.Answered, r.Seconds, r.BilledMinutes)
		total.Calls, total.Answered, total.Seconds, total.BilledMinutes = total.Calls+r.Calls, total.Answered+r.Answered, total.Seconds+r.Seconds, total.BilledMinutes+r.BilledMinutes
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", total.Calls, total.Answered, total.Seconds, total.BilledMinutes)
	return tw.Flush()
}

// DIDMinutes is one line of the minutes report.
type DIDMinutes struct {
	DID      string
	Calls    int
	Answered int
	Seconds  int64
	// BilledMinutes rounds each answered call up to a whole minute.
	BilledMinutes int64
}

func minutesReport(ctx context.Context, c *vicidial.Client, dids []string, day time.Time) ([]DIDMinutes, error) {
	var out []DIDMinutes
	for _, did := range dids {
		did = strings.TrimSpace(did)
		if did == "" {
			continue
		}
		calls, err := c.DIDs.ListCalls(ctx, did, day)
		if err != nil {
			return nil, fmt.Errorf("did_log_export %s: %w", did, err)
		}
		m := DIDMinutes{DID: did, Calls: len(calls)}
		for _, call := range calls {
			secs := int64(call.Length / time.Second)
			if secs <= 0 {
				continue
			}
			m.Answered++
			m.Seconds += secs
			m.BilledMinutes += (secs + 59) / 60
		}
		out = append(out, m)
	}
	return out, nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// isLoopback reports whether the URL's host is localhost or a loopback
// address: only there does the example write without -write.
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
