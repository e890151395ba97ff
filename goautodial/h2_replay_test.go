package goautodial_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/internal/h2reset"
)

// TestHTTP2WritesNotReplayed: a server (or proxy) that executes a request
// and then answers its stream with PROTOCOL_ERROR, REFUSED_STREAM or GOAWAY
// must not make net/http send a write again. Writes execute once and
// return ErrOutcomeUnknown; reads are retried and succeed.
func TestHTTP2WritesNotReplayed(t *testing.T) {
	writes := map[string]func(context.Context, *goautodial.Client) error{
		"goAddDID": func(ctx context.Context, c *goautodial.Client) error {
			return c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3125550100", Description: "d", UserGroup: "ADMIN"})
		},
		"goEditDID": func(ctx context.Context, c *goautodial.Client) error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 3, Route: goautodial.CallMenu("MAINMENU")})
		},
		"goDeleteDID": func(ctx context.Context, c *goautodial.Client) error { return c.DIDs.Delete(ctx, 3) },
	}
	for _, fault := range h2reset.Faults {
		t.Run(fault, func(t *testing.T) {
			s, srv := h2reset.New(t, fault, h2reset.FormField("goAction"), func(string) []byte { return []byte(`{"result":"success"}`) })
			c, err := goautodial.New(srv.URL+"/goAPIv2", "apiuser", "h2-pass-hash-0123456789abcdef", goautodial.WithHTTPClient(srv.Client()),
				goautodial.WithRetry(3, time.Millisecond, 2*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseIdleConnections()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			for action, write := range writes {
				err := write(ctx, c)
				if !errors.Is(err, goautodial.ErrOutcomeUnknown) {
					t.Errorf("%s after %s: err = %v, want ErrOutcomeUnknown", action, fault, err)
				}
				if n := s.Count(action); n != 1 {
					t.Errorf("%s after %s: executed %d times, want exactly 1", action, fault, n)
				}
			}
			if ex, err := c.DIDs.Exists(ctx, "3125550100"); err != nil || ex {
				t.Errorf("goCheckDID after %s: %v %v, want success after a retry", fault, ex, err)
			}
			if n := s.Count("goCheckDID"); n != 2 {
				t.Errorf("goCheckDID after %s: executed %d times, want 2", fault, n)
			}
		})
	}
}
