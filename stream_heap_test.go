package voipms

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// streamedBodyServer writes a list body record by record (the server holds
// one record, so the client's heap is what is measured).
func streamedBodyServer(t testing.TB, key string, n int, rec func(i int) []byte) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		bw := bufio.NewWriterSize(w, 64<<10)
		fmt.Fprintf(bw, `{"status":"success",%q:[`, key)
		for i := range n {
			if i > 0 {
				_ = bw.WriteByte(',')
			}
			_, _ = bw.Write(rec(i))
		}
		_, _ = bw.WriteString("]}")
		_ = bw.Flush()
	}))
	t.Cleanup(srv.Close)
	c, err := New("u@example.com", "pw", WithBaseURL(srv.URL), WithTimeout(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

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
// peak heap of each (target for streaming: <= 32 MiB) and their time ratio
// (target <= 1.1). It reports, it does not assert times.
func TestStreamPeakHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("long: streams 100k DIDs and 200k CDRs")
	}
	ctx := context.Background()
	t.Run("DIDs=100000", func(t *testing.T) {
		c := streamedBodyServer(t, "dids", 100_000, benchDIDRecord())
		var n int
		t0 := time.Now()
		sp := heapPeak(func() {
			for _, err := range c.DIDs.All(ctx, nil) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
		})
		st := time.Since(t0)
		var m int
		t0 = time.Now()
		lp := heapPeak(func() {
			l, err := c.DIDs.List(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			m = len(l)
		})
		lt := time.Since(t0)
		if n != 100_000 || m != 100_000 {
			t.Fatalf("stream %d, slice %d records", n, m)
		}
		t.Logf("peak heap: stream %.1f MiB (target <= 32), slice %.1f MiB; time stream %v, slice %v, ratio %.2f (target <= 1.10)",
			float64(sp)/(1<<20), float64(lp)/(1<<20), st, lt, float64(st)/float64(lt))
	})
	t.Run("CDRs=200000", func(t *testing.T) {
		c := streamedBodyServer(t, "cdr", 200_000, benchCDRRecord)
		answered := true
		p := &CDRListParams{DateFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), DateTo: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Answered: &answered}
		var n int
		t0 := time.Now()
		sp := heapPeak(func() {
			for _, err := range c.CDR.All(ctx, p) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
		})
		st := time.Since(t0)
		var m int
		t0 = time.Now()
		lp := heapPeak(func() {
			l, err := c.CDR.List(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			m = len(l)
		})
		lt := time.Since(t0)
		if n != 200_000 || m != 200_000 {
			t.Fatalf("stream %d, slice %d records", n, m)
		}
		t.Logf("peak heap: stream %.1f MiB (target <= 32), slice %.1f MiB; time stream %v, slice %v, ratio %.2f (target <= 1.10)",
			float64(sp)/(1<<20), float64(lp)/(1<<20), st, lt, float64(st)/float64(lt))
	})
}
