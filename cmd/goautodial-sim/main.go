// Command goautodial-sim serves the fake GoAutoDial goAPI (the DID actions)
// of package goautodialtest as a standalone process, for manual testing and
// for clients in other languages.
//
// On start it prints exactly four lines, values shell-quoted where needed,
//
//	GOAUTODIAL_URL=http://127.0.0.1:PORT/goAPIv2
//	GOAUTODIAL_USER=goapi
//	GOAUTODIAL_PASS=...
//	GOAUTODIAL_SESSION_USER=goapi
//
// and serves until SIGINT or SIGTERM. GOAUTODIAL_URL is the API base (the
// dispatcher is at $GOAUTODIAL_URL/goInbound/goAPI.php; it ends in /goAPI
// with -legacy); GOAUTODIAL_PASS is the user's pass hash, the credential
// current servers need for the list and info actions. It listens on
// 127.0.0.1 at a free port unless -addr names another address. With
// -env-file it also writes the four lines to a file once it listens, and
// removes it on exit:
//
//	d=${TMPDIR:-/tmp}
//	go build -o "$d/goautodial-sim" ./cmd/goautodial-sim
//	rm -f "$d/goautodial-sim.env"
//	"$d/goautodial-sim" -env-file "$d/goautodial-sim.env" & sim=$!
//	until [ -s "$d/goautodial-sim.env" ]; do sleep 0.1; done
//	set -a; eval "$(cat "$d/goautodial-sim.env")"; set +a
//	go run ./examples/goautodial
//	kill $sim
//
// Flags:
//
//	-addr host:port      listen address (default 127.0.0.1:0, a free port)
//	-env-file path       also write the four lines to path once listening
//	-legacy              the 2016-2018 behaviour (base /goAPI, goGetDIDsList,
//	                     plaintext passwords, string ids, empty body for an
//	                     empty list)
//	-base /path          another base path
//	-display-errors      PHP notices before the JSON of an empty list
//	-latency d           delay added to every response (e.g. 200ms)
//	-fault a=kind[:n]    action a (or *) fails with kind n times, default
//	                     always (repeatable; kinds: latency, html500, html503,
//	                     resetbefore, connreset, emptybody, truncated, notice,
//	                     ratelimit)
//	-h                   print the flags and exit 0
package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/didkit/voipms/goautodialtest"
	"github.com/didkit/voipms/internal/simcmd"
)

func main() {
	simcmd.Main("goautodial-sim", func(args []string, stdout, stderr io.Writer) error { return run(args, stdout, stderr, nil) })
}

// run serves until a signal arrives (or stop is closed, for tests).
func run(args []string, stdout, stderr io.Writer, stop <-chan struct{}) error {
	fs := flag.NewFlagSet("goautodial-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	envFile := fs.String("env-file", "", "also write the four GOAUTODIAL_* lines to this file once listening")
	legacy := fs.Bool("legacy", false, "the 2016-2018 behaviour (base /goAPI, goGetDIDsList, plaintext passwords)")
	base := fs.String("base", "", "base path (default /goAPIv2, /goAPI with -legacy)")
	displayErrors := fs.Bool("display-errors", false, "print PHP notices before the JSON of an empty list")
	latency := fs.Duration("latency", 0, "delay added to every response")
	var faults simcmd.ListFlag
	fs.Var(&faults, "fault", "action=kind[:n]: action (or *) fails with kind n times, default always (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	opts := []goautodialtest.Option{goautodialtest.WithLatency(*latency)}
	if *legacy {
		opts = append(opts, goautodialtest.WithLegacy())
	}
	if *base != "" {
		if !strings.HasPrefix(*base, "/") || strings.ContainsAny(*base, "?# ") {
			return fmt.Errorf("-base %q: want a path such as /goAPIv2", *base)
		}
		opts = append(opts, goautodialtest.WithBasePath(*base))
	}
	if *displayErrors {
		opts = append(opts, goautodialtest.WithDisplayErrors())
	}
	type rule struct {
		action string
		f      goautodialtest.Fault
	}
	var rules []rule
	for _, v := range faults {
		action, rest, ok := strings.Cut(v, "=")
		name, count, hasCount := strings.Cut(rest, ":")
		k, known := goautodialtest.ParseFaultKind(name)
		if !ok || action == "" || !known {
			return fmt.Errorf("-fault %q: want action=kind[:n], e.g. goAddDID=connreset:1", v)
		}
		n := 0
		if hasCount {
			var err error
			if n, err = strconv.Atoi(count); err != nil || n < 1 {
				return fmt.Errorf("-fault %q: n must be a positive integer", v)
			}
		}
		rules = append(rules, rule{action, goautodialtest.Fault{Kind: k, Times: n}})
	}

	// listen for signals before the lines go out: a caller may signal as
	// soon as it has read them
	sig := simcmd.CatchSignals()
	defer sig.Stop()

	srv, err := goautodialtest.NewServerAt(*addr, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	for _, r := range rules {
		srv.InjectFault(r.action, r.f)
	}
	remove, err := simcmd.Publish(stdout, *envFile, simcmd.Lines("GOAUTODIAL_URL", srv.URL(), "GOAUTODIAL_USER", srv.User(),
		"GOAUTODIAL_PASS", srv.Pass(), "GOAUTODIAL_SESSION_USER", srv.SessionUser()))
	defer remove()
	if err != nil {
		return err
	}
	sig.Wait(stop)
	return nil
}
