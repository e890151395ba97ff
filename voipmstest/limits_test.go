package voipmstest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

func heapAfterGC() uint64 {
	var m runtime.MemStats
	for range 2 {
		runtime.GC()
	}
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryBoundedByUnknownMethods: 5,000 requests naming distinct 10 KB
// methods (with and without credentials) leave no per-name state behind.
// Before the fix they kept about 50 MB after GC.
func TestMemoryBoundedByUnknownMethods(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	do := func(i int) {
		name := fmt.Sprintf("%05d", i) + strings.Repeat("m", 10<<10)
		v := url.Values{"method": {name}}
		if i%2 == 0 {
			v.Set("api_username", s.Username())
			v.Set("api_password", s.Password())
		}
		resp, err := c.PostForm(s.URL(), v)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if i%2 == 0 && !bytes.Contains(b, []byte("invalid_method")) {
			t.Fatalf("unknown method answered %s", b)
		}
	}
	for i := range 200 { // warm up pools and connections
		do(i)
	}
	before := heapAfterGC()
	const n = 5000
	for i := range n {
		do(1000 + i)
	}
	after := heapAfterGC()
	if grown := int64(after) - int64(before); grown > 5<<20 {
		t.Errorf("heap grew by %.1f MB after %d distinct 10 KB method names (want < 5 MB)", float64(grown)/(1<<20), n)
	}
	if got := s.Calls("anything-unknown"); got != n+200 {
		t.Errorf("Calls of an unknown name = %d, want %d (all unknown names counted together)", got, n+200)
	}
}

// TestSlowBodiesAreDisconnected: 300 connections that send headers and part
// of a body, then stall, are closed by the read timeout.
func TestSlowBodiesAreDisconnected(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithReadTimeout(300 * time.Millisecond))
	defer s.Close()
	u, _ := url.Parse(s.URL())
	const conns = 300
	var wg sync.WaitGroup
	closed := make(chan bool, conns)
	for range conns {
		conn, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nmethod=getIP&", u.Path, u.Host)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			_, err := io.Copy(io.Discard, conn) // returns when the server closes
			var ne net.Error
			closed <- !(err != nil && errors.As(err, &ne) && ne.Timeout())
		}()
	}
	wg.Wait()
	close(closed)
	held := 0
	for ok := range closed {
		if !ok {
			held++
		}
	}
	if held > 0 {
		t.Errorf("%d of %d stalled connections were still open after 10s", held, conns)
	}
}

// TestOversizedBodies: a form body over the cap and a multipart part over the
// cap answer a clear request_too_large error (not missing_method).
func TestOversizedBodies(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	check := func(name string, resp *http.Response, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defer resp.Body.Close()
		var m map[string]string
		b, _ := io.ReadAll(resp.Body)
		if json.Unmarshal(b, &m) != nil || m["status"] != "request_too_large" || !strings.Contains(m["message"], "MiB limit") {
			t.Errorf("%s: HTTP %d %s, want request_too_large with the limit", name, resp.StatusCode, b)
		}
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: HTTP %d, want 413", name, resp.StatusCode)
		}
	}
	form := "api_username=" + url.QueryEscape(s.Username()) + "&api_password=" + url.QueryEscape(s.Password()) +
		"&note=" + strings.Repeat("x", 11<<20) + "&method=getIP"
	resp, err := http.Post(s.URL(), "application/x-www-form-urlencoded", strings.NewReader(form))
	check("11 MiB form", resp, err)

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("method", "getIP")
	fw, _ := mw.CreateFormFile("file", "big.pdf")
	_, _ = fw.Write(bytes.Repeat([]byte{'%'}, 17<<20))
	_ = mw.Close()
	resp, err = http.Post(s.URL(), mw.FormDataContentType(), &buf)
	check("17 MiB file part", resp, err)

	resp, err = http.Post(s.URL(), "application/x-www-form-urlencoded", io.LimitReader(zeros{}, 40<<20))
	check("40 MiB body of unknown length", resp, err)

	// A multipart request within the limits works, file parts included.
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	for k, v := range map[string]string{"method": "getIP", "api_username": s.Username(), "api_password": s.Password()} {
		_ = mw.WriteField(k, v)
	}
	fw, _ = mw.CreateFormFile("file", "small.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4"))
	_ = mw.Close()
	resp, err = http.Post(s.URL(), mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(b, []byte(`"status":"success"`)) {
		t.Errorf("small multipart getIP = %s", b)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// TestOtherPathsAnswerJSON: the listening server answers paths other than the
// API with a JSON error.
func TestOtherPathsAnswerJSON(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	base := strings.TrimSuffix(s.URL(), voipmstest.APIPath)
	for _, p := range []string{"/", "/api/v1/server.php", "/favicon.ico", "/api/v1/rest.php/extra"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var m map[string]string
		if resp.StatusCode != http.StatusNotFound || json.Unmarshal(b, &m) != nil || m["status"] != "not_found" ||
			!strings.Contains(m["message"], voipmstest.APIPath) {
			t.Errorf("GET %s: HTTP %d %s", p, resp.StatusCode, b)
		}
	}
}

// TestReadMethodsDoNotWrite runs every method of class read concurrently
// (they share the state lock) next to writes; the race detector fails it if
// a read method changes the state.
func TestReadMethodsDoNotWrite(t *testing.T) {
	s := newBillingServer(t)
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did)...)
	var methods []string
	for _, m := range voipmstest.Methods() {
		if voipmstest.ReadOnly(m) {
			methods = append(methods, m)
		}
	}
	if len(methods) < 50 {
		t.Fatalf("only %d read methods", len(methods))
	}
	args := []string{"did", did, "client", "561115", "date_from", "2026-11-01", "date_to", "2026-11-20", "timezone", "0",
		"answered", "1", "state", "FL", "province", "QC", "type", "starts", "query", "3", "country_id", "224"}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, m := range methods {
				if (i+w)%2 == 0 {
					post(t, s, m, args...)
				} else {
					post(t, s, m)
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 20 {
			post(t, s, "setDIDInfo", "did", did, "routing", "account:100001_VoIP", "pop", "3", "dialtime", "60",
				"cnam", "1", "billing_type", "1", "note", fmt.Sprint(i))
		}
	}()
	wg.Wait()
}

// TestIdleConnectionsAreClosed: a keep-alive connection left idle is closed
// by the idle timeout.
func TestIdleConnectionsAreClosed(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithIdleTimeout(200 * time.Millisecond))
	defer s.Close()
	u, _ := url.Parse(s.URL())
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := url.Values{"method": {"getIP"}, "api_username": {s.Username()}, "api_password": {s.Password()}}.Encode()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		u.Path, u.Host, len(body), body)
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	b, err := io.ReadAll(conn) // the answer, then EOF when the idle timeout closes the connection
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("idle keep-alive connection still open after 10s (read %q)", b)
	}
	if !bytes.Contains(b, []byte(`"status":"success"`)) {
		t.Errorf("answer %q", b)
	}
}
