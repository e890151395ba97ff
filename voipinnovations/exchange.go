package voipinnovations

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
)

// verdict is what judge concludes about one answer.
type verdict int

const (
	final     verdict = iota // the answer is the result (or a definite error)
	transient                // unusable: a read may be sent again, a write's outcome is unknown
)

type exResult struct {
	err            error
	attempts       int
	status         int
	outcomeUnknown bool
}

// exchanger runs one call's HTTP attempts. It is the seam to the module's
// shared transport (internal/transport).
type exchanger interface {
	do(ctx context.Context, op *opInfo, req *http.Request, read func(status int, body []byte) (verdict, error)) exResult
}

var errRedirect = errors.New("redirect refused")

func newHTTPClient(cfg config) *http.Client {
	var hc http.Client
	if cfg.httpClient != nil {
		hc = *cfg.httpClient
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32
		hc.Transport = t
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return errRedirect }
	if hc.Timeout == 0 || cfg.timeout != defaultTimeout {
		hc.Timeout = cfg.timeout
	}
	return &hc
}

// singleShot makes one attempt per call (a stand-in until the shared
// transport is wired in).
type singleShot struct {
	hc      *http.Client
	maxBody int64
}

func newExchanger(cfg config) exchanger {
	return &singleShot{hc: newHTTPClient(cfg), maxBody: cfg.maxBody}
}

func (s *singleShot) do(ctx context.Context, op *opInfo, req *http.Request, read func(int, []byte) (verdict, error)) exResult {
	if op.class == classWrite {
		req.GetBody = nil
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		var oe *net.OpError
		sent := !(errors.As(err, &oe) && oe.Op == "dial")
		return exResult{err: &TransportError{Op: op.name, Err: err}, attempts: 1, outcomeUnknown: sent && op.class == classWrite}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, s.maxBody))
	if err != nil {
		return exResult{err: &TransportError{Op: op.name, Err: err}, attempts: 1, status: resp.StatusCode, outcomeUnknown: op.class == classWrite}
	}
	v, rerr := read(resp.StatusCode, body)
	return exResult{err: rerr, attempts: 1, status: resp.StatusCode, outcomeUnknown: rerr != nil && v == transient && op.class == classWrite}
}
