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
// port unless -addr names another address. With -env-file it also writes the
// three lines to a file, atomically and only once it listens, and removes it
// on exit. The server keeps running (and stdout open), so eval "$(voipms-sim)"
// would wait forever; run it in the background and eval the file:
//
//	d=${TMPDIR:-/tmp}
//	go build -o "$d/voipms-sim" ./cmd/voipms-sim
//	rm -f "$d/voipms-sim.env"
//	"$d/voipms-sim" -env-file "$d/voipms-sim.env" & sim=$!
//	until [ -s "$d/voipms-sim.env" ]; do sleep 0.1; done
//	set -a; eval "$(cat "$d/voipms-sim.env")"; set +a
//	go run ./examples/quickstart   # the whole flow, against the simulator
//	kill $sim
//
// (Build first rather than "go run ./cmd/voipms-sim &": a signal to go run
// does not reach the simulator it started.)
//
// To make a DID of the account receive a message (delivered to its SMS URL
// callback when one is set, on loopback only, and resent every 30 minutes
// until answered "ok" when retry is on), POST to /sim/receive on the same
// host and port, from loopback:
//
//	curl -d "api_username=$VOIPMS_API_USERNAME" -d "api_password=$VOIPMS_API_PASSWORD" \
//	  -d did=5551234567 -d from=5145550123 --data-urlencode "message=hi there" \
//	  "${VOIPMS_API_URL%/api/v1/rest.php}/sim/receive"
//
// Flags:
//
//	-addr host:port        listen address (default 127.0.0.1:0, a free port)
//	-env-file path         also write the three lines to path once listening
//	-seed n                inventory and fault seed (default 1)
//	-username s            API username (default sim@example.com)
//	-password s            API password (default derived from the seed)
//	-fixture name          start from a fixture: "demo" is a lived-in account
//	-inventory-scale n     multiply each rate center's stock of local numbers by n
//	-balance amount        account starting balance (default 100.00)
//	-client-balance id=amt reseller client starting balance (repeatable)
//	-status m=code[:n]     method m answers API status code, n times (default
//	                       always); m may be * (repeatable)
//	-latency d             delay added to every response (e.g. 200ms)
//	-fault-rate f          fraction of calls that fail (0..1)
//	-fault-kinds list      comma-separated kinds for -fault-rate (html500, html503,
//	                       connreset, nostatus, truncated, emptybody, latency, shape)
//	-rate-limit n          calls per minute before api_limit_exceeded (0 = none)
//	-shape                 render some scalars as numbers and some lists as objects
//	-h                     print the flags and exit 0
package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/didkit/voipms/internal/simcmd"
	"github.com/didkit/voipms/voipmstest"
)

func main() {
	simcmd.Main("voipms-sim", run)
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
	envFile := fs.String("env-file", "", "also write the three VOIPMS_API_* lines to this file once listening")
	fixture := fs.String("fixture", "", `start from a fixture ("demo": a lived-in account)`)
	scale := fs.Int("inventory-scale", 1, "multiply each rate center's stock of local numbers by n")
	balance := fs.String("balance", "", "account starting balance (default 100.00)")
	var clientBal, statuses simcmd.ListFlag
	fs.Var(&clientBal, "client-balance", "reseller client starting balance, id=amount (repeatable)")
	fs.Var(&statuses, "status", "method=code[:n]: method (or *) answers the API status code n times, default always (repeatable)")
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
	if *scale < 1 {
		return fmt.Errorf("-inventory-scale must be at least 1")
	}
	opts = append(opts, voipmstest.WithInventoryScale(*scale))
	if *fixture != "" {
		opts = append(opts, voipmstest.WithFixture(*fixture))
	}
	if *balance != "" {
		opts = append(opts, voipmstest.WithAccountBalance(*balance))
	}
	for _, cb := range clientBal {
		id, amount, ok := strings.Cut(cb, "=")
		if !ok || id == "" || amount == "" {
			return fmt.Errorf("-client-balance %q: want id=amount, e.g. 561115=25.00", cb)
		}
		opts = append(opts, voipmstest.WithClientBalance(id, amount))
	}
	for _, st := range statuses {
		o, err := parseStatusFlag(st)
		if err != nil {
			return err
		}
		opts = append(opts, o)
	}

	// listen for signals before the lines go out: a caller may signal as
	// soon as it has read them
	sig := simcmd.CatchSignals()
	defer sig.Stop()
	srv, err := voipmstest.NewServerAt(*addr, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	remove, err := simcmd.Publish(stdout, *envFile, simcmd.Lines("VOIPMS_API_URL", srv.URL(),
		"VOIPMS_API_USERNAME", srv.Username(), "VOIPMS_API_PASSWORD", srv.Password()))
	defer remove()
	if err != nil {
		return err
	}
	sig.Wait(nil)
	simcmd.CloseWithin(srv.Close, 3*time.Second)
	return nil
}

// parseStatusFlag turns "method=code[:n]" into a WithStatus option.
func parseStatusFlag(v string) (voipmstest.Option, error) {
	method, rest, ok := strings.Cut(v, "=")
	code, count, hasCount := strings.Cut(rest, ":")
	if !ok || method == "" || code == "" || code == "success" {
		return nil, fmt.Errorf("-status %q: want method=code[:n], e.g. orderDID=did_limit_reached:1", v)
	}
	n := 0
	if hasCount {
		var err error
		if n, err = strconv.Atoi(count); err != nil || n < 1 {
			return nil, fmt.Errorf("-status %q: n must be a positive integer", v)
		}
	}
	return voipmstest.WithStatus(method, code, n), nil
}
