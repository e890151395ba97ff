// Command voipms-sim runs the VoIP.ms API simulator of package voipmstest as
// a standalone process, for manual testing and for clients in other
// languages.
//
// On start it prints exactly three lines, values shell-quoted where needed,
//
//	VOIPMS_API_URL=http://127.0.0.1:PORT/api/v1/rest.php
//	VOIPMS_API_USERNAME=...
//	VOIPMS_API_PASSWORD=...
//
// and serves until SIGINT or SIGTERM. It listens on 127.0.0.1 at a free
// port unless -addr names another address. The lines can be eval'ed once
// they are out (the server keeps stdout open, so do not wait for it to
// close, as eval "$(...)" would):
//
//	go run ./cmd/voipms-sim > /tmp/voipms-sim.env &
//	until [ "$(wc -l < /tmp/voipms-sim.env)" -ge 3 ]; do sleep 0.2; done
//	set -a; eval "$(cat /tmp/voipms-sim.env)"; set +a
//	go run ./examples/quickstart   # the whole flow, against the simulator
//	kill -INT %1
//
// Flags:
//
//	-addr host:port     listen address (default 127.0.0.1:0, a free port)
//	-seed n             inventory and fault seed (default 1)
//	-username s         API username (default sim@example.com)
//	-password s         API password (default derived from the seed)
//	-latency d          delay added to every response (e.g. 200ms)
//	-fault-rate f       fraction of calls that fail (0..1)
//	-fault-kinds list   comma-separated kinds for -fault-rate (html500, html503,
//	                    connreset, nostatus, truncated, emptybody, latency, shape)
//	-rate-limit n       calls per minute before api_limit_exceeded (0 = none)
//	-shape              render some scalars as numbers and some lists as objects
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "voipms-sim:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("voipms-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	seed := fs.Int64("seed", 1, "inventory and fault seed")
	username := fs.String("username", "", "API username (default sim@example.com)")
	password := fs.String("password", "", "API password (default derived from the seed)")
	latency := fs.Duration("latency", 0, "delay added to every response")
	faultRate := fs.Float64("fault-rate", 0, "fraction of calls that fail (0..1)")
	faultKinds := fs.String("fault-kinds", "", "comma-separated fault kinds for -fault-rate")
	rateLimit := fs.Int("rate-limit", 0, "calls per minute before api_limit_exceeded (0 = no limit)")
	shape := fs.Bool("shape", false, "render some scalars as JSON numbers and some lists as bare objects")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *faultRate < 0 || *faultRate > 1 {
		return fmt.Errorf("-fault-rate must be between 0 and 1")
	}

	opts := []voipmstest.Option{voipmstest.WithSeed(*seed), voipmstest.WithRateLimit(*rateLimit)}
	opts = append(opts, voipmstest.WithCredentials(*username, *password))
	if *latency > 0 {
		opts = append(opts, voipmstest.WithLatency(*latency))
	}
	if *faultRate > 0 {
		var kinds []voipmstest.FaultKind
		for _, name := range strings.Split(*faultKinds, ",") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			k, ok := voipmstest.ParseFaultKind(name)
			if !ok {
				return fmt.Errorf("unknown fault kind %q", name)
			}
			kinds = append(kinds, k)
		}
		opts = append(opts, voipmstest.WithFaultRate(*faultRate, kinds...))
	}
	if *shape {
		opts = append(opts, voipmstest.WithShapeMode())
	}

	srv, err := voipmstest.NewServerAt(*addr, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "VOIPMS_API_URL=%s\nVOIPMS_API_USERNAME=%s\nVOIPMS_API_PASSWORD=%s\n",
		shellQuote(srv.URL()), shellQuote(srv.Username()), shellQuote(srv.Password()))
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	signal.Stop(sig)
	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
	}
	return nil
}

// shellQuote quotes s for eval in a POSIX shell when it holds characters the
// shell would interpret.
func shellQuote(s string) string {
	if strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
