package voipmstest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// renderRecords are 251 getDIDsInfo rows, as the state holds them.
func renderRecords() []map[string]string {
	out := make([]map[string]string, 0, 251)
	for i := range 251 {
		f := map[string]string{}
		for k, v := range didDefaults {
			f[k] = v
		}
		for _, k := range rowFields["getDIDsInfo.dids"] {
			if _, ok := f[k]; !ok {
				f[k] = "0"
			}
		}
		f["did"] = fmt.Sprintf("3055%06d", i)
		f["description"] = "MIAMI, FL / Caf\u00e9 <main>"
		f["routing"] = "account:100001_VoIP"
		f["order_date"] = "2026-11-20 15:04:05"
		out = append(out, f)
	}
	return out
}

func renderOurs(recs []map[string]string) []byte {
	return encodeJSON(obj{{"status", "success"}, {"dids", rows("getDIDsInfo.dids", recs)}})
}

func renderStd(recs []map[string]string) []byte {
	b, err := json.Marshal(map[string]any{"status": "success", "dids": recs})
	if err != nil {
		panic(err)
	}
	return b
}

// BenchmarkListRendering renders getDIDsInfo for 251 DIDs: the simulator's
// ordered, PHP-escaped rendering (row building included) against
// encoding/json.Marshal of the same records.
func BenchmarkListRendering(b *testing.B) {
	recs := renderRecords()
	b.Run("voipmstest", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_ = renderOurs(recs)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_ = renderStd(recs)
		}
	})
}

// BenchmarkListRenderingRatio reports the time of the simulator's rendering
// divided by encoding/json.Marshal's for the same 251 records (the target is
// at most 1.5).
func BenchmarkListRenderingRatio(b *testing.B) {
	recs := renderRecords()
	var ours, std time.Duration
	for range b.N {
		t0 := time.Now()
		_ = renderOurs(recs)
		t1 := time.Now()
		_ = renderStd(recs)
		ours += t1.Sub(t0)
		std += time.Since(t1)
	}
	b.ReportMetric(float64(ours)/float64(std), "ours/json")
}

// TestRenderingMatchesJSON: the rendering is valid JSON with the same
// content as the records (and PHP's escapes).
func TestRenderingMatchesJSON(t *testing.T) {
	recs := renderRecords()[:2]
	var got struct {
		Status string              `json:"status"`
		DIDs   []map[string]string `json:"dids"`
	}
	out := renderOurs(recs)
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Status != "success" || len(got.DIDs) != 2 || got.DIDs[1]["description"] != recs[1]["description"] ||
		len(got.DIDs[0]) != len(rowFields["getDIDsInfo.dids"]) {
		t.Errorf("rendered %s", out)
	}
	for _, c := range []struct{ in, want string }{
		{"a/b", `"a\/b"`}, {"Caf\u00e9", `"Caf\u00e9"`}, {"\U0001F600", `"\ud83d\ude00"`}, {"q\"\\\n\t\r\x01\x7f", `"q\"\\\n\t\r\u0001\u007f"`},
		{"\xff", `"\ufffd"`}, {"plain text 123", `"plain text 123"`},
	} {
		if got := string(encodeJSON(c.in)); got != c.want {
			t.Errorf("encode %q = %s, want %s", c.in, got, c.want)
		}
	}
}
