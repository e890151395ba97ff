package voipms

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

func benchDIDRecord() func(int) []byte {
	one := benchDIDsBody(1)
	tmpl := one[bytes.IndexByte(one, '[')+1 : bytes.LastIndexByte(one, ']')]
	return func(i int) []byte {
		return bytes.ReplaceAll(tmpl, []byte("5551000000"), []byte(strconv.Itoa(5552000000+i)))
	}
}

// benchCDRRecord is a getCDR record as VoIP.ms sends it, with the escaped
// caller ID every CDR has (about 340 bytes).
func benchCDRRecord(i int) []byte {
	return fmt.Appendf(nil, `{"date":"2024-%02d-%02d %02d:%02d:%02d","callerid":"\"Client %d\" <%d>","destination":"%d","description":"Inbound DID","account":"100001_VoIP","disposition":"ANSWERED","duration":"00:%02d:%02d","seconds":"%d","rate":"0.01000000","total":"0.%08d","uniqueid":"%d","destination_type":"local","call_logs":""}`,
		1+i%12, 1+i%28, i%24, i%60, i%60, i%500, 5551000000+i%9000, 5559000000+i%7000, i%60, i%60, i%3600, i%99999999, 90000000+i)
}

// heapPeak samples the live heap every millisecond while f runs and
// returns the peak above the level before f.
func heapPeak(f func()) (peak uint64) {
	runtime.GC()
	debug.FreeOSMemory()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var max atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > max.Load() {
				max.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	<-stopped
	if m := max.Load(); m > base {
		return m - base
	}
	return 0
}

// TestStreamPeakHeap runs one streaming pass and one slice-form call over
// 100,000 DIDs and 200,000 CDRs from a loopback server and reports the
// peak heap of each (target for streaming: <= 32 MiB whatever N). It
// reports, it asserts nothing about memory or time: BenchmarkStream
// measures the time against the slice form.
func TestStreamPeakHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("long: streams 100k DIDs and 200k CDRs")
	}
	ctx := context.Background()
	t.Run("DIDs=100000", func(t *testing.T) {
		c, _ := repeatedBodyServer(t, "dids", 100_000, benchDIDRecord())
		var n, m int
		sp := heapPeak(func() {
			for _, err := range c.DIDs.All(ctx, nil) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
		})
		lp := heapPeak(func() {
			l, err := c.DIDs.List(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			m = len(l)
		})
		if n != 100_000 || m != 100_000 {
			t.Fatalf("stream %d, slice %d records", n, m)
		}
		t.Logf("peak heap: stream %.1f MiB (target <= 32), slice %.1f MiB", float64(sp)/(1<<20), float64(lp)/(1<<20))
	})
	t.Run("CDRs=200000", func(t *testing.T) {
		c, _ := repeatedBodyServer(t, "cdr", 200_000, benchCDRRecord)
		answered := true
		p := &CDRListParams{DateFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), DateTo: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Answered: &answered}
		var n, m int
		sp := heapPeak(func() {
			for _, err := range c.CDR.All(ctx, p) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
		})
		lp := heapPeak(func() {
			l, err := c.CDR.List(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			m = len(l)
		})
		if n != 200_000 || m != 200_000 {
			t.Fatalf("stream %d, slice %d records", n, m)
		}
		t.Logf("peak heap: stream %.1f MiB (target <= 32), slice %.1f MiB", float64(sp)/(1<<20), float64(lp)/(1<<20))
	})
}
