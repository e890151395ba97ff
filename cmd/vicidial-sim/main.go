// Command vicidial-sim serves the fake VICIdial / Dialer360 non-agent API of
// package vicidialtest as a standalone process, for manual testing and for
// clients in other languages.
//
// On start it prints exactly four lines, values shell-quoted where needed,
//
//	VICIDIAL_API_URL=http://127.0.0.1:PORT/adminpanel/api.php
//	VICIDIAL_USER=apiadmin
//	VICIDIAL_PASS=...
//	VICIDIAL_SOURCE=didkit
//
// and serves until SIGINT or SIGTERM. VICIDIAL_API_URL is the full address
// of the script (the same fake also answers /vicidial/non_agent_api.php). It
// listens on 127.0.0.1 at a free port unless -addr names another address.
// With -env-file it also writes the four lines to a file once it listens,
// and removes it on exit. The process keeps stdout open, so run it in the
// background and eval the file:
//
//	d=${TMPDIR:-/tmp}
//	go build -o "$d/vicidial-sim" ./cmd/vicidial-sim
//	rm -f "$d/vicidial-sim.env"
//	"$d/vicidial-sim" -env-file "$d/vicidial-sim.env" & sim=$!
//	until [ -s "$d/vicidial-sim.env" ]; do sleep 0.1; done
//	set -a; eval "$(cat "$d/vicidial-sim.env")"; set +a
//	go run ./examples/dialer360
//	kill $sim
//
// Flags:
//
//	-addr host:port     listen address (default 127.0.0.1:0, a free port)
//	-env-file path      also write the four lines to path once listening
//	-build b            version profile: a build YYMMDD-HHMM, or "new" for a
//	                    2025 build with add_did/update_did/copy_did (default
//	                    170601-0747, the 2017-06-01 document's)
//	-seed n             seed of the call logs (default 1)
//	-latency d          delay added to every response (e.g. 200ms)
//	-fault f=kind[:n]   function f (or *) fails with kind n times, default
//	                    always (repeatable; kinds: latency, html500, html503,
//	                    resetbefore, connreset, emptybody, truncated)
//	-h                  print the flags and exit 0
package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/didkit/voipms/internal/simcmd"
	"github.com/didkit/voipms/vicidialtest"
)

func main() {
	simcmd.Main("vicidial-sim", func(args []string, stdout, stderr io.Writer) error { return run(args, stdout, stderr, nil) })
}

// run serves until a signal arrives (or stop is closed, for tests).
func run(args []string, stdout, stderr io.Writer, stop <-chan struct{}) error {
	fs := flag.NewFlagSet("vicidial-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	envFile := fs.String("env-file", "", "also write the four VICIDIAL_* lines to this file once listening")
	build := fs.String("build", vicidialtest.BuildDocumented, `version profile: build YYMMDD-HHMM, or "new"`)
	seed := fs.Int64("seed", 1, "seed of the call logs")
	latency := fs.Duration("latency", 0, "delay added to every response")
	var faults simcmd.ListFlag
	fs.Var(&faults, "fault", "function=kind[:n]: function (or *) fails with kind n times, default always (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	opts := []vicidialtest.Option{vicidialtest.WithSeed(*seed), vicidialtest.WithLatency(*latency)}
	switch {
	case *build == "new":
		opts = append(opts, vicidialtest.WithNewBuild())
	case len(*build) == 11 && (*build)[6] == '-':
		opts = append(opts, vicidialtest.WithBuild(*build, ""))
	default:
		return fmt.Errorf("-build %q: want YYMMDD-HHMM or new", *build)
	}
	type rule struct {
		fn string
		f  vicidialtest.Fault
	}
	var rules []rule
	for _, v := range faults {
		fn, rest, ok := strings.Cut(v, "=")
		name, count, hasCount := strings.Cut(rest, ":")
		k, known := vicidialtest.ParseFaultKind(name)
		if !ok || fn == "" || !known {
			return fmt.Errorf("-fault %q: want function=kind[:n], e.g. add_lead=connreset:1", v)
		}
		n := 0
		if hasCount {
			var err error
			if n, err = strconv.Atoi(count); err != nil || n < 1 {
				return fmt.Errorf("-fault %q: n must be a positive integer", v)
			}
		}
		rules = append(rules, rule{fn, vicidialtest.Fault{Kind: k, Times: n}})
	}

	// listen for signals before the lines go out: a caller may signal as
	// soon as it has read them
	sig := simcmd.CatchSignals()
	defer sig.Stop()

	srv, err := vicidialtest.NewServerAt(*addr, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	for _, r := range rules {
		srv.InjectFault(r.fn, r.f)
	}
	remove, err := simcmd.Publish(stdout, *envFile, simcmd.Lines("VICIDIAL_API_URL", srv.URL(), "VICIDIAL_USER", srv.User(),
		"VICIDIAL_PASS", srv.Pass(), "VICIDIAL_SOURCE", srv.Source()))
	defer remove()
	if err != nil {
		return err
	}
	sig.Wait(stop)
	return nil
}
