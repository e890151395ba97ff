package voipms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A server announcing a body larger than the cap is refused at once: the
// client returns without reading the body. The server sends a few bytes
// and then nothing more until the test ends, so a client that did read
// would hang until its timeout and fail with a transport error instead.
func TestContentLengthOverCapRefusedBeforeReading(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1099511627776") // 1 TiB
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"status":"success","dids":[`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	c, err := New("u@example.com", "pw-sentinel-9f3a", WithBaseURL(srv.URL), WithTimeout(time.Minute),
		WithRetry(3, time.Millisecond, time.Millisecond), WithMaxResponseBytes(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = c.DIDs.List(ctx, nil)
	var re *ResponseError
	if !errors.As(err, &re) || re.Kind != BodyTooLarge {
		t.Fatalf("err = %v, want a *ResponseError of kind BodyTooLarge", err)
	}
	if !errors.Is(err, ErrBadResponse) {
		t.Errorf("errors.Is(err, ErrBadResponse) = false for %v", err)
	}
	for _, want := range []string{"Content-Length 1099511627776", "1048576-byte cap", "streaming form DIDs.All", "WithMaxResponseBytes"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "pw-sentinel") {
		t.Errorf("error leaks the password: %v", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server saw %d requests, want 1 (a body over the cap is not retried)", n)
	}
	if ctx.Err() != nil {
		t.Errorf("the call ran until the context ended: %v", ctx.Err())
	}
}

// The default cap lets the largest real accounts through (arithmetic at
// defaultMaxBodyBytes): 250,000 DIDs at the bench body's bytes per DID.
func TestDefaultCapFitsLargestAccounts(t *testing.T) {
	perDID := len(benchDIDsBody(1000)) / 1000
	if got := int64(perDID) * 250_000; got > defaultMaxBodyBytes {
		t.Errorf("250,000 DIDs (%d bytes) over the default cap %d", got, int64(defaultMaxBodyBytes))
	}
	if got := int64(340) * 1_000_000; got > defaultMaxBodyBytes {
		t.Errorf("1,000,000 CDRs (%d bytes) over the default cap %d", got, int64(defaultMaxBodyBytes))
	}
}

// bodyServer answers every request with body.
func bodyServer(t testing.TB, body func() []byte) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body())
	}))
	t.Cleanup(srv.Close)
	c, err := New("u@example.com", "pw", WithBaseURL(srv.URL), WithRetry(2, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	var err error
	seq(func(v T, e error) bool {
		if e != nil {
			err = e
			return false
		}
		out = append(out, v)
		return true
	})
	return out, err
}

var streamQuirkBodies = map[string]string{
	"array":               `{"status":"success","dids":[{"did":"5551230001","pop":"3","description":"A"},{"did":"5551230002","pop":7,"description":"\"Name\" <5551234567> \u00e9\n"}]}`,
	"sparse":              `{"status":"success","dids":[{"did":"5551230001","pop":"3","note":"first"},{"did":"5551230002"}]}`,
	"numbers":             `{"status":"success","dids":[{"did":5551230001,"pop":3,"dialtime":60,"cnam":1,"sms_enabled":true}]}`,
	"keyed object":        `{"status":"success","dids":{"2":{"did":"5551230002"},"1":{"did":"5551230001"}}}`,
	"single object":       `{"status":"success","dids":{"did":"5551230001","pop":"3"}}`,
	"empty object":        `{"status":"success","dids":{}}`,
	"empty array":         `{"status":"success","dids":[]}`,
	"php empty rec":       `{"status":"success","dids":[[],{}]}`,
	"null":                `{"status":"success","dids":null}`,
	"no list":             `{"status":"success"}`,
	"list first":          `{"dids":[{"did":"5551230001"}],"status":"success"}`,
	"empty status":        `{"status":"no_did"}`,
	"api error":           `{"status":"invalid_client","message":"bad"}`,
	"other keys":          `{"status":"success","message":"","x":{"a":[1,{"b":"]}"}]},"dids":[ {"did":"5551230001"} ] , "y":"\\"}` + "\n",
	"whitespace":          " \n{ \"status\" : \"success\" , \"dids\" : [ { \"did\" : \"5551230001\" } ] } \n",
	"bad record":          `{"status":"success","dids":[{"did":"5551230001"},{"pop":"x"}]}`,
	"truncated":           `{"status":"success","dids":[{"did":"5551230001"},{"did":"55`,
	"html":                `<html>bad gateway</html>`,
	"empty body":          ``,
	"trailing":            `{"status":"success","dids":[]}x`,
	"bad other":           `{"status":"success","x":[},"dids":[{"did":"5551230001"}]}`,
	"key no string":       `{{"}`,
	"no status, bad list": `{"dids":"0"}`,
	"bad list first":      `{"dids":[}`,
	"escaped key":         `{"st\u0061tus":"success","d\u0069ds":[{"d\u0069d":"5551230001"}]}`,
}

// The streaming form yields what the slice form returns on the same body,
// and fails where it fails.
func TestStreamMatchesSliceForm(t *testing.T) {
	for name, body := range streamQuirkBodies {
		t.Run(name, func(t *testing.T) {
			c := bodyServer(t, func() []byte { return []byte(body) })
			ctx := context.Background()
			want, werr := c.DIDs.List(ctx, nil)
			got, gerr := collect(c.DIDs.All(ctx, nil))
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("slice err %v, stream err %v", werr, gerr)
			}
			if werr != nil {
				// Same category.
				for _, cat := range []error{ErrBadResponse, ErrNotFound, ErrUnavailable} {
					if errors.Is(werr, cat) != errors.Is(gerr, cat) {
						t.Errorf("category %v: slice %v, stream %v", cat, werr, gerr)
					}
				}
				return
			}
			if len(want) == 0 && len(got) == 0 {
				return
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("stream %+v\nslice %+v", got, want)
			}
		})
	}
}

// Hand-written expectations, so the comparison above cannot pass on two
// equally wrong decoders.
func TestStreamHandWritten(t *testing.T) {
	c := bodyServer(t, func() []byte { return []byte(streamQuirkBodies["array"]) })
	got, err := collect(c.DIDs.All(context.Background(), nil))
	if err != nil || len(got) != 2 {
		t.Fatalf("got %d records, err %v", len(got), err)
	}
	if got[0].DID != "5551230001" || got[0].POP != 3 || got[1].POP != 7 || got[1].Description != "\"Name\" <5551234567> \u00e9\n" {
		t.Errorf("records %+v", got)
	}
	// A record lacking fields has them zero, not the previous record's.
	c = bodyServer(t, func() []byte { return []byte(streamQuirkBodies["sparse"]) })
	got, err = collect(c.DIDs.All(context.Background(), nil))
	if err != nil || len(got) != 2 || got[0].POP != 3 || got[0].Note != "first" || got[1].DID != "5551230002" || got[1].POP != 0 || got[1].Note != "" {
		t.Errorf("sparse records %+v, err %v", got, err)
	}
	c = bodyServer(t, func() []byte { return []byte(streamQuirkBodies["keyed object"]) })
	got, err = collect(c.DIDs.All(context.Background(), nil))
	if err != nil || len(got) != 2 || got[0].DID != "5551230001" || got[1].DID != "5551230002" {
		t.Errorf("keyed object: %+v, %v", got, err)
	}
}

// A failure after records were delivered ends the iteration with a
// *StreamError that counts them; it is not retried.
func TestStreamErrorCountsDelivered(t *testing.T) {
	var hits atomic.Int32
	c := bodyServer(t, func() []byte { hits.Add(1); return []byte(streamQuirkBodies["bad record"]) })
	var n int
	var last error
	for _, err := range c.DIDs.All(context.Background(), nil) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	var se *StreamError
	if !errors.As(last, &se) || se.Delivered != 1 || n != 1 {
		t.Fatalf("n=%d err=%v, want a *StreamError after 1 record", n, last)
	}
	if !errors.Is(last, ErrBadResponse) || !strings.Contains(last.Error(), "after 1 records") {
		t.Errorf("err %v", last)
	}
	if hits.Load() != 1 {
		t.Errorf("%d requests, want 1", hits.Load())
	}
}

// A body that fails before the first record is retried as the slice form's.
func TestStreamRetriesBeforeFirstRecord(t *testing.T) {
	var hits atomic.Int32
	c := bodyServer(t, func() []byte {
		if hits.Add(1) == 1 {
			return []byte(`{"status":"success","dids":[{"did":"55`)
		}
		return []byte(streamQuirkBodies["array"])
	})
	got, err := collect(c.DIDs.All(context.Background(), nil))
	if err != nil || len(got) != 2 || hits.Load() != 2 {
		t.Fatalf("got %d, err %v, hits %d", len(got), err, hits.Load())
	}
}

// Breaking out of the loop stops the decoding; nothing is yielded after.
func TestStreamBreak(t *testing.T) {
	c := bodyServer(t, func() []byte { return benchDIDsBody(1000) })
	n := 0
	for _, err := range c.DIDs.All(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 5 {
			break
		}
	}
	if n != 5 {
		t.Errorf("n = %d", n)
	}
}

// Stopping early, by break or by the context, leaves no goroutine behind
// and closes the connection while the server is still writing a large
// body; the context's end is a *StreamError with the count and matches
// context.Canceled.
func TestStreamStopEarlyNoLeak(t *testing.T) {
	c, _ := repeatedBodyServer(t, "dids", 20_000, benchDIDRecord())
	before := runtimeGoroutines()
	for range 3 {
		n := 0
		for _, err := range c.DIDs.All(context.Background(), nil) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 5 {
				break
			}
		}
		if n != 5 {
			t.Fatalf("n = %d", n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.DIDs.All(ctx, nil) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 100 {
			cancel()
		}
	}
	var se *StreamError
	if !errors.As(last, &se) || se.Delivered != 100 || n != 100 || !errors.Is(last, context.Canceled) {
		t.Errorf("after cancel: n=%d err=%v, want a *StreamError after 100 records matching context.Canceled", n, last)
	}
	c.CloseIdleConnections()
	waitForGoroutines(t, before)
}

// decodeInPlace reuses one decodeState for every record and resets its
// per-value fields by name: a field added to decodeState must be sorted
// into reset (per value) or kept (allocation state shared by the records)
// there, and then here.
func TestStreamResetsDecodeState(t *testing.T) {
	reset := map[string]bool{"data": true, "pos": true, "depth": true, "syn": true, "err": true, "path": true}
	kept := map[string]bool{"arena": true, "ints": true, "words": true, "slabs": true, "chunks": true, "scratch": true}
	typ := reflect.TypeFor[decodeState]()
	for i := range typ.NumField() {
		if name := typ.Field(i).Name; !reset[name] && !kept[name] {
			t.Errorf("decodeState.%s is new: decide in streamDec.decodeInPlace whether it is reset per record", name)
		}
	}
}

// chunkReader hands out its bytes at most n at a time, so records cross
// the end of the stream decoder's buffer at every place.
type chunkReader struct {
	b []byte
	n int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.n, len(r.b))
	copy(p, r.b[:n])
	r.b = r.b[n:]
	return n, nil
}

// streamDIDs runs the stream decoder over body, read chunk bytes at a time
// (0: all at once), and returns the records it delivered and its error
// mapped as streamList maps it.
func streamDIDs(body []byte, chunk int) ([]DID, error) {
	var r io.Reader = bytes.NewReader(body)
	if chunk > 0 {
		r = &chunkReader{b: body, n: chunk}
	}
	var got []DID
	plan := codecFor(reflect.TypeFor[DID]())
	rec := new(DID)
	err := streamDecode("getDIDsInfo", 200, r, "dids", func(sd *streamDec) error {
		if err := nextRecord(sd, plan, rec); err != nil {
			return err
		}
		got = append(got, *rec)
		return nil
	}, func(list []byte, deliver bool) error {
		var ds []DID
		if err := unmarshal(list, &ds); err != nil || !deliver {
			return err
		}
		got = append(got, ds...)
		return nil
	})
	if err != nil {
		err = streamCause("getDIDsInfo", 200, err)
	}
	return got, err
}

// errKind names what an error on body is, for comparing the two forms'
// errors. The slice form calls any body that starts with { and does not end
// with } truncated (envelope.go bodyKind) before parsing it; the stream
// cannot look at the end first, and reports what it meets before the end
// (trailing garbage: not JSON; a record that does not decode: a shape
// error): for such a body any *ResponseError of those kinds is accepted.
// Likewise, on a body that is not JSON (or cut short) somewhere and also
// has a value of the wrong shape, the slice form reports the syntax (it
// has the whole body), the stream the shape error when it meets it first:
// both are ErrBadResponse.
func errKind(body []byte, err error) string {
	var re *ResponseError
	var ae *APIError
	switch {
	case err == nil:
		return "nil"
	case errors.As(err, &re):
		if b := bytes.TrimSpace(body); (re.Kind == BodyTruncated || re.Kind == BodyNotJSON || re.Kind == BodyShape) && len(b) > 0 && b[0] == '{' && b[len(b)-1] != '}' {
			return "response:truncated, not JSON or bad shape"
		}
		if (re.Kind == BodyTruncated || re.Kind == BodyNotJSON || re.Kind == BodyShape) && !json.Valid(body) {
			return "response:not JSON somewhere (and maybe a bad shape)"
		}
		return "response:" + re.Kind.String()
	case errors.As(err, &ae):
		return "api:" + string(ae.Status)
	}
	return fmt.Sprintf("%T", err)
}

// Records that cross the end of the read buffer, at every offset: the
// stream decoder reads the body in chunks of 1, 2, 3, 7, 64, 1000 and
// 4096 bytes and still yields what the slice form decodes, and fails as
// it fails on a truncated or broken body.
func TestStreamChunkBoundaries(t *testing.T) {
	var cdrs bytes.Buffer
	cdrs.WriteString(`{"status":"success","cdr":[`)
	for i := range 50 {
		if i > 0 {
			cdrs.WriteByte(',')
		}
		cdrs.Write(benchCDRRecord(i))
	}
	cdrs.WriteString(`]}`)
	dids := benchDIDsBody(50)
	bodies := map[string][]byte{
		"dids":      dids,
		"truncated": dids[:len(dids)*2/3],
		"bad date":  bytes.Replace(dids, []byte(`"2014-07-`), []byte(`"2014-77-`), 1),
		"garbage":   bytes.Replace(dids, []byte(`},{`), []byte(`}x{`), 1),
	}
	for name, q := range streamQuirkBodies {
		bodies["quirk "+name] = []byte(q)
	}
	for name, body := range bodies {
		var resp getDIDsInfoResponse
		serr := decode("getDIDsInfo", 200, body, &resp)
		for _, chunk := range []int{0, 1, 2, 3, 7, 64, 1000, 4096} {
			got, gerr := streamDIDs(body, chunk)
			if errKind(body, serr) != errKind(body, gerr) {
				t.Errorf("%s, chunk %d: slice err %v, stream err %v", name, chunk, serr, gerr)
				continue
			}
			if serr == nil && !(len(got) == 0 && len(resp.Items) == 0) && !reflect.DeepEqual(got, resp.Items) {
				t.Errorf("%s, chunk %d: stream and slice records differ (%d, %d records)", name, chunk, len(got), len(resp.Items))
			}
		}
	}
	// The CDR records (escaped caller IDs) through the CDR plan.
	var resp getCDRResponse
	if err := decode("getCDR", 200, cdrs.Bytes(), &resp); err != nil || len(resp.Items) != 50 {
		t.Fatalf("slice: %d records, %v", len(resp.Items), err)
	}
	for _, chunk := range []int{1, 5, 333, 4096} {
		var got []CDR
		plan := codecFor(reflect.TypeFor[CDR]())
		rec := new(CDR)
		err := streamDecode("getCDR", 200, &chunkReader{b: cdrs.Bytes(), n: chunk}, "cdr", func(sd *streamDec) error {
			if err := nextRecord(sd, plan, rec); err != nil {
				return err
			}
			got = append(got, *rec)
			return nil
		}, nil)
		if err != nil || !reflect.DeepEqual(got, resp.Items) {
			t.Errorf("CDRs, chunk %d: %d records, %v", chunk, len(got), err)
		}
	}
}

// FuzzStreamMatchesSlice: the streaming decoder against the slice decoder
// on arbitrary bodies, read chunk bytes at a time (so records cross the
// end of the read buffer anywhere): the same records, or the same kind of
// error. Bodies with a repeated top-level list key are the one known
// difference (the slice form keeps the last list, the stream has already
// delivered the first) and are skipped.
func FuzzStreamMatchesSlice(f *testing.F) {
	for _, b := range streamQuirkBodies {
		f.Add([]byte(b), uint16(0))
		f.Add([]byte(b), uint16(3))
	}
	f.Add(benchDIDsBody(3), uint16(0))
	f.Add(benchDIDsBody(3), uint16(100))
	f.Fuzz(func(t *testing.T, body []byte, chunk uint16) {
		if strings.Count(string(body), `"dids"`) > 1 || strings.Contains(string(body), `\u0064`) || strings.Contains(string(body), `\u0073`) {
			t.Skip()
		}
		var resp getDIDsInfoResponse
		serr := decode("getDIDsInfo", 200, body, &resp)
		got, gerr := streamDIDs(body, int(chunk))
		if errKind(body, serr) != errKind(body, gerr) {
			t.Fatalf("slice err %v, stream err %v on %q (chunk %d)", serr, gerr, body, chunk)
		}
		if serr == nil && !(len(got) == 0 && len(resp.Items) == 0) && !reflect.DeepEqual(got, resp.Items) {
			t.Fatalf("stream %+v, slice %+v on %q (chunk %d)", got, resp.Items, body, chunk)
		}
	})
}
