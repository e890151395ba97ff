package voipmstest_test

import (
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

func newDemo(t *testing.T, opts ...voipmstest.Option) *voipmstest.Server {
	t.Helper()
	s, err := voipmstest.NewServerAt("", append([]voipmstest.Option{voipmstest.WithSeed(3),
		voipmstest.WithClock(func() time.Time { return simNow }), voipmstest.WithFixture("demo")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// TestDemoFixtureWire: the demo account has every area filled.
func TestDemoFixtureWire(t *testing.T) {
	s := newDemo(t)
	dids := list(t, ok(t, s, "getDIDsInfo"), "dids")
	if len(dids) != 7 {
		t.Fatalf("%d DIDs, want 7", len(dids))
	}
	for _, d := range dids {
		t.Logf("%v %v %v %v", d["did"], d["description"], d["routing"], d["note"])
	}
	if s.Executed() != (voipmstest.ExecutedCounts{}) {
		t.Errorf("the fixture's own orders are counted: %+v", s.Executed())
	}
	for method, key := range map[string]string{"getForwardings": "forwardings", "getSIPURIs": "sipuris", "getIVRs": "ivrs",
		"getRingGroups": "ring_groups", "getQueues": "queues", "getTimeConditions": "timecondition", "getPhonebook": "phonebooks",
		"getCallbacks": "callbacks", "getRecordings": "recordings", "getSubAccounts": "accounts", "getVoicemails": "voicemails",
		"getClients": "clients"} {
		if rows := list(t, ok(t, s, method), key); len(rows) == 0 {
			t.Errorf("%s: empty", method)
		}
	}
	sms := list(t, ok(t, s, "getSMS", "from", "2026-11-01", "to", "2026-11-20"), "sms")
	if len(sms) < 8 {
		t.Errorf("%d messages", len(sms))
	}
	t.Log(s.AccountBalance())
}
