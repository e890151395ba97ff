package voipmstest_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

// regionDIDs lists the numbers for sale in every state (getDIDsUSA) or
// province (getDIDsCAN), in listing order.
func regionDIDs(t *testing.T, s *voipmstest.Server, listMethod, codesMethod, codesKey, codeKey string) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for _, r := range list(t, ok(t, s, codesMethod), codesKey) {
		code := r[codeKey].(string)
		m := api(t, s, listMethod, codeKey, code)
		if m["status"] == "success" {
			out[code] = list(t, m, "dids")
		}
	}
	return out
}

// WithInventoryScale(n) multiplies each rate center's stock of local numbers
// by n, keeps the default numbers first and unchanged, and leaves the rest
// of the seeded data alone.
func TestWithInventoryScale(t *testing.T) {
	const scale = 3
	now := time.Now()
	clock := voipmstest.WithClock(func() time.Time { return now }) // same seeded call history
	def := voipmstest.NewServer(voipmstest.WithSeed(11), clock)
	defer def.Close()
	one := voipmstest.NewServer(voipmstest.WithSeed(11), clock, voipmstest.WithInventoryScale(1))
	defer one.Close()
	big := voipmstest.NewServer(voipmstest.WithSeed(11), clock, voipmstest.WithInventoryScale(scale))
	defer big.Close()

	seen := map[string]bool{}
	total := map[string]int{}
	for _, g := range []struct{ kind, list, codes, key, code string }{
		{"us", "getDIDsUSA", "getStates", "states", "state"},
		{"ca", "getDIDsCAN", "getProvinces", "provinces", "province"},
	} {
		want := regionDIDs(t, def, g.list, g.codes, g.key, g.code)
		if got := regionDIDs(t, one, g.list, g.codes, g.key, g.code); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: WithInventoryScale(1) changed the inventory", g.kind)
		}
		got := regionDIDs(t, big, g.list, g.codes, g.key, g.code)
		if len(got) != len(want) {
			t.Errorf("%s: %d regions with stock, want %d", g.kind, len(got), len(want))
		}
		for code, rows := range want {
			total[g.kind] += len(rows)
			grown := got[code]
			if len(grown) != scale*len(rows) {
				t.Errorf("%s %s: %d numbers, want %d", g.kind, code, len(grown), scale*len(rows))
				continue
			}
			if !reflect.DeepEqual(grown[:len(rows)], rows) {
				t.Errorf("%s %s: the default numbers are not listed first, unchanged", g.kind, code)
			}
			npa, stock := map[string]string{}, map[string]int{}
			for _, r := range rows {
				npa[r["ratecenter"].(string)] = r["did"].(string)[:3]
				stock[r["ratecenter"].(string)] += scale
			}
			for _, r := range grown {
				did, center := r["did"].(string), r["ratecenter"].(string)
				if seen[did] {
					t.Errorf("%s listed twice", did)
				}
				seen[did] = true
				if npa[center] != did[:3] {
					t.Errorf("%s in %s: area code %s, want %s", did, center, did[:3], npa[center])
				}
				stock[center]-- // every center holds scale × its default stock
			}
			for center, n := range stock {
				if n != 0 {
					t.Errorf("%s %s: stock off by %d", code, center, -n)
				}
			}
		}
	}
	if total["us"] < 500 || total["ca"] < 100 {
		t.Fatalf("default inventory: %v", total)
	}
	t.Logf("default US %d, CA %d; scaled ×%d: %d numbers", total["us"], total["ca"], scale, len(seen))

	// The rest of the seeded account is the same: international stock,
	// call history, and an extra number can be ordered like any other.
	from, to := now.AddDate(0, 0, -80).Format("2006-01-02"), now.Format("2006-01-02")
	for _, m := range [][]string{{"getDIDCountries", "type", "GEOGRAPHIC"}, {"getCDR", "date_from", from, "date_to", to, "answered", "1", "noanswer", "1", "busy", "1", "failed", "1", "timezone", "0"}} {
		a, b := ok(t, def, m[0], m[1:]...), ok(t, big, m[0], m[1:]...)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs with WithInventoryScale", m[0])
		}
	}
	fl := list(t, ok(t, big, "getDIDsUSA", "state", "FL"), "dids")
	extra := fl[len(fl)-1]["did"].(string)
	ok(t, big, "orderDID", orderParams(extra)...)
	if big.OrderCount(extra) != 1 || status(t, big, "getDIDsInfo", "did", extra) != "success" {
		t.Errorf("extra number %s could not be ordered", extra)
	}
}
