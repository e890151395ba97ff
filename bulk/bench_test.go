package bulk_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/bulk"
	"github.com/didkit/voipms/voipmstest"
	"golang.org/x/time/rate"
)

// stamping wraps a Backend and records when each Do started.
type stamping struct {
	bulk.Backend
	mu    sync.Mutex
	times []time.Time
}

func (s *stamping) Do(ctx context.Context, op bulk.Op) error {
	s.mu.Lock()
	s.times = append(s.times, time.Now())
	s.mu.Unlock()
	return s.Backend.Do(ctx, op)
}

// stampLimiter is a token bucket that records the slot it gives each
// request (the time the reservation allows it to go), free of the
// scheduling jitter of the goroutine that then wakes up.
type stampLimiter struct {
	l     *rate.Limiter
	mu    sync.Mutex
	times []time.Time
}

func (s *stampLimiter) Wait(ctx context.Context) error {
	now := time.Now()
	res := s.l.ReserveN(now, 1)
	d := res.DelayFrom(now)
	s.mu.Lock()
	s.times = append(s.times, now.Add(d))
	s.mu.Unlock()
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		res.Cancel()
		return ctx.Err()
	}
}

// maxInWindow is the most starts within any window of length w.
func maxInWindow(ts []time.Time, w time.Duration) int {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	best, lo := 0, 0
	for hi := range ts {
		for ts[hi].Sub(ts[lo]) >= w {
			lo++
		}
		if n := hi - lo + 1; n > best {
			best = n
		}
	}
	return best
}

// BenchmarkBulkOrderRateLimit: a bulk order of 150 numbers against the
// simulator (5 ms latency per call, 8 workers) under a 100/s limit. It
// reports achieved/limit (the rate at which orders reached the backend over
// the run; ≥ 0.95 means the limit is saturated) and window/limit (the most
// requests the limiter let through in any 1 s window, over limit+burst:
// ≤ 1 means never over).
func BenchmarkBulkOrderRateLimit(b *testing.B) {
	const limit, n = 100.0, 150
	var achieved, window float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		sim := voipmstest.NewServer(voipmstest.WithInventoryScale(2), voipmstest.WithAccountBalance("100000"),
			voipmstest.WithLatency(5*time.Millisecond))
		dids := stock(b, sim, n)
		c, _ := sim.Client()
		st := &stamping{Backend: bulk.NewVoIPms(c, orderTemplate())}
		lim := &stampLimiter{l: rate.NewLimiter(limit, 1)}
		r, _ := bulk.New(st, &bulk.MemJournal{}, bulk.Options{Concurrency: 8, Limiter: lim})
		b.StartTimer()
		rep, err := r.Run(context.Background(), orderPlan(dids))
		b.StopTimer()
		if err != nil || rep.OK != n {
			b.Fatalf("%v %+v", err, rep)
		}
		ts := st.times
		sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
		// n starts span n-1 intervals of 1/limit at best.
		span := ts[len(ts)-1].Sub(ts[0]).Seconds()
		achieved += float64(n-1) / span / limit
		window += float64(maxInWindow(lim.times, time.Second)) / (limit + 1)
		sim.Close()
	}
	b.ReportMetric(achieved/float64(b.N), "achieved/limit")
	b.ReportMetric(window/float64(b.N), "window/limit")
}
