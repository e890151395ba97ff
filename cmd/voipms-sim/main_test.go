package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBinary builds the command, starts it on a free loopback port, reads
// the three environment lines and calls the API with plain net/http.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "voipms-sim")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-seed", "3", "-username", "me@example.com")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()

	env := map[string]string{}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(30 * time.Second)
	for len(env) < 3 {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("output ended early: %v", env)
			}
			k, v, found := strings.Cut(l, "=")
			if !found {
				t.Fatalf("unexpected line %q", l)
			}
			env[k] = v
		case <-deadline:
			t.Fatal("timed out waiting for the environment lines")
		}
	}
	u := env["VOIPMS_API_URL"]
	if !strings.HasPrefix(u, "http://127.0.0.1:") || !strings.HasSuffix(u, "/api/v1/rest.php") {
		t.Fatalf("VOIPMS_API_URL=%q", u)
	}
	if env["VOIPMS_API_USERNAME"] != "me@example.com" || env["VOIPMS_API_PASSWORD"] == "" {
		t.Fatalf("credentials %v", env)
	}
	form := url.Values{"api_username": {env["VOIPMS_API_USERNAME"]}, "api_password": {env["VOIPMS_API_PASSWORD"]}, "method": {"getStates"}}
	resp, err := http.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Status string              `json:"status"`
		States []map[string]string `json:"states"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.Status != "success" || len(body.States) == 0 {
		t.Fatalf("getStates: %+v", body)
	}
}

func TestBadFlags(t *testing.T) {
	var out, errb strings.Builder
	for _, args := range [][]string{{"-fault-rate", "2"}, {"-fault-rate", "0.1", "-fault-kinds", "nope"}, {"extra"}} {
		if err := run(args, &out, &errb); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"abc-1": "abc-1", "a b": "'a b'", "it's": `'it'\''s'`} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
