// Package simcmd is the plumbing the simulator commands (cmd/*-sim) share:
// exit codes for -h and errors, a repeatable flag, the shell-quoted eval
// lines on stdout and in an -env-file, and serving until SIGINT or SIGTERM.
package simcmd

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Main runs run with the process's arguments and streams. -h (flag.ErrHelp:
// the usage went to stderr) exits 0; any other error is printed as
// "name: err" and exits 2.
func Main(name string, run func(args []string, stdout, stderr io.Writer) error) {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(2)
	}
}

// ListFlag collects a repeatable string flag.
type ListFlag []string

func (l *ListFlag) String() string     { return strings.Join(*l, ",") }
func (l *ListFlag) Set(v string) error { *l = append(*l, v); return nil }

// ShellQuote quotes s for eval in a POSIX shell when it is empty or holds
// characters the shell would interpret.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Lines renders NAME=value lines, one a pair, values shell-quoted:
// Lines("A", "1", "B", "x y") is "A=1\nB='x y'\n".
func Lines(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString(kv[i] + "=" + ShellQuote(kv[i+1]) + "\n")
	}
	return b.String()
}

// Publish writes lines to envFile (when not empty; atomically, mode 0600)
// and then to stdout, flushed. The returned function removes envFile; call
// it on exit.
func Publish(stdout io.Writer, envFile, lines string) (remove func(), err error) {
	remove = func() {}
	if envFile != "" {
		if err := WriteAtomic(envFile, lines); err != nil {
			return remove, err
		}
		remove = func() { os.Remove(envFile) }
	}
	fmt.Fprint(stdout, lines)
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}
	return remove, nil
}

// WriteAtomic writes data to path through a temporary file in the same
// folder and a rename, so a reader never sees a partial file.
func WriteAtomic(path, data string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
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

// Signals catches SIGINT and SIGTERM from the moment it is made: make it
// before the lines go out, as a caller may signal as soon as it has read
// them.
type Signals struct{ c chan os.Signal }

// CatchSignals starts catching SIGINT and SIGTERM.
func CatchSignals() *Signals {
	s := &Signals{c: make(chan os.Signal, 1)}
	signal.Notify(s.c, syscall.SIGINT, syscall.SIGTERM)
	return s
}

// Wait blocks until a signal arrives or stop is closed (a nil stop never
// is), then stops catching.
func (s *Signals) Wait(stop <-chan struct{}) {
	select {
	case <-s.c:
	case <-stop:
	}
	signal.Stop(s.c)
}

// Stop stops catching; it may be called more than once.
func (s *Signals) Stop() { signal.Stop(s.c) }

// CloseWithin runs closeFn and waits for it at most d (a server with a stuck
// connection must not keep the process alive after a signal).
func CloseWithin(closeFn func(), d time.Duration) {
	done := make(chan struct{})
	go func() { closeFn(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}
