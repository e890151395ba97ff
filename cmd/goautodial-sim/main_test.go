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

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/internal/simcmd/simtest"
)

var simBin = simtest.Binary{Name: "goautodial-sim"}

// buildSim builds the command once per test run.
func buildSim(t *testing.T) string { return simBin.Path(t) }

func TestMain(m *testing.M) {
	code := m.Run()
	simBin.Remove()
	os.Exit(code)
}

// TestBinaryEvalRoundTrip builds the command, reads its four lines, evals
// them in a shell, registers and lists a DID with the evaluated values and
// stops the process with SIGINT.
func TestBinaryEvalRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildSim(t)
	for _, legacy := range []bool{false, true} {
		env := filepath.Join(t.TempDir(), "sim.env")
		args := []string{"-env-file", env}
		suffix := "/goAPIv2"
		if legacy {
			args, suffix = append(args, "-legacy"), "/goAPI"
		}
		cmd := exec.Command(bin, args...)
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
		for i, prefix := range []string{"GOAUTODIAL_URL=http://127.0.0.1:", "GOAUTODIAL_USER=", "GOAUTODIAL_PASS=", "GOAUTODIAL_SESSION_USER="} {
			if i >= len(lines) || !strings.HasPrefix(lines[i], prefix) {
				t.Fatalf("line %d: want prefix %q (lines %q)", i, prefix, lines)
			}
		}
		if !strings.HasSuffix(lines[0], suffix) {
			t.Errorf("URL line %q, want suffix %s", lines[0], suffix)
		}
		file, err := os.ReadFile(env)
		if err != nil || string(file) != strings.Join(lines, "\n")+"\n" {
			t.Errorf("env file = %q, %v", file, err)
		}
		out, err := exec.Command("sh", "-c", `set -a; eval "$(cat "$1")"; printf '%s\n%s\n%s\n%s\n' "$GOAUTODIAL_URL" "$GOAUTODIAL_USER" "$GOAUTODIAL_PASS" "$GOAUTODIAL_SESSION_USER"`, "sh", env).Output()
		if err != nil {
			t.Fatal(err)
		}
		v := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(v) != 4 || len(v[2]) != 31 {
			t.Fatalf("eval gave %q", out)
		}
		c, err := goautodial.New(v[0], v[1], v[2], goautodial.WithSessionUser(v[3]))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		d, err := c.DIDs.Register(ctx, &goautodial.DIDRegisterParams{Pattern: "+13125550100", Description: "Sales", UserGroup: "ADMIN",
			Route: goautodial.InGroup("SALESLINE", "", "", "")})
		if err != nil {
			t.Fatalf("register with the evaluated credentials: %v", err)
		}
		if info, err := c.DIDs.Get(ctx, d.ID); err != nil || info.Route.GroupID != "SALESLINE" {
			t.Fatalf("get: %+v %v", info, err)
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
}

func TestHelpExitsZero(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildSim(t)
	out, err := exec.Command(bin, "-h").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "-legacy") {
		t.Errorf("-h: %v\n%s", err, out)
	}
	if err := exec.Command(bin, "-fault", "goAddDID=nope").Run(); err == nil {
		t.Error("a bad -fault was accepted")
	}
}

func TestRunStops(t *testing.T) {
	stop := make(chan struct{})
	var out strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- run([]string{"-fault", "goAddDID=connreset:1", "-base", "/custom", "-display-errors"}, &out, &out, stop)
	}()
	time.Sleep(100 * time.Millisecond)
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "/custom\n") {
		t.Errorf("output %q", out.String())
	}
	for _, bad := range [][]string{{"-fault", "x"}, {"-fault", "goAddDID=html500:0"}, {"-base", "nope"}, {"extra"}} {
		if err := run(bad, &out, &out, stop); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
