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

	"github.com/didkit/voipms/goautodialtest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "goautodial-sim:", err)
		os.Exit(2)
	}
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

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
	var faults listFlag
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
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)

	srv, err := goautodialtest.NewServerAt(*addr, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	for _, r := range rules {
		srv.InjectFault(r.action, r.f)
	}
	lines := fmt.Sprintf("GOAUTODIAL_URL=%s\nGOAUTODIAL_USER=%s\nGOAUTODIAL_PASS=%s\nGOAUTODIAL_SESSION_USER=%s\n",
		shellQuote(srv.URL()), shellQuote(srv.User()), shellQuote(srv.Pass()), shellQuote(srv.SessionUser()))
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
	tmp, err := os.CreateTemp(filepath.Dir(path), ".goautodial-sim-*.env")
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
