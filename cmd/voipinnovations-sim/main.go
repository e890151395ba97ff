// Command voipinnovations-sim serves the VoIP Innovations API 3.0 fake of
// package voipinnovationstest as a standalone process.
//
// On start it prints exactly three lines, values shell-quoted where needed,
//
//	VI_API_URL=http://127.0.0.1:PORT/Services/APIService.asmx
//	VI_API_LOGIN=...
//	VI_API_SECRET=...
//
// and serves until SIGINT or SIGTERM. It listens on 127.0.0.1 at a free
// port unless -addr names another address. The WSDL is at VI_API_URL?WSDL.
// The lines can be eval'ed once they are out (the server keeps stdout open):
//
//	go run ./cmd/voipinnovations-sim > /tmp/vi-sim.env &
//	until [ "$(wc -l < /tmp/vi-sim.env)" -ge 3 ]; do sleep 0.2; done
//	set -a; eval "$(cat /tmp/vi-sim.env)"; set +a
//	go run ./examples/voipinnovations   # the whole flow, against the fake
//	kill -INT %1
//
// Flags:
//
//	-addr host:port   listen address (default 127.0.0.1:0, a free port)
//	-seed n           inventory seed (default 1)
//	-login s          API login (default didkit-api)
//	-secret s         API secret (default fake-secret-8f7c)
//	-per-center n     numbers in each of the 8 rate centers (default 25)
//	-toll-free        enable 800 origination on the account
//	-latency d        delay added to every answer (e.g. 200ms)
package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/didkit/voipms/internal/simcmd"
	"github.com/didkit/voipms/voipinnovationstest"
)

func main() {
	simcmd.Main("voipinnovations-sim", run)
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("voipinnovations-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	seed := fs.Int64("seed", 1, "inventory seed")
	login := fs.String("login", voipinnovationstest.DefaultLogin, "API login")
	secret := fs.String("secret", voipinnovationstest.DefaultSecret, "API secret")
	perCenter := fs.Int("per-center", 25, "numbers in each rate center")
	tollFree := fs.Bool("toll-free", false, "enable 800 origination on the account")
	latency := fs.Duration("latency", 0, "delay added to every answer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *login == "" || *secret == "" {
		return fmt.Errorf("-login and -secret must not be empty")
	}
	if *perCenter < 1 {
		return fmt.Errorf("-per-center must be at least 1")
	}
	opts := []voipinnovationstest.Option{voipinnovationstest.WithSeed(*seed), voipinnovationstest.WithCredentials(*login, *secret),
		voipinnovationstest.WithNumbersPerRateCenter(*perCenter)}
	if *tollFree {
		opts = append(opts, voipinnovationstest.WithTollFree())
	}
	if *latency > 0 {
		opts = append(opts, voipinnovationstest.WithLatency(*latency))
	}
	// listen for signals before the lines go out: a caller may signal as
	// soon as it has read them
	sig := simcmd.CatchSignals()
	defer sig.Stop()
	srv, err := voipinnovationstest.NewServerAt(*addr, opts...)
	if err != nil {
		return err
	}
	remove, err := simcmd.Publish(stdout, "", simcmd.Lines("VI_API_URL", srv.URL(), "VI_API_LOGIN", srv.Login(), "VI_API_SECRET", srv.Secret()))
	defer remove()
	if err != nil {
		return err
	}
	sig.Wait(nil)
	simcmd.CloseWithin(srv.Close, 3*time.Second)
	return nil
}
