package voipms_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// Receiving messages: set a DID's SMS URL callback to an InboundHandler,
// survive a failing callback (VoIP.ms delivers again 30 minutes later) and
// ignore a duplicate delivery. The simulator plays VoIP.ms on a clock the
// example moves by hand.
func ExampleInboundHandler() {
	var mu sync.Mutex
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv := voipmstest.NewServer(voipmstest.WithSeed(42), voipmstest.WithClock(clock))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	did := buyOne(ctx, c)

	// Your side: a secret token and a handler that stores each message.
	token, err := voipms.NewInboundToken()
	if err != nil {
		log.Fatal(err)
	}
	var down atomic.Bool
	down.Store(true)
	h, err := voipms.NewInboundHandler(token, func(ctx context.Context, m voipms.InboundMessage) error {
		if down.Load() {
			fmt.Printf("callback: #%d, database down\n", m.ID)
			return errors.New("database down")
		}
		fmt.Printf("callback: stored #%d from %s: %q\n", m.ID, m.From, m.Text)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	hook := httptest.NewServer(h) // in production: your public HTTPS server
	defer hook.Close()

	// Point the DID's SMS URL callback at it, with retry on.
	callback, err := voipms.InboundURL(hook.URL+"/voipms/sms", token)
	if err != nil {
		log.Fatal(err)
	}
	err = c.SMS.UpdateSettings(ctx, did, func(p *voipms.SMSSetSettingsParams) error {
		p.URLCallbackEnable, p.URLCallback, p.URLCallbackRetry = voipms.Ptr(true), &callback, voipms.Ptr(true)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}

	// A message arrives while the database is down: no "ok", so VoIP.ms
	// keeps the message.
	if _, err := srv.Receive(did, "5145550123", "Is 3pm OK?"); err != nil {
		log.Fatal(err)
	}
	d := srv.Deliveries()[0]
	fmt.Println("acknowledged:", d.Acked, "next attempt in", d.NextAttempt.Sub(clock()))

	// 30 minutes later VoIP.ms delivers it again.
	down.Store(false)
	mu.Lock()
	now = now.Add(30 * time.Minute)
	mu.Unlock()
	srv.Redeliver()
	d = srv.Deliveries()[0]
	fmt.Println("acknowledged:", d.Acked, "after", d.Attempts, "attempts")

	// The same delivery once more (a resend whose "ok" was lost): answered
	// "ok", not stored twice.
	resp, err := http.Get(d.Message.CallbackURL(callback))
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("duplicate answered %q\n", body)
	// Output:
	// callback: #100001, database down
	// acknowledged: false next attempt in 30m0s
	// callback: stored #100001 from 5145550123: "Is 3pm OK?"
	// acknowledged: true after 2 attempts
	// duplicate answered "ok"
}
