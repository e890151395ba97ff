package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "didctl-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "didctl")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building didctl: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type runResult struct {
	code           int
	stdout, stderr string
}

// didctl runs the built binary with a clean environment plus env.
func didctl(t *testing.T, env []string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return runResult{code, out.String(), errb.String()}
}

func must(t *testing.T, r runResult, code int) runResult {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	return r
}

func jsonRows(t *testing.T, s string) []map[string]string {
	t.Helper()
	var rows []map[string]string
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return rows
}

func csvRows(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, s)
	}
	return rows
}

// TestSimEveryCommand runs every subcommand against the embedded simulator
// (--sim, demo fixture) in table, JSON and CSV output.
func TestSimEveryCommand(t *testing.T) {
	// list: the demo fixture's 7 DIDs.
	tbl := must(t, didctl(t, nil, "--sim", "list"), 0).stdout
	if !strings.HasPrefix(tbl, "DID ") || !strings.Contains(tbl, "3055588561  tc:1830") {
		t.Fatalf("list table:\n%s", tbl)
	}
	rows := jsonRows(t, must(t, didctl(t, nil, "--sim", "--json", "list"), 0).stdout)
	if len(rows) != 7 || rows[0]["did"] != "3055588561" || rows[0]["routing"] != "tc:1830" {
		t.Fatalf("list json: %v", rows)
	}
	crow := csvRows(t, must(t, didctl(t, nil, "--sim", "--csv", "list"), 0).stdout)
	if len(crow) != 8 || strings.Join(crow[0], ",") != "did,routing,pop,billing,description" {
		t.Fatalf("list csv: %v", crow)
	}
	// search
	found := csvRows(t, must(t, didctl(t, nil, "--sim", "--csv", "search", "--state", "FL", "--ratecenter", "MIAMI"), 0).stdout)
	if len(found) < 3 || found[1][1] != "MIAMI" || found[1][2] != "FL" {
		t.Fatalf("search: %v", found)
	}
	if r := jsonRows(t, must(t, didctl(t, nil, "--sim", "--json", "search", "--query", "305"), 0).stdout); len(r) == 0 || !strings.HasPrefix(r[0]["did"], "305") {
		t.Fatalf("search --query: %v", r)
	}
	did := found[1][0]
	// order: a dry run unless --yes
	out := must(t, didctl(t, nil, "--sim", "order", did, "--route", "account:100001"), 0).stdout
	if !strings.Contains(out, "dry run ok") {
		t.Fatalf("order dry run:\n%s", out)
	}
	if r := jsonRows(t, must(t, didctl(t, nil, "--sim", "--json", "order", did, "--route", "account:100001", "--yes"), 0).stdout); r[0]["result"] != "done" {
		t.Fatalf("order --yes: %v", r)
	}
	// show, route, cancel on a fixture DID
	show := csvRows(t, must(t, didctl(t, nil, "--sim", "--csv", "show", "3055588561"), 0).stdout)
	if show[0][0] != "field" || show[1][1] != "3055588561" || show[3][1] != "tc:1830" {
		t.Fatalf("show: %v", show)
	}
	if r := jsonRows(t, must(t, didctl(t, nil, "--sim", "--json", "route", "3055588561", "sys:hangup"), 0).stdout); r[0]["result"] != "sys:hangup" {
		t.Fatalf("route: %v", r)
	}
	if out := must(t, didctl(t, nil, "--sim", "cancel", "3055588561"), 0).stdout; !strings.Contains(out, "dry run ok") {
		t.Fatalf("cancel:\n%s", out)
	}
	must(t, didctl(t, nil, "--sim", "cancel", "3055588561", "--yes"), 0)
	// cdr export over more than 92 days
	cdr := csvRows(t, must(t, didctl(t, nil, "--sim", "--csv", "cdr", "export", "--from", "2020-01-01", "--to", "2030-12-31"), 0).stdout)
	if len(cdr) < 2 || cdr[0][0] != "date" {
		t.Fatalf("cdr export: %d rows", len(cdr))
	}
	if tbl := must(t, didctl(t, nil, "--sim", "cdr", "export", "--from", "2020-01-01", "--to", "2030-12-31"), 0).stdout; !strings.HasPrefix(tbl, "DATE ") {
		t.Fatalf("cdr table:\n%s", tbl)
	}
	// audit: carrier (demo account) vs an embedded GoAutoDial fake
	au := jsonRows(t, must(t, didctl(t, nil, "--sim", "--json", "audit"), 0).stdout)
	kinds := map[string]int{}
	for _, m := range au {
		kinds[m["kind"]]++
		if m["kind"] == "registered_not_owned" && m["number"] != "+15125550100" {
			t.Errorf("registered_not_owned %v", m)
		}
	}
	if kinds["registered_not_owned"] != 1 || kinds["owned_not_registered"] != 5 {
		t.Fatalf("audit: %v", au)
	}
	if c := csvRows(t, must(t, didctl(t, nil, "--sim", "--csv", "audit"), 0).stdout); strings.Join(c[0], ",") != "kind,number,target" || len(c) != len(au)+1 {
		t.Fatalf("audit csv: %v", c)
	}
	must(t, didctl(t, nil, "audit"), exitInvalid) // no credentials
	// bulk order | route | cancel from CSV (the embedded simulator lives for one command, so each is on fresh state)
	dir := t.TempDir()
	f := filepath.Join(dir, "order.csv")
	os.WriteFile(f, []byte("did,route\n"+found[1][0]+"\n"+found[2][0]+",sys:echo\n"), 0o600)
	r := jsonRows(t, must(t, didctl(t, nil, "--sim", "--json", "bulk", "order", "--file", f, "--journal", filepath.Join(dir, "j1"), "--route", "account:100001"), 0).stdout)
	if len(r) != 2 || r[0]["outcome"] != "ok" || r[1]["outcome"] != "ok" {
		t.Fatalf("bulk order: %v", r)
	}
	f2 := filepath.Join(dir, "route.csv")
	os.WriteFile(f2, []byte("3055588561\n2123794066,sys:echo\n"), 0o600)
	res := must(t, didctl(t, nil, "--sim", "--csv", "bulk", "route", "--file", f2, "--journal", filepath.Join(dir, "j2"), "--route", "sys:hangup"), 0)
	if c := csvRows(t, res.stdout); len(c) != 3 || c[1][2] != "ok" || c[2][2] != "ok" {
		t.Fatalf("bulk route: %v", c)
	}
	if !strings.Contains(res.stderr, "bulk route") || !strings.Contains(res.stderr, "(2/2)") {
		t.Fatalf("no progress bar on stderr:\n%s", res.stderr)
	}
	tb := must(t, didctl(t, nil, "--sim", "bulk", "cancel", "--file", f2, "--journal", filepath.Join(dir, "j3"), "--no-progress"), 0).stdout
	if !strings.HasPrefix(tb, "DID ") || strings.Count(tb, " ok") != 2 {
		t.Fatalf("bulk cancel:\n%s", tb)
	}
	// bulk order of N numbers of a rate center
	r = jsonRows(t, must(t, didctl(t, nil, "--sim", "--json", "bulk", "order", "--state", "FL", "--ratecenter", "MIAMI", "--count", "3",
		"--journal", filepath.Join(dir, "j4"), "--route", "account:100001"), 0).stdout)
	ok := 0
	for _, row := range r {
		if row["outcome"] == "ok" {
			ok++
		}
	}
	if ok != 3 {
		t.Fatalf("bulk order --count 3: %v", r)
	}
}

