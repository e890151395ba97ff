// Command didctl does the everyday number jobs of a VoIP.ms account from
// the shell: search stock, order, cancel, route, list and show DIDs, run
// resumable bulk orders/cancels/re-routes from a CSV file, and export CDRs.
//
// Credentials come from VOIPMS_API_USERNAME, VOIPMS_API_PASSWORD and
// (optionally) VOIPMS_API_URL, as voipms.NewFromEnv reads them; there is no
// flag for them, so a password never lands in shell history. --sim runs
// every command against an embedded simulator (the voipmstest demo
// fixture) instead, with no account and no network.
//
// Output is a table by default, --json or --csv for scripts. Exit codes:
//
//	0  ok
//	1  other failure (network, I/O)
//	2  invalid input (flags, CSV, a parameter refused before any request)
//	3  refused by the API (an error status; for bulk: some operations failed)
//	4  outcome unknown (a write may or may not have happened; for bulk: rerun
//	   with the same --journal to reconcile)
//	5  interrupted (Ctrl-C); for bulk, rerun with the same --journal to resume
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/bulk"
	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK          = 0
	exitOther       = 1
	exitInvalid     = 2
	exitRefused     = 3
	exitUnknown     = 4
	exitInterrupted = 5
)

// exitError carries an exit code chosen by a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func invalid(format string, a ...any) error {
	return &exitError{exitInvalid, fmt.Errorf(format, a...)}
}

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	var ee *exitError
	var ve *voipms.ValidationError
	var ae *voipms.APIError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, voipms.ErrOutcomeUnknown), errors.Is(err, bulk.ErrOutcomeUnknown):
		return exitUnknown
	case errors.As(err, &ae):
		return exitRefused // the API answered an error status (invalid_* included)
	case errors.As(err, &ve), errors.Is(err, bulk.ErrInvalidPlan), errors.Is(err, voipms.ErrInvalidParameter):
		return exitInvalid // refused before any request
	}
	return exitOther
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes didctl with args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C kills the process
	}()
	app := newApp(stdout, stderr)
	root := app.root()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	app.close()
	if err != nil {
		fmt.Fprintln(stderr, "didctl:", err)
		if ctx.Err() != nil && exitCode(err) == exitOther {
			return exitInterrupted
		}
		return exitCode(err)
	}
	return exitOK
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "didctl",
		Short:         "Everyday DID jobs on a VoIP.ms account",
		Long:          "didctl searches, orders, cancels, routes and lists DIDs, runs resumable bulk jobs from CSV and exports CDRs.\nCredentials: VOIPMS_API_USERNAME, VOIPMS_API_PASSWORD (and VOIPMS_API_URL), never a flag.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return invalid("%v", err) })
	pf := root.PersistentFlags()
	pf.BoolVar(&a.sim, "sim", false, "run against an embedded simulator (demo fixture), no account needed")
	pf.BoolVar(&a.jsonOut, "json", false, "JSON output")
	pf.BoolVar(&a.csvOut, "csv", false, "CSV output")
	return root
}
