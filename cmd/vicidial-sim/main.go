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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/didkit/voipms/vicidialtest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "vicidial-sim:", err)
		os.Exit(2)
	}
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// run serves until a signal arrives (or stop is closed, for tests).
func run(args []string, stdout, stderr io.Writer, stop <-chan struct{}) error {
	fs := flag.NewFlagSet("vicidial-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	envFile := fs.String("env-file", "", "also write the four VICIDIAL_* lines to this file once listening")
	build := fs.String("build", vicidialtest.BuildDocumented, `version profile: build YYMMDD-HHMM, or "new"`)
	seed := fs.Int64("seed", 1, "seed of the call logs")
	latency := fs.Duration("latency", 0, "delay added to every response")
	var faults listFlag
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
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)

	srv, err := vicidialtest.NewServerAt(*addr, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	for _, r := range rules {
		srv.InjectFault(r.fn, r.f)
	}
	lines := fmt.Sprintf("VICIDIAL_API_URL=%s\nVICIDIAL_USER=%s\nVICIDIAL_PASS=%s\nVICIDIAL_SOURCE=%s\n",
		shellQuote(srv.URL()), shellQuote(srv.User()), shellQuote(srv.Pass()), shellQuote(srv.Source()))
	if *envFile != "" {
		if err := writeAtomic(*envFile, lines); err != nil {
			return err
		}
		defer os.Remove(*envFile)
	}
	fmt.Fprint(stdout, lines)
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}
	select {
	case <-sig:
	case <-stop:
	}
	return nil
}

// shellQuote quotes s for eval in a POSIX shell when it holds characters the
// shell would interpret.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeAtomic writes data to path through a temporary file and a rename.
func writeAtomic(path, data string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".vicidial-sim-*.env")
	if err != nil {
		return err
	}
	_, werr := tmp.WriteString(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o600)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
