// Command goautodial walks the GoAutoDial goAPI DID actions with the
// goautodial package: it registers a number routed to an in-group (add,
// find the new did_id, route), re-routes it to a call menu, lists the
// DIDs, reads the number back with every column, and removes it.
//
//	go run ./examples/goautodial
//
// With GOAUTODIAL_URL unset it starts the embedded fake (goautodialtest)
// and needs no network. Otherwise it uses GOAUTODIAL_URL (the API base,
// https://HOST/goAPIv2 or https://HOST/goAPI), GOAUTODIAL_USER,
// GOAUTODIAL_PASS (the user's pass hash) and GOAUTODIAL_SESSION_USER, such
// as the lines cmd/goautodial-sim prints. Against a server that is not on
// a loopback address it only reads (whether the number exists, the list)
// unless -write is given: a DID registered on a real dialer takes calls.
//
// Flags: -number +13125550100, -description, -user-group ADMIN, -ingroup
// SALESLINE, -menu MAINMENU, -write.
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

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
)

func main() {
	if err := run(context.Background(), os.Getenv, os.Args[1:], os.Stdout, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "goautodial:", err)
		os.Exit(1)
	}
}

// run is the program; hc, when set, is the HTTP client the SDK uses (tests
// route a "remote" URL to a local fake with it).
func run(ctx context.Context, getenv func(string) string, args []string, out io.Writer, hc *http.Client) error {
	fs := flag.NewFlagSet("goautodial", flag.ContinueOnError)
	fs.SetOutput(out)
	number := fs.String("number", "+13125550100", "the number to register (E.164 is sent as digits)")
	desc := fs.String("description", "Sales line", "its description (no special characters)")
	group := fs.String("user-group", "ADMIN", "user group the DID belongs to")
	ingroup := fs.String("ingroup", "SALESLINE", "in-group to route the number to first")
	menu := fs.String("menu", "MAINMENU", "call menu to re-route it to")
	write := fs.Bool("write", false, "register, re-route and remove even on a server that is not local")
	if err := fs.Parse(args); err != nil {
		return err
	}

	base, user, pass, session := getenv("GOAUTODIAL_URL"), getenv("GOAUTODIAL_USER"), getenv("GOAUTODIAL_PASS"), getenv("GOAUTODIAL_SESSION_USER")
	if base == "" {
		srv := goautodialtest.NewServer()
		defer srv.Close()
		base, user, pass, session = srv.URL(), srv.User(), srv.Pass(), srv.SessionUser()
		fmt.Fprintf(out, "server: embedded fake (goautodialtest) at %s\n", base)
	} else {
		fmt.Fprintf(out, "server: %s\n", base)
	}
	var opts []goautodial.Option
	if session != "" {
		opts = append(opts, goautodial.WithSessionUser(session))
	}
	if hc != nil {
		opts = append(opts, goautodial.WithHTTPClient(hc))
	}
	c, err := goautodial.New(base, user, pass, opts...)
	if err != nil {
		return err
	}
	defer c.CloseIdleConnections()
	pattern := goautodial.NormalizePattern(*number)

	exists, err := c.DIDs.Exists(ctx, pattern)
	if err != nil {
		return fmt.Errorf("goCheckDID: %w", err)
	}
	fmt.Fprintf(out, "goCheckDID %s: registered %v\n", pattern, exists)

	if !isLoopback(base) && !*write {
		dids, err := c.DIDs.List(ctx, nil)
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		fmt.Fprintf(out, "list: %d DIDs\n", len(dids))
		printDIDs(out, dids)
		fmt.Fprintln(out, "register/re-route/remove: skipped (not a local server; pass -write to change the dialer)")
		return nil
	}
	if exists {
		return fmt.Errorf("%s is already registered on this dialer; pick another -number", pattern)
	}

	// 1. register: add, find the did_id, route to the in-group
	d, err := c.DIDs.Register(ctx, &goautodial.DIDRegisterParams{Pattern: pattern, Description: *desc, UserGroup: *group,
		Route: goautodial.InGroup(*ingroup, "", "", "")})
	var re *goautodial.RegisterError
	switch {
	case errors.As(err, &re):
		return fmt.Errorf("register stopped at %s; on the server: %s (did_id %d): %w", re.Step, re.State, re.DIDID, err)
	case err != nil:
		return fmt.Errorf("register: %w", err)
	}
	fmt.Fprintf(out, "registered %s as did_id %d, routed to in-group %s\n", d.Pattern, d.ID, *ingroup)

	// 2. re-route to a call menu
	if err := c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: d.ID, Route: goautodial.CallMenu(*menu)}); err != nil {
		return fmt.Errorf("re-route: %w", err)
	}
	fmt.Fprintf(out, "re-routed did_id %d to call menu %s\n", d.ID, *menu)

	// 3. list
	dids, err := c.DIDs.List(ctx, nil)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	fmt.Fprintf(out, "list: %d DIDs\n", len(dids))
	printDIDs(out, dids)

	// 4. read it back
	info, err := c.DIDs.Get(ctx, d.ID)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	fmt.Fprintf(out, "get %d: %s %q active %v route %s menu %s (%d columns)\n", info.ID, info.Pattern, info.Description,
		info.Active, info.Route.Kind, info.Route.MenuID, len(info.Columns))
	if info.Route != goautodial.CallMenu(*menu) {
		return fmt.Errorf("read back route %+v, want call menu %s", info.Route, *menu)
	}

	// 5. remove
	if err := c.DIDs.Delete(ctx, d.ID); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	exists, err = c.DIDs.Exists(ctx, pattern)
	if err != nil {
		return fmt.Errorf("goCheckDID: %w", err)
	}
	fmt.Fprintf(out, "removed did_id %d; registered %v\n", d.ID, exists)
	return nil
}

func printDIDs(out io.Writer, dids []goautodial.DID) {
	for i, d := range dids {
		if i == 20 {
			fmt.Fprintf(out, "  ... %d more\n", len(dids)-i)
			break
		}
		fmt.Fprintf(out, "  %6d  %-20s %-10s active %-5v %s\n", d.ID, d.Pattern, d.Route, d.Active, d.Description)
	}
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
