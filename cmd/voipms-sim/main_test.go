package main

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/didkit/voipms/internal/simcmd/simtest"
)

var envNames = []string{"VOIPMS_API_URL", "VOIPMS_API_USERNAME", "VOIPMS_API_PASSWORD"}

var bin = simtest.Binary{Name: "voipms-sim"}

// simBinary builds the command once per test run.
func simBinary(t *testing.T) string { return bin.Path(t) }

func TestMain(m *testing.M) {
	code := m.Run()
	bin.Remove()
	os.Exit(code)
}

// sim is a running voipms-sim process.
type sim struct{ *simtest.Process }

// startSim starts the binary with args and reads the first three stdout
// lines. It fails the test unless exactly three lines come and nothing more
// follows within 200ms.
func startSim(t *testing.T, args ...string) (*sim, []string) {
	t.Helper()
	p, lines := simtest.Start(t, simBinary(t), 3, args...)
	return &sim{p}, lines
}

// interrupt sends SIGINT and checks the process exits promptly, with
// status 0 and no further output.
func (s *sim) interrupt(t *testing.T) {
	t.Helper()
	if err := s.Cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	select {
	case <-s.Exited:
	case <-time.After(5 * time.Second):
		t.Fatal("still running 5s after SIGINT")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to exit after SIGINT", d)
	}
	if s.Err != nil {
		t.Errorf("exit after SIGINT: %v; stderr: %s", s.Err, s.Stderr)
	}
	for l := range s.Lines {
		t.Errorf("output after the three lines: %q", l)
	}
	if s.Stderr.Len() != 0 {
		t.Errorf("stderr: %s", s.Stderr)
	}
}

// unquote reads one value as a POSIX shell would after NAME=: either plain
// (no characters the shell interprets) or single-quoted pieces joined by \'.
func unquote(t *testing.T, v string) string {
	t.Helper()
	var b strings.Builder
	for v != "" {
		switch {
		case v[0] == '\'':
			end := strings.IndexByte(v[1:], '\'')
			if end < 0 {
				t.Fatalf("unterminated quote in %q", v)
			}
			b.WriteString(v[1 : 1+end])
			v = v[2+end:]
		case strings.HasPrefix(v, `\'`):
			b.WriteByte('\'')
			v = v[2:]
		default:
			i := strings.IndexAny(v, `'\`)
			if i < 0 {
				i = len(v)
			}
			plain := v[:i]
			if strings.ContainsAny(plain, " \t\n\"$`;&|<>()*?[]#~!{}") {
				t.Fatalf("unquoted shell metacharacter in %q", plain)
			}
			b.WriteString(plain)
			v = v[i:]
		}
	}
	return b.String()
}

// parseEnv checks the lines are exactly VOIPMS_API_URL, _USERNAME and
// _PASSWORD, in that order, and returns their values. When a POSIX shell is
// available it also evals the lines and checks the shell sees the same
// values.
func parseEnv(t *testing.T, lines []string) map[string]string {
	t.Helper()
	env := map[string]string{}
	for i, l := range lines {
		k, v, found := strings.Cut(l, "=")
		if !found || k != envNames[i] {
			t.Fatalf("line %d = %q, want %s=...", i+1, l, envNames[i])
		}
		env[k] = unquote(t, v)
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Logf("no sh: eval not checked: %v", err)
		return env
	}
	script := strings.Join(lines, "\n") + "\nprintf '%s\\0' \"$VOIPMS_API_URL\" \"$VOIPMS_API_USERNAME\" \"$VOIPMS_API_PASSWORD\"\n"
	out, err := exec.Command(sh, "-c", `eval "$1"`, "sh", script).Output()
	if err != nil {
		t.Fatalf("sh eval: %v", err)
	}
	vals := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(vals) != 3 {
		t.Fatalf("sh eval printed %q", out)
	}
	for i, k := range envNames {
		if vals[i] != env[k] {
			t.Errorf("eval: %s = %q, parsed %q", k, vals[i], env[k])
		}
	}
	return env
}

