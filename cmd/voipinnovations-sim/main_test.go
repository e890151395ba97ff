package main

import (
	"bytes"
	"context"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/didkit/voipms/internal/simcmd/simtest"
	vi "github.com/didkit/voipms/voipinnovations"
)

var bin = simtest.Binary{Name: "voipinnovations-sim"}

// simBinary builds the command once per test run.
func simBinary(t *testing.T) string { return bin.Path(t) }

func TestMain(m *testing.M) {
	code := m.Run()
	bin.Remove()
	os.Exit(code)
}

// sim is a running voipinnovations-sim process.
type sim struct{ *simtest.Process }

// startSim starts the binary with args and reads the first three stdout
// lines. It fails the test unless exactly three lines come and nothing more
// follows within 200ms.
func startSim(t *testing.T, args ...string) (*sim, []string) {
	t.Helper()
	p, lines := simtest.Start(t, simBinary(t), 3, args...)
	return &sim{p}, lines
}

// evalLines runs the printed lines through a real shell and reads the
// variables back.
func evalLines(t *testing.T, lines []string) map[string]string {
	t.Helper()
	script := strings.Join(lines, "\n") + "\nprintf '%s\\n' \"$VI_API_URL\" \"$VI_API_LOGIN\" \"$VI_API_SECRET\"\n"
	out, err := exec.Command("sh", "-c", script).Output()
	if err != nil {
		t.Fatalf("sh: %v", err)
	}
	v := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(v) != 3 {
		t.Fatalf("eval gave %q", out)
	}
	return map[string]string{"VI_API_URL": v[0], "VI_API_LOGIN": v[1], "VI_API_SECRET": v[2]}
}

func stop(t *testing.T, s *sim, sig syscall.Signal) {
	t.Helper()
	if err := s.Cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Exited:
		if s.Err != nil {
			t.Fatalf("exit after %v: %v; stderr: %s", sig, s.Err, s.Stderr)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("still running 5s after %v", sig)
	}
}

func TestBinaryEvalRoundTrip(t *testing.T) {
	s, lines := startSim(t, "-secret", "it's a $ecret")
	for i, name := range []string{"VI_API_URL=", "VI_API_LOGIN=", "VI_API_SECRET="} {
		if !strings.HasPrefix(lines[i], name) {
			t.Fatalf("line %d %q", i, lines[i])
		}
	}
	env := evalLines(t, lines)
	u, err := url.Parse(env["VI_API_URL"])
	if err != nil || u.Path != "/Services/APIService.asmx" {
		t.Fatalf("url %q", env["VI_API_URL"])
	}
	host, port, _ := net.SplitHostPort(u.Host)
	if host != "127.0.0.1" || port == "0" || port == "" {
		t.Fatalf("default address %s", u.Host)
	}
	if env["VI_API_SECRET"] != "it's a $ecret" {
		t.Fatalf("secret %q", env["VI_API_SECRET"])
	}
	c, err := vi.New(env["VI_API_LOGIN"], env["VI_API_SECRET"], vi.WithBaseURL(env["VI_API_URL"]))
	if err != nil {
		t.Fatal(err)
	}
	found, err := c.DIDs.Search(context.Background(), &vi.DIDSearchParams{State: "UT"})
	if err != nil || len(found) == 0 {
		t.Fatalf("search through the binary: %v %v", len(found), err)
	}
	stop(t, s, syscall.SIGINT)
}

func TestBinarySIGTERM(t *testing.T) {
	s, _ := startSim(t)
	stop(t, s, syscall.SIGTERM)
}

func TestBinaryHelpExitsZero(t *testing.T) {
	cmd := exec.Command(simBinary(t), "-h")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "-addr") {
		t.Fatalf("-h: %v %s", err, out)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-per-center", "0"}, {"-login", ""}, {"stray"}, {"-nope"}} {
		var out, errb bytes.Buffer
		if err := run(args, &out, &errb); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	cmd := exec.Command(simBinary(t), "-addr", "256.0.0.1:1")
	if err := cmd.Run(); err == nil {
		t.Error("bad address accepted")
	}
}