// TestExitCodes: 2 for invalid input (before any request), 3 for an API
// refusal, 4 for an unknown outcome, 2 without credentials.
func TestExitCodes(t *testing.T) {
	must(t, didctl(t, nil, "--sim", "list", "--bogus"), exitInvalid)
	must(t, didctl(t, nil, "--sim", "show"), exitInvalid)
	must(t, didctl(t, nil, "--sim", "show", "123"), exitInvalid)
	must(t, didctl(t, nil, "--sim", "route", "3055588561", "nonsense:1"), exitInvalid)
	must(t, didctl(t, nil, "--sim", "--json", "--csv", "list"), exitInvalid)
	must(t, didctl(t, nil, "--sim", "order", "3055550100"), exitInvalid) // no --route
	must(t, didctl(t, nil, "--sim", "bulk", "order", "--file", "/nonexistent", "--journal", filepath.Join(t.TempDir(), "j")), exitInvalid)
	r := must(t, didctl(t, nil, "list"), exitInvalid)
	if !strings.Contains(r.stderr, "VOIPMS_API_USERNAME") {
		t.Fatalf("no hint about the env variables: %s", r.stderr)
	}
	must(t, didctl(t, nil, "--sim", "show", "5555550100"), exitRefused)
	must(t, didctl(t, nil, "--sim", "order", "3055550100", "--route", "account:100001"), exitRefused)

	// Unknown outcome: the server executes orderDID and drops the connection.
	sim := voipmstest.NewServer(voipmstest.WithAccountBalance("1000"))
	defer sim.Close()
	env := []string{"VOIPMS_API_URL=" + sim.URL(), "VOIPMS_API_USERNAME=" + sim.Username(), "VOIPMS_API_PASSWORD=" + sim.Password()}
	c, _ := sim.Client()
	avail, err := c.DIDs.ListAvailableUSA(context.Background(), &voipms.DIDListAvailableUSAParams{State: "FL"})
	if err != nil {
		t.Fatal(err)
	}
	sim.InjectFault("orderDID", voipmstest.Fault{Kind: voipmstest.FaultConnReset, Times: 1})
	r = must(t, didctl(t, env, "order", avail[0].DID, "--route", "account:100001", "--yes"), exitUnknown)
	if strings.Contains(r.stderr, sim.Password()) {
		t.Fatal("password in the error output")
	}
	if _, owned := sim.OwnedDID(avail[0].DID); !owned {
		t.Fatal("the order was not executed")
	}
	// A bulk plan with a refused row exits 3 and reports it.
	f := filepath.Join(t.TempDir(), "p.csv")
	os.WriteFile(f, []byte(avail[1].DID+"\n3055550100\n"), 0o600)
	r = must(t, didctl(t, env, "--csv", "bulk", "order", "--file", f, "--journal", filepath.Join(t.TempDir(), "j"), "--route", "account:100001"), exitRefused)
	if rows := csvRows(t, r.stdout); rows[1][2] != "ok" || rows[2][2] != "failed" {
		t.Fatalf("bulk with a refusal: %v", rows)
	}
}

