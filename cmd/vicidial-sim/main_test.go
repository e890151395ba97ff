package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/didkit/voipms/internal/simcmd/simtest"
	"github.com/didkit/voipms/vicidial"
)

var simBin = simtest.Binary{Name: "vicidial-sim"}

// buildSim builds the command once per test run.
func buildSim(t *testing.T) string { return simBin.Path(t) }

func TestMain(m *testing.M) {
	code := m.Run()
	simBin.Remove()
	os.Exit(code)
}

// TestBinaryEvalRoundTrip builds the command, reads its four lines, evals
// them in a shell, calls the fake with the evaluated values and stops it
// with SIGINT.
func TestBinaryEvalRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildSim(t)
	env := filepath.Join(t.TempDir(), "sim.env")
	cmd := exec.Command(bin, "-env-file", env, "-build", "new")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	sc := bufio.NewScanner(stdout)
	var lines []string
	for len(lines) < 4 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	for i, prefix := range []string{"VICIDIAL_API_URL=http://127.0.0.1:", "VICIDIAL_USER=", "VICIDIAL_PASS=", "VICIDIAL_SOURCE="} {
		if i >= len(lines) || !strings.HasPrefix(lines[i], prefix) {
			t.Fatalf("line %d = %q, want prefix %q (lines %q)", i, lines, prefix, lines)
		}
	}
	if !strings.HasSuffix(lines[0], "/adminpanel/api.php") {
		t.Errorf("URL line %q", lines[0])
	}
	file, err := os.ReadFile(env)
	if err != nil || string(file) != strings.Join(lines, "\n")+"\n" {
		t.Errorf("env file = %q, %v", file, err)
	}
	out, err := exec.Command("sh", "-c", `set -a; eval "$(cat "$1")"; printf '%s\n%s\n%s\n%s\n' "$VICIDIAL_API_URL" "$VICIDIAL_USER" "$VICIDIAL_PASS" "$VICIDIAL_SOURCE"`, "sh", env).Output()
	if err != nil {
		t.Fatal(err)
	}
	v := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(v) != 4 {
		t.Fatalf("eval gave %q", out)
	}
	c, err := vicidial.New(v[0], v[1], v[2], v[3])
	if err != nil {
		t.Fatal(err)
	}
	ver, err := c.System.GetVersion(context.Background())
	if err != nil || !ver.Supports("add_did") {
		t.Fatalf("version = %+v, %v", ver, err)
	}
	if _, err := c.Reports.GetAgentStatus(context.Background(), "1000"); err != nil {
		t.Fatalf("authenticated call with the evaluated credentials: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGINT: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit 5s after SIGINT")
	}
	if _, err := os.Stat(env); !os.IsNotExist(err) {
		t.Errorf("env file left behind: %v", err)
	}
}

func TestHelpExitsZero(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildSim(t)
	out, err := exec.Command(bin, "-h").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "-build") {
		t.Errorf("-h: %v\n%s", err, out)
	}
	if err := exec.Command(bin, "-build", "yesterday").Run(); err == nil {
		t.Error("a bad -build was accepted")
	}
}

func TestRunStops(t *testing.T) {
	stop := make(chan struct{})
	var out strings.Builder
	done := make(chan error, 1)
	go func() { done <- run([]string{"-fault", "add_lead=connreset:1"}, &out, &out, stop) }()
	time.Sleep(100 * time.Millisecond)
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-fault", "add_lead=nope"}, &out, &out, stop); err == nil {
		t.Error("unknown fault kind accepted")
	}
}
