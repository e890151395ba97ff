package voipms

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// repeatedBodyServer serves a list body of n records under key, written
// from one block of distinct records (blockLen of them, built once)
// repeated n/blockLen times, with its Content-Length. The server holds
// about a megabyte whatever n, so it does not change the client's heap
// (and with it the garbage collector's pacing) and costs both forms the
// same: a Write of each block.
func repeatedBodyServer(tb testing.TB, key string, n int, rec func(i int) []byte) (*Client, int64) {
	tb.Helper()
	const blockLen = 1000
	if n%blockLen != 0 {
		tb.Fatalf("n = %d: want a multiple of %d", n, blockLen)
	}
	var block bytes.Buffer
	for i := range blockLen {
		block.WriteByte(',')
		block.Write(rec(i))
	}
	head := fmt.Appendf(nil, `{"status":"success",%q:[`, key)
	tail := []byte("]}")
	size := int64(len(head)) + int64(n/blockLen)*int64(block.Len()) - 1 + int64(len(tail))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		_, _ = w.Write(head)
		_, _ = w.Write(block.Bytes()[1:]) // no comma before the first record
		for range n/blockLen - 1 {
			if _, err := w.Write(block.Bytes()); err != nil {
				return // the client went away (a stream that stopped)
			}
		}
		_, _ = w.Write(tail)
	}))
	tb.Cleanup(srv.Close)
	c, err := New("u@example.com", "pw", WithBaseURL(srv.URL), WithTimeout(10*time.Minute))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.CloseIdleConnections)
	return c, size
}

// BenchmarkStream compares one streaming pass with one slice-form call
// over the same list from a loopback server, in the same run (issue 19
// §4: time <= 1.1x the slice form; scripts/bench.sh prints the ratio of
// the medians). Both sides include the whole call: request, HTTP response
// over loopback, envelope, decoding every record into the typed result.
//   - slice: c.DIDs.List / c.CDR.List, which reads the body into one
//     buffer (sized from Content-Length) and decodes the list into a
//     slice, which is counted and dropped.
//   - stream: for d, err := range c.DIDs.All / c.CDR.All, counting the
//     records and keeping none (what a streaming consumer does).
//
// The body is written from a 1000-record block repeated (see
// repeatedBodyServer), so the server's memory does not change the
// client's garbage-collector pacing.
func BenchmarkStream(b *testing.B) {
	ctx := context.Background()
	answered := true
	cdrParams := &CDRListParams{DateFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), DateTo: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Answered: &answered}
	for _, tc := range []struct {
		name   string
		key    string
		n      int
		rec    func(int) []byte
		slice  func(*Client) (int, error)
		stream func(*Client) (int, error)
	}{
		{
			name: "dids=100000", key: "dids", n: 100_000, rec: benchDIDRecord(),
			slice: func(c *Client) (int, error) {
				l, err := c.DIDs.List(ctx, nil)
				return len(l), err
			},
			stream: func(c *Client) (int, error) {
				n := 0
				for _, err := range c.DIDs.All(ctx, nil) {
					if err != nil {
						return n, err
					}
					n++
				}
				return n, nil
			},
		},
		{
			name: "cdr=200000", key: "cdr", n: 200_000, rec: benchCDRRecord,
			slice: func(c *Client) (int, error) {
				l, err := c.CDR.List(ctx, cdrParams)
				return len(l), err
			},
			stream: func(c *Client) (int, error) {
				n := 0
				for _, err := range c.CDR.All(ctx, cdrParams) {
					if err != nil {
						return n, err
					}
					n++
				}
				return n, nil
			},
		},
	} {
		c, size := repeatedBodyServer(b, tc.key, tc.n, tc.rec)
		for _, form := range []struct {
			name string
			run  func(*Client) (int, error)
		}{{"slice", tc.slice}, {"stream", tc.stream}} {
			b.Run(tc.name+"/"+form.name, func(b *testing.B) {
				b.SetBytes(size)
				for range b.N {
					got, err := form.run(c)
					if err != nil {
						b.Fatal(err)
					}
					if got != tc.n {
						b.Fatalf("%d records, want %d", got, tc.n)
					}
				}
			})
		}
	}
}