// getStates calls the API with plain net/http.
func getStates(t *testing.T, env map[string]string) {
	t.Helper()
	form := url.Values{"api_username": {env["VOIPMS_API_USERNAME"]}, "api_password": {env["VOIPMS_API_PASSWORD"]}, "method": {"getStates"}}
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
	resp, err := hc.PostForm(env["VOIPMS_API_URL"], form)
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

// TestBinaryDefaults runs the command with no flags at all: it must listen
// on loopback (a free port), print exactly the three lines, serve, and stop
// on SIGINT.
func TestBinaryDefaults(t *testing.T) {
	s, lines := startSim(t)
	env := parseEnv(t, lines)
	u, err := url.Parse(env["VOIPMS_API_URL"])
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "http" || u.Hostname() != "127.0.0.1" || u.Path != "/api/v1/rest.php" {
		t.Fatalf("VOIPMS_API_URL=%q, want http://127.0.0.1:PORT/api/v1/rest.php", env["VOIPMS_API_URL"])
	}
	if u.Port() == "" || u.Port() == "0" {
		t.Fatalf("no real port in %q", env["VOIPMS_API_URL"])
	}
	if env["VOIPMS_API_USERNAME"] != "sim@example.com" || env["VOIPMS_API_PASSWORD"] == "" {
		t.Fatalf("default credentials %q", lines)
	}
	getStates(t, env)
	s.interrupt(t)
}

// Two instances with default flags run side by side: the default port is a
// free one, not a fixed one.
func TestBinaryDefaultPortIsFree(t *testing.T) {
	a, la := startSim(t)
	b, lb := startSim(t)
	if la[0] == lb[0] {
		t.Fatalf("both instances print %s", la[0])
	}
	getStates(t, parseEnv(t, la))
	getStates(t, parseEnv(t, lb))
	a.interrupt(t)
	b.interrupt(t)
}

// TestBinary passes flags, including a username the shell must see quoted,
// and checks the lines still eval to the right values.
func TestBinary(t *testing.T) {
	const user = "it's me@example.com"
	s, lines := startSim(t, "-addr", "127.0.0.1:0", "-seed", "3", "-username", user, "-password", "pa ss$word")
	env := parseEnv(t, lines)
	if !strings.HasPrefix(env["VOIPMS_API_URL"], "http://127.0.0.1:") || !strings.HasSuffix(env["VOIPMS_API_URL"], "/api/v1/rest.php") {
		t.Fatalf("VOIPMS_API_URL=%q", env["VOIPMS_API_URL"])
	}
	if env["VOIPMS_API_USERNAME"] != user || env["VOIPMS_API_PASSWORD"] != "pa ss$word" {
		t.Fatalf("credentials %q", lines)
	}
	getStates(t, env)
	s.interrupt(t)
}

// SIGTERM stops it too.
func TestBinarySIGTERM(t *testing.T) {
	s, _ := startSim(t)
	if err := s.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Exited:
	case <-time.After(5 * time.Second):
		t.Fatal("still running 5s after SIGTERM")
	}
	if s.Err != nil {
		t.Errorf("exit after SIGTERM: %v", s.Err)
	}
}

// A busy address is reported, not silently replaced.
func TestBinaryAddrInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	out, err := exec.Command(simBinary(t), "-addr", ln.Addr().String()).CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), "voipms-sim:") {
		t.Fatalf("busy address: %v %s", err, out)
	}
	if strings.Contains(string(out), "VOIPMS_API_URL") {
		t.Fatalf("printed the environment although it could not listen: %s", out)
	}
}

func TestBadFlags(t *testing.T) {
	var out, errb strings.Builder
	for _, args := range [][]string{{"-fault-rate", "2"}, {"-fault-rate", "0.1", "-fault-kinds", "nope"}, {"extra"},
		{"-status", "getIP"}, {"-status", "getIP=success"}, {"-status", "getIP=x:0"}, {"-client-balance", "561115"},
		{"-client-balance", "999=1"}, {"-balance", "lots"}, {"-inventory-scale", "0"}, {"-fixture", "nope"}} {
		if err := run(args, &out, &errb); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestHelpExitsZero: -h prints the flags and exits 0.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		out, err := exec.Command(simBinary(t), arg).CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", arg, err, out)
		}
		for _, f := range []string{"-inventory-scale", "-status", "-balance", "-client-balance", "-fixture", "-env-file"} {
			if !strings.Contains(string(out), f) {
				t.Errorf("%s output lacks %s:\n%s", arg, f, out)
			}
		}
	}
}