// TestBulkInterruptResume: SIGINT stops a bulk order cleanly (exit 5, the
// journal consistent); running the same command again finishes it; the
// account ends with exactly the planned numbers, each bought once.
func TestBulkInterruptResume(t *testing.T) {
	sim := voipmstest.NewServer(voipmstest.WithAccountBalance("100000"), voipmstest.WithInventoryScale(2))
	defer sim.Close()
	env := []string{"VOIPMS_API_URL=" + sim.URL(), "VOIPMS_API_USERNAME=" + sim.Username(), "VOIPMS_API_PASSWORD=" + sim.Password()}
	c, _ := sim.Client()
	avail, err := c.DIDs.ListAvailableUSA(context.Background(), &voipms.DIDListAvailableUSAParams{State: "FL"})
	if err != nil || len(avail) < 40 {
		t.Fatalf("stock %d: %v", len(avail), err)
	}
	var b strings.Builder
	for _, a := range avail[:40] {
		b.WriteString(a.DID + "\n")
	}
	dir := t.TempDir()
	plan, journal := filepath.Join(dir, "plan.csv"), filepath.Join(dir, "journal.jsonl")
	os.WriteFile(plan, []byte(b.String()), 0o600)
	args := []string{"bulk", "order", "--file", plan, "--journal", journal, "--route", "account:100001", "--rate", "40", "--concurrency", "4"}
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(sim.DIDs()) < 5 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitInterrupted {
		t.Fatalf("interrupted run: %v\n%s", err, errb.String())
	}
	first := len(sim.DIDs())
	if first == 0 || first == 40 || !strings.Contains(errb.String(), "resume") {
		t.Fatalf("after SIGINT the account owns %d\n%s", first, errb.String())
	}
	r := must(t, didctl(t, env, append([]string{"--csv"}, args...)...), 0)
	rows := csvRows(t, r.stdout)
	if len(rows) != 41 {
		t.Fatalf("%d result rows", len(rows))
	}
	if got := len(sim.DIDs()); got != 40 {
		t.Fatalf("account owns %d, want 40", got)
	}
	for _, a := range avail[:40] {
		if n := sim.OrderCount(a.DID); n != 1 {
			t.Errorf("%s bought %d times", a.DID, n)
		}
	}
	t.Logf("interrupted after %d of 40; the rerun bought %d", first, 40-first)
}

// TestCLIOutOfSDKImports: cobra and the progress bar stay out of the SDK
// packages' import graph.
func TestCLIOutOfSDKImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/didkit/voipms", "github.com/didkit/voipms/bulk",
		"github.com/didkit/voipms/voipmstest").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, bad := range []string{"spf13/cobra", "schollz/progressbar", "spf13/pflag"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("%s is in the SDK's import graph", bad)
		}
	}
}
