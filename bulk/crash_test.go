package bulk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/bulk"
	"github.com/didkit/voipms/voipmstest"
)

// TestCrashChild is the child of TestCrash: it bulk-orders the plan in
// $BULK_CRASH_PLAN against the simulator at $BULK_CRASH_URL with the
// journal $BULK_CRASH_JOURNAL. It does nothing in a normal test run.
func TestCrashChild(t *testing.T) {
	if os.Getenv("BULK_CRASH_CHILD") != "1" {
		t.Skip("child of TestCrash")
	}
	data, err := os.ReadFile(os.Getenv("BULK_CRASH_PLAN"))
	if err != nil {
		t.Fatal(err)
	}
	var p bulk.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	c, err := voipms.New(os.Getenv("BULK_CRASH_USER"), os.Getenv("BULK_CRASH_PASS"),
		voipms.WithBaseURL(os.Getenv("BULK_CRASH_URL")), voipms.WithRetry(4, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	j, err := bulk.OpenFile(os.Getenv("BULK_CRASH_JOURNAL"))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	r, err := bulk.New(bulk.NewVoIPms(c, orderTemplate()), j, bulk.Options{Concurrency: 8, Rate: 5000, Rounds: 20})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := r.Run(context.Background(), p)
	if err != nil {
		t.Fatalf("Run: %v (OK %d, failed %d, unknown %d)", err, rep.OK, rep.Failed, rep.Unknown)
	}
	if rep.OK != len(p.Ops) {
		t.Fatalf("OK %d, failed %d, unknown %d, pending %d", rep.OK, rep.Failed, rep.Unknown, rep.Pending)
	}
}

func journalLines(path string) int {
	b, _ := os.ReadFile(path)
	return bytes.Count(b, []byte{'\n'})
}

// TestCrash: a child process bulk-ordering 200 numbers against the
// simulator (which lives in this process and outlives the child) is
// SIGKILLed at random points, 1 or 2 times per run, 6 runs; the rerun with
// the same journal ends with exactly the planned numbers bought, none
// twice, and every number the account owns has its "send" record in the
// journal. The simulator also resets 3% of connections after executing the
// call, so answers are lost in every run.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 18))
	for run := range 6 {
		t.Run(fmt.Sprint(run), func(t *testing.T) {
			sim := newSim(t, voipmstest.WithFaultRate(0.03, voipmstest.FaultConnReset), voipmstest.WithSeed(int64(run)))
			dids := stock(t, sim, 200)
			p := orderPlan(dids)
			dir := t.TempDir()
			planPath, journal := filepath.Join(dir, "plan.json"), filepath.Join(dir, "journal.jsonl")
			b, _ := json.Marshal(p)
			os.WriteFile(planPath, b, 0o600)
			child := func() *exec.Cmd {
				cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), "BULK_CRASH_CHILD=1", "BULK_CRASH_PLAN="+planPath, "BULK_CRASH_JOURNAL="+journal,
					"BULK_CRASH_URL="+sim.URL(), "BULK_CRASH_USER="+sim.Username(), "BULK_CRASH_PASS="+sim.Password())
				return cmd
			}
			kills := 1 + rng.IntN(2)
			for k := range kills {
				cur := journalLines(journal)
				at := cur + 1 + rng.IntN(max(1, 380-cur))
				cmd := child()
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				killed := false
			wait:
				for {
					select {
					case err := <-done:
						if err != nil {
							t.Fatalf("child %d ended before the kill: %v\n%s", k, err, out.String())
						}
						break wait
					case <-time.After(time.Millisecond):
						if journalLines(journal) >= at {
							cmd.Process.Signal(syscall.SIGKILL)
							<-done
							killed = true
							break wait
						}
					}
				}
				t.Logf("run %d: kill %d at journal line %d (killed=%v), account owns %d", run, k, journalLines(journal), killed, len(sim.DIDs()))
			}
			cmd := child()
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("rerun: %v\n%s", err, out)
			}
			if got, want := ownedSet(sim), sorted(dids); !equal(got, want) {
				t.Fatalf("account owns %d numbers, want exactly the %d planned", len(got), len(want))
			}
			for _, d := range dids {
				if n := sim.OrderCount(d); n != 1 {
					t.Errorf("%s bought %d times", d, n)
				}
			}
			// Nothing lost from the journal: every purchase was announced
			// before it was sent, and every op ends done/ok.
			j, err := bulk.OpenFile(journal)
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			recs, _ := j.Records()
			sent, ok := map[string]bool{}, map[string]bool{}
			for _, r := range recs {
				if r.Op == nil {
					continue
				}
				switch {
				case r.Event == bulk.EventSend:
					sent[r.Op.DID] = true
				case r.Event == bulk.EventDone && r.Outcome == bulk.OutcomeOK:
					ok[r.Op.DID] = true
				}
			}
			for _, d := range ownedSet(sim) {
				if !sent[d] {
					t.Errorf("%s was bought without a send record", d)
				}
				if !ok[d] {
					t.Errorf("%s has no done/ok record", d)
				}
			}
			if len(sent) != 200 {
				t.Errorf("%d numbers announced, want 200", len(sent))
			}
			keys := make([]string, 0, len(sent))
			for k := range sent {
				keys = append(keys, k)
			}
			sort.Strings(keys)
		})
	}
}
