package vicidial_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// exportBody is a did_log_export answer of n rows, as the server code
// prints them (caller id before the date), tab-separated.
func exportBody(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "3125551212\t727555%04d\t2010-12-03 %02d:%02d:%02d\t%d\n", i%10000, i/3600%24, i/60%60, i%60, i%900)
	}
	return b.String()
}

// BenchmarkListCalls decodes a 100,000-row did_log_export (the server's hard
// limit) through the client, and reports the cost per row relative to only
// splitting the same body into lines and columns ("x_split"): the typed
// decode's overhead as a ratio, not a time.
func BenchmarkListCalls(b *testing.B) {
	const rows = 100000
	body := exportBody(rows)
	c := cannedClient(b, 200, body)
	day := time.Date(2010, 12, 3, 0, 0, 0, 0, time.UTC)
	var split time.Duration
	{
		start := time.Now()
		for i := 0; i < 5; i++ {
			for _, l := range strings.Split(body, "\n") {
				_ = strings.Split(l, "\t")
			}
		}
		split = time.Since(start) / 5
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		calls, err := c.DIDs.ListCalls(context.Background(), "3125551212", day)
		if err != nil || len(calls) != rows {
			b.Fatalf("%d calls, %v", len(calls), err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per.Nanoseconds())/rows, "ns/row")
	b.ReportMetric(float64(per)/float64(split), "x_split")
}
