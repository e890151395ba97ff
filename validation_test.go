package voipms

import (
	"context"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// TestValidationBeforeIOHandWritten pins, with values typed by hand from the
// docs, the checks issue 11 §6 asks for: each call fails with a
// *ValidationError naming the wire field and the Go parameter, and nothing
// reaches the transport.
func TestValidationBeforeIOHandWritten(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, field, param string
		call               func(c *Client) error
	}{
		{"zero charge", "charge", "Charge", func(c *Client) error {
			_, err := c.Clients.AddCharge(ctx, &ClientAddChargeParams{Client: 561115, Charge: decimal.Zero})
			return err
		}},
		{"negative charge", "charge", "Charge", func(c *Client) error {
			_, err := c.Clients.AddCharge(ctx, &ClientAddChargeParams{Client: 561115, Charge: decimal.RequireFromString("-4.99")})
			return err
		}},
		{"zero payment", "payment", "Payment", func(c *Client) error {
			_, err := c.Clients.AddPayment(ctx, &ClientAddPaymentParams{Client: 561115, Payment: decimal.Zero})
			return err
		}},
		{"RouteForwarding(0) in an order", "routing", "Routing", func(c *Client) error {
			_, err := c.DIDs.Order(ctx, &DIDOrderParams{DID: "5551234567", BillingType: DIDBillingTypeFlat,
				DIDSettings: DIDSettings{Routing: RouteForwarding(0), POP: 3, DialTime: 60}})
			return err
		}},
		{"RouteQueue(0) as a failover", "failover_busy", "FailoverBusy", func(c *Client) error {
			return c.DIDs.SetInfo(ctx, &DIDSetInfoParams{DID: "5551234567", BillingType: DIDBillingTypeFlat,
				DIDSettings: DIDSettings{Routing: RouteNone(), FailoverBusy: Ptr(RouteQueue(0)), POP: 3, DialTime: 60}})
		}},
		{"RouteForwarding(0) positional", "routing", "routing", func(c *Client) error {
			return c.DIDs.SetRouting(ctx, "5551234567", RouteForwarding(0))
		}},
		{"forwarding number with letters", "phone_number", "PhoneNumber", func(c *Client) error {
			_, err := c.Forwardings.Set(ctx, &ForwardingSetParams{PhoneNumber: "514-CALL-NOW"})
			return err
		}},
		{"forwarding number too long", "phone_number", "PhoneNumber", func(c *Client) error {
			_, err := c.Forwardings.Set(ctx, &ForwardingSetParams{PhoneNumber: "+1234567890123456"})
			return err
		}},
		{"forwarding pause above 10 s", "pause", "Pause", func(c *Client) error {
			_, err := c.Forwardings.Set(ctx, &ForwardingSetParams{PhoneNumber: "5145550123", Pause: Ptr(decimal.RequireFromString("10.5"))})
			return err
		}},
		{"queue maximum_callers above 60", "maximum_callers", "MaximumCallers", func(c *Client) error {
			_, err := c.Queues.Set(ctx, queueParams(func(p *QueueSetParams) { p.MaximumCallers = Ptr("61") }))
			return err
		}},
		{"queue maximum_wait_time not a multiple of 30", "maximum_wait_time", "MaximumWaitTime", func(c *Client) error {
			_, err := c.Queues.Set(ctx, queueParams(func(p *QueueSetParams) { p.MaximumWaitTime = Ptr("45") }))
			return err
		}},
		{"queue maximum_wait_time above 1200", "maximum_wait_time", "MaximumWaitTime", func(c *Client) error {
			_, err := c.Queues.Set(ctx, queueParams(func(p *QueueSetParams) { p.MaximumWaitTime = Ptr("1230") }))
			return err
		}},
		{"call parking with 11 BLF lamps", "blf_lamps", "BLFLamps", func(c *Client) error {
			_, err := c.CallParkings.Set(ctx, &CallParkingSetParams{Name: "Lot", Timeout: 60, Music: "default",
				Failover: "none", Language: "en", Destination: "none", Delay: 10, BLFLamps: 11})
			return err
		}},
		{"threshold above 250", "threshold", "Threshold", func(c *Client) error {
			return c.Clients.SetThreshold(ctx, &ClientSetThresholdParams{Client: 561115, Threshold: 251})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mock, _ := newGenClient(t, `{"status":"success"}`)
			err := tc.call(c)
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidParameter) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if ve.Field != tc.field || ve.Param != tc.param {
				t.Errorf("ValidationError{Field: %q, Param: %q}, want {%q, %q} (%v)", ve.Field, ve.Param, tc.field, tc.param, err)
			}
			if n := mock.GetTotalCallCount(); n != 0 {
				t.Errorf("%d requests reached the transport, want 0", n)
			}
		})
	}
	// the boundary values themselves pass
	c, mock, _ := newGenClient(t, `{"status":"success","queue":"1"}`)
	if _, err := c.Queues.Set(ctx, queueParams(func(p *QueueSetParams) {
		p.MaximumCallers, p.MaximumWaitTime = Ptr("60"), Ptr("1200")
	})); err != nil {
		t.Errorf("maximum_callers 60, maximum_wait_time 1200: %v", err)
	}
	if _, err := c.Queues.Set(ctx, queueParams(func(p *QueueSetParams) {
		p.MaximumCallers, p.MaximumWaitTime = Ptr("unlimited"), Ptr("unlimited")
	})); err != nil {
		t.Errorf("unlimited: %v", err)
	}
	if _, err := c.Forwardings.Set(ctx, &ForwardingSetParams{PhoneNumber: "+442079460000", Pause: Ptr(decimal.NewFromInt(10))}); err != nil {
		t.Errorf("international number, pause 10: %v", err)
	}
	if n := mock.GetTotalCallCount(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

// queueParams is a valid setQueue record changed by edit.
func queueParams(edit func(*QueueSetParams)) *QueueSetParams {
	p := &QueueSetParams{QueueName: "Support", QueueNumber: "8001", QueueLanguage: "en", PriorityWeight: 1,
		ReportHoldTimeAgent: YesNo(false), JoinWhenEmpty: QueueEmptyBehaviorYes, LeaveWhenEmpty: QueueEmptyBehaviorNo,
		RingStrategy: RingStrategyRingAll, RingInUse: YesNo(false)}
	edit(p)
	return p
}