// TestREADMERecipe runs the README's voipms-sim recipe as written, in a bash
// at the repository root with TMPDIR set to a test directory: it must end,
// with the quick start run against the process (not the embedded
// simulator), and leave no simulator running.
func TestREADMERecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the quick start")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "<!-- voipms-sim recipe -->\n```sh\n")
	recipe, _, ok2 := strings.Cut(rest, "```\n<!-- end recipe -->")
	if !ok || !ok2 {
		t.Fatal("README has no voipms-sim recipe block")
	}
	dir := t.TempDir()
	cmd := exec.Command("bash", "-e", "-c", recipe)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	for _, k := range envNames {
		cmd.Env = append(cmd.Env, k+"=") // the recipe must set them itself
	}
	done := make(chan struct{})
	var out []byte
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the recipe did not finish in 3 minutes:\n%s", out)
	}
	if err != nil {
		t.Fatalf("recipe: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`VOIPMS_API_URL=(\S+)`).FindSubmatch(out)
	if m == nil || !strings.Contains(string(out), "local server at "+string(m[1])) {
		t.Fatalf("the quick start did not run against the simulator process:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "voipms-sim.env")); !os.IsNotExist(err) {
		t.Errorf("env file left behind after kill: %v", err)
	}
	// The simulator is gone: its port refuses connections.
	u, _ := url.Parse(string(m[1]))
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", u.Host, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatalf("simulator at %s still running after the recipe's kill", u.Host)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestBinaryFlags: -status, -balance, -client-balance and -inventory-scale
// reach the server.
func TestBinaryFlags(t *testing.T) {
	s, lines := startSim(t, "-status", "getStates=method_maintenance:1", "-status", "*=did_limit_reached:1",
		"-balance", "12.34", "-client-balance", "561116=7.5", "-inventory-scale", "3")
	env := parseEnv(t, lines)
	call := func(kv ...string) map[string]any {
		v := url.Values{"api_username": {env["VOIPMS_API_USERNAME"]}, "api_password": {env["VOIPMS_API_PASSWORD"]}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		resp, err := http.PostForm(env["VOIPMS_API_URL"], v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	if st := call("method", "getStates")["status"]; st != "method_maintenance" {
		t.Errorf("first getStates = %v", st)
	}
	if st := call("method", "getIP")["status"]; st != "did_limit_reached" {
		t.Errorf("first other call = %v", st)
	}
	if st := call("method", "getStates")["status"]; st != "success" {
		t.Errorf("second getStates = %v", st)
	}
	if b := call("method", "getBalance")["balance"].(map[string]any)["current_balance"]; b != "12.340000" {
		t.Errorf("balance = %v", b)
	}
	if b := call("method", "getResellerBalance", "client", "561116")["balance"].(map[string]any)["current_balance"]; b != "7.5000" {
		t.Errorf("client balance = %v", b)
	}
	rc := call("method", "getDIDsUSA", "state", "FL")
	if n := len(rc["dids"].([]any)); n < 20 {
		t.Errorf("-inventory-scale 3: only %d FL numbers", n)
	}
	s.interrupt(t)
}

// TestBinaryFixture: -fixture demo serves a lived-in account.
func TestBinaryFixture(t *testing.T) {
	s, lines := startSim(t, "-fixture", "demo")
	env := parseEnv(t, lines)
	v := url.Values{"api_username": {env["VOIPMS_API_USERNAME"]}, "api_password": {env["VOIPMS_API_PASSWORD"]}, "method": {"getDIDsInfo"}}
	resp, err := http.PostForm(env["VOIPMS_API_URL"], v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m struct {
		Status string           `json:"status"`
		DIDs   []map[string]any `json:"dids"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || m.Status != "success" || len(m.DIDs) != 7 {
		t.Fatalf("getDIDsInfo on -fixture demo: %v %+v", err, m)
	}
	s.interrupt(t)
}
