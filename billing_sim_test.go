package voipms_test

import (
	"github.com/shopspring/decimal"

	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// The billing conformance test drives the reseller client, charge, payment,
// balance and CDR methods through the simulator with the typed SDK: a
// subtest per wire method, a happy path with decoded values and an error
// path (an API error matched with errors.Is, or a *ValidationError raised
// before any request), and a check that the wire method reached the server.

var billingNow = time.Date(2026, time.November, 20, 15, 4, 5, 0, time.UTC)

func newBillingSim(t *testing.T, opts ...voipms.Option) (*voipmstest.Server, *voipms.Client) {
	t.Helper()
	srv := voipmstest.NewServer(voipmstest.WithSeed(11), voipmstest.WithClock(func() time.Time { return billingNow }))
	t.Cleanup(srv.Close)
	c, err := srv.Client(append([]voipms.Option{voipms.WithRetry(3, time.Millisecond, 5*time.Millisecond)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func allStatuses() (a, n, b, f *bool) {
	return voipms.Ptr(true), voipms.Ptr(true), voipms.Ptr(true), voipms.Ptr(true)
}

func TestBillingConformance(t *testing.T) {
	ctx := context.Background()
	const acme = int64(561115)
	signup := func() *voipms.ClientSignupParams {
		return &voipms.ClientSignupParams{Firstname: "Wanda", Lastname: "Wu", Address: "1 Main St", City: "Montreal",
			State: "QC", Country: "CA", Zip: "H2X1Y4", PhoneNumber: "5145550142", Email: "wanda@wu.example",
			ConfirmEmail: "wanda@wu.example", Password: "Sup3r-Secret", ConfirmPassword: "Sup3r-Secret",
			Company: voipms.Ptr("Wu Widgets")}
	}
	cdrParams := func(from, to time.Time) *voipms.CDRListParams {
		a, n, b, f := allStatuses()
		return &voipms.CDRListParams{DateFrom: from, DateTo: to, Answered: a, NoAnswer: n, Busy: b, Failed: f}
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

	cases := map[string]func(t *testing.T, srv *voipmstest.Server, c *voipms.Client){
		"getClients": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			all, err := c.Clients.List(ctx, nil)
			if err != nil || len(all) != 2 || all[0].ID != 561115 || all[0].Company != "Acme" {
				t.Fatalf("List = %+v, %v", all, err)
			}
			none, err := c.Clients.List(ctx, &voipms.ClientListParams{Client: voipms.Ptr("nobody@example.com")})
			if err != nil || none == nil || len(none) != 0 {
				t.Errorf("List of an unknown client = %v, %v; want an empty slice (no_client)", none, err)
			}
		},
		"signupClient": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			id, err := c.Clients.Signup(ctx, signup())
			if err != nil || id != 561117 {
				t.Fatalf("Signup = %d, %v", id, err)
			}
			got, err := c.Clients.List(ctx, &voipms.ClientListParams{Client: voipms.Ptr("561117")})
			if err != nil || len(got) != 1 || got[0].Email != "wanda@wu.example" || got[0].PhoneNumber != "5145550142" {
				t.Errorf("new client = %+v, %v", got, err)
			}
			_, err = c.Clients.Signup(ctx, signup()) // the e-mail is now taken
			var apiErr *voipms.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != "invalid_email" || !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("second signup: %v", err)
			}
			p := signup()
			p.Email, p.ConfirmEmail = "other@wu.example", "other@wu.example"
			p.Password, p.ConfirmPassword = "short1A", "short1A"
			if _, err := c.Clients.Signup(ctx, p); !errors.As(err, &apiErr) || apiErr.Status != "invalid_password_lessthan_8characters_long" {
				t.Errorf("weak password: %v", err)
			}
		},
		"setClient": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			p := &voipms.ClientSetParams{Client: acme, Email: "billing@acme.example", Password: "N3w-Portal",
				Firstname: "Alice", Lastname: "Ames-Brown", PhoneNumber: "3055550100"}
			if err := c.Clients.Set(ctx, p); err != nil {
				t.Fatal(err)
			}
			got, _ := c.Clients.List(ctx, &voipms.ClientListParams{Client: voipms.Ptr("561115")})
			if len(got) != 1 || got[0].Lastname != "Ames-Brown" || got[0].Company != "" {
				t.Errorf("after Set (company omitted, so cleared) = %+v", got)
			}
			p.Client = 999
			if err := c.Clients.Set(ctx, p); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("Set of an unknown client: %v", err)
			}
		},
		"addCharge": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			r, err := c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Client: acme, Charge: decimal.RequireFromString("4.99"), DryRun: true})
			if err != nil || !r.DryRun {
				t.Fatalf("dry run = %+v, %v", r, err)
			}
			if bal, _ := srv.ClientBalance("561115"); bal != "25.00" || srv.Executed().Charges != 0 {
				t.Fatalf("dry run moved money: %s, %+v", bal, srv.Executed())
			}
			r, err = c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Client: acme, Charge: decimal.RequireFromString("4.99"),
				Description: voipms.Ptr("DID monthly")})
			if err != nil || r.DryRun {
				t.Fatalf("AddCharge = %+v, %v", r, err)
			}
			if bal, _ := srv.ClientBalance("561115"); bal != "20.01" || srv.Executed().Charges != 1 {
				t.Errorf("after a 4.99 charge: balance %s, %+v", bal, srv.Executed())
			}
			_, err = c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Client: 42, Charge: decimal.RequireFromString("1")})
			var apiErr *voipms.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != "invalid_client" {
				t.Errorf("charge to an unknown client: %v", err)
			}
			before := srv.Calls("addCharge")
			_, err = c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Charge: decimal.RequireFromString("1")})
			var ve *voipms.ValidationError
			if !errors.As(err, &ve) || srv.Calls("addCharge") != before {
				t.Errorf("charge without a client: %v (calls %d → %d)", err, before, srv.Calls("addCharge"))
			}
		},
		"addPayment": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			if _, err := c.Clients.AddPayment(ctx, &voipms.ClientAddPaymentParams{Client: acme, Payment: decimal.RequireFromString("10.50")}); err != nil {
				t.Fatal(err)
			}
			if bal, _ := srv.ClientBalance("561115"); bal != "35.50" || srv.Executed().Payments != 1 {
				t.Errorf("after a 10.50 payment: %s, %+v", bal, srv.Executed())
			}
			// a zero payment is refused before any I/O (issue 11 §6)
			_, err := c.Clients.AddPayment(ctx, &voipms.ClientAddPaymentParams{Client: acme, Payment: decimal.RequireFromString("0")})
			var ve *voipms.ValidationError
			if !errors.As(err, &ve) || ve.Field != "payment" || ve.Param != "Payment" || srv.Executed().Payments != 1 {
				t.Errorf("zero payment: %v (payments executed: %d), want a *ValidationError for payment and nothing sent", err, srv.Executed().Payments)
			}
		},
		"getCharges": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			empty, err := c.Clients.ListCharges(ctx, acme)
			if err != nil || empty == nil || len(empty) != 0 {
				t.Fatalf("Charges before any = %v, %v", empty, err)
			}
			for _, amt := range []string{"1.25", "0.005"} {
				if _, err := c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Client: acme, Charge: decimal.RequireFromString(amt)}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := c.Clients.ListCharges(ctx, acme)
			if err != nil || len(got) != 2 || !got[0].Amount.Equal(decimal.RequireFromString("0.005")) ||
				!got[1].Amount.Equal(decimal.RequireFromString("1.25")) || !got[1].Date.Equal(day(11, 20)) {
				t.Errorf("Charges = %+v, %v", got, err)
			}
			if _, err := c.Clients.ListCharges(ctx, 7); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("Charges of an unknown client: %v", err)
			}
		},
		"getDeposits": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.Clients.ListDeposits(ctx, acme)
			if err != nil || len(got) != 1 || !got[0].Amount.Equal(decimal.RequireFromString("25")) {
				t.Fatalf("Deposits = %+v, %v", got, err)
			}
			if _, err := c.Clients.ListDeposits(ctx, 0); !errors.As(err, new(*voipms.ValidationError)) {
				t.Errorf("Deposits(0): %v", err)
			}
		},
		"getResellerBalance": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			if _, err := c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Client: acme, Charge: decimal.RequireFromString("5")}); err != nil {
				t.Fatal(err)
			}
			b, err := c.Clients.GetBalance(ctx, acme)
			if err != nil || !b.Current.Equal(decimal.RequireFromString("20")) || b.CallsTotal == 0 {
				t.Fatalf("Balance = %+v, %v", b, err)
			}
			if _, err := c.Clients.GetBalance(ctx, 5); !errors.Is(err, voipms.ErrNotFound) {
				t.Errorf("Balance of an unknown client: %v", err)
			}
		},
		"getClientThreshold": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			th, err := c.Clients.GetThreshold(ctx, acme)
			if err != nil || !th.Threshold.Equal(decimal.RequireFromString("10")) || th.Email != "billing@acme.example" {
				t.Fatalf("Threshold = %+v, %v", th, err)
			}
			if _, err := c.Clients.GetThreshold(ctx, 5); !errors.Is(err, voipms.ErrNotFound) {
				t.Errorf("Threshold of an unknown client: %v", err)
			}
		},
		"setClientThreshold": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			if err := c.Clients.SetThreshold(ctx, &voipms.ClientSetThresholdParams{Client: acme, Threshold: 40}); err != nil {
				t.Fatal(err)
			}
			if th, _ := c.Clients.GetThreshold(ctx, acme); th == nil || !th.Threshold.Equal(decimal.RequireFromString("40")) {
				t.Errorf("after SetThreshold: %+v", th)
			}
			before := srv.Calls("setClientThreshold")
			err := c.Clients.SetThreshold(ctx, &voipms.ClientSetThresholdParams{Client: acme, Threshold: 251})
			if !errors.As(err, new(*voipms.ValidationError)) || srv.Calls("setClientThreshold") != before {
				t.Errorf("threshold 251: %v", err)
			}
		},
		"getClientPackages": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.Clients.ListClientPackages(ctx, acme)
			if err != nil || len(got) != 2 || got[0].Value != "92364" {
				t.Fatalf("PackagesFor = %+v, %v", got, err)
			}
			if _, err := c.Clients.ListClientPackages(ctx, 9); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("PackagesFor an unknown client: %v", err)
			}
		},
		"getPackages": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			all, err := c.Clients.ListPackages(ctx, nil)
			if err != nil || len(all) != 2 {
				t.Fatalf("Packages = %+v, %v", all, err)
			}
			p, err := c.Clients.GetPackage(ctx, 92365)
			if err != nil || p.Name != "Premium" || p.FreeMinutes != 500 || !p.MonthlyFee.Equal(decimal.RequireFromString("9.95")) {
				t.Errorf("Package(92365) = %+v, %v", p, err)
			}
			if _, err := c.Clients.GetPackage(ctx, 1); !errors.Is(err, voipms.ErrNotFound) {
				t.Errorf("Package(1): %v", err)
			}
		},
		"getBalanceManagement": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.Clients.ListBalanceManagementOptions(ctx)
			if err != nil || len(got) != 2 || got[0].Value != "1" {
				t.Fatalf("BalanceManagementOptions = %+v, %v", got, err)
			}
			srv.InjectFault("getBalanceManagement", voipmstest.Fault{Kind: voipmstest.FaultNoStatus}) // every call
			if _, err := c.Clients.ListBalanceManagementOptions(ctx); !errors.Is(err, voipms.ErrBadResponse) {
				t.Errorf("a body without status: %v", err)
			}
		},
		"getBalance": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			b, err := c.General.GetBalance(ctx, false)
			if err != nil || !b.Current.Equal(decimal.RequireFromString("100")) || b.CallsTotal != 0 {
				t.Fatalf("Balance = %+v, %v", b, err)
			}
			b, err = c.General.GetBalance(ctx, true)
			if err != nil || b.CallsTotal == 0 || b.TimeTotal == "" {
				t.Errorf("Balance(advanced) = %+v, %v", b, err)
			}
			bad, err := voipms.New(srv.Username(), "wrong", voipms.WithBaseURL(srv.URL()))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := bad.General.GetBalance(ctx, false); !errors.Is(err, voipms.ErrAuth) {
				t.Errorf("wrong password: %v", err)
			}
		},
		"getTransactionHistory": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.General.ListTransactions(ctx, day(1, 1), day(11, 20))
			if err != nil || len(got) != 1 || !got[0].Amount.Equal(decimal.RequireFromString("100")) {
				t.Fatalf("TransactionHistory = %+v, %v", got, err)
			}
			none, err := c.General.ListTransactions(ctx, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC))
			if err != nil || none == nil || len(none) != 0 {
				t.Errorf("empty range = %v, %v; want an empty slice (no_transactions)", none, err)
			}
			if _, err := c.General.ListTransactions(ctx, day(11, 20), day(11, 1)); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("reversed range: %v", err)
			}
		},
		"getCDR": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.CDR.List(ctx, cdrParams(day(9, 1), day(11, 20)))
			if err != nil || len(got) == 0 {
				t.Fatalf("List = %d rows, %v", len(got), err)
			}
			for _, r := range got {
				if r.Date.Before(day(9, 1)) || r.Date.After(billingNow) {
					t.Errorf("record outside the range: %+v", r)
				}
			}
			p := cdrParams(day(9, 1), day(11, 20))
			p.NoAnswer, p.Busy, p.Failed = nil, nil, nil
			answered, err := c.CDR.List(ctx, p)
			if err != nil || len(answered) == 0 || len(answered) >= len(got) {
				t.Errorf("answered only: %d of %d, %v", len(answered), len(got), err)
			}
			for _, r := range answered {
				if r.Disposition != "ANSWERED" {
					t.Errorf("answered filter let through %q", r.Disposition)
				}
			}
			if _, err := c.CDR.List(ctx, cdrParams(day(8, 20), day(11, 20))); err != nil { // exactly 92 days
				t.Errorf("92 days: %v", err)
			}
			before := srv.Calls("getCDR")
			if _, err := c.CDR.List(ctx, cdrParams(day(8, 19), day(11, 20))); !errors.As(err, new(*voipms.ValidationError)) {
				t.Errorf("93 days: %v", err)
			}
			p = cdrParams(day(9, 1), day(11, 20))
			p.Answered, p.NoAnswer, p.Busy, p.Failed = nil, nil, nil, nil
			if _, err := c.CDR.List(ctx, p); !errors.As(err, new(*voipms.ValidationError)) {
				t.Errorf("no call status: %v", err)
			}
			if srv.Calls("getCDR") != before {
				t.Errorf("invalid queries reached the server")
			}
			none, err := c.CDR.List(ctx, cdrParams(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)))
			if err != nil || none == nil || len(none) != 0 {
				t.Errorf("empty range = %v, %v; want an empty slice (no_cdr)", none, err)
			}
			p = cdrParams(day(9, 1), day(11, 20))
			p.Account = voipms.Ptr("100001_Nobody")
			if _, err := c.CDR.List(ctx, p); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("unknown account: %v", err)
			}
		},
		"getResellerCDR": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			a, n, b, f := allStatuses()
			p := &voipms.CDRListResellerParams{DateFrom: day(9, 1), DateTo: day(11, 20), Client: acme,
				Answered: a, NoAnswer: n, Busy: b, Failed: f, Timezone: decimal.RequireFromString("-5")}
			got, err := c.CDR.ListReseller(ctx, p)
			if err != nil || len(got) == 0 {
				t.Fatalf("ListReseller = %d rows, %v", len(got), err)
			}
			for _, r := range got {
				if r.Account != "100001_Acme" {
					t.Errorf("another account's call: %+v", r)
				}
			}
			p.Client = 561116
			p.Account = voipms.Ptr("100001_Acme")
			if _, err := c.CDR.ListReseller(ctx, p); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("Globex asking for Acme's account: %v", err)
			}
		},
		"getCallTypes": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.CDR.ListCallTypes(ctx, nil)
			if err != nil || len(got) != 3 || got[0].Value != "all" {
				t.Fatalf("CallTypes = %+v, %v", got, err)
			}
			if _, err := c.CDR.ListCallTypes(ctx, &voipms.CDRListCallTypesParams{Client: voipms.Ptr(int64(3))}); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("CallTypes of an unknown client: %v", err)
			}
		},
		"getCallAccounts": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.CDR.ListCallAccounts(ctx, &voipms.CDRListCallAccountsParams{Client: voipms.Ptr(acme)})
			if err != nil || len(got) != 2 || got[1].Value != "100001_Acme" {
				t.Fatalf("Accounts = %+v, %v", got, err)
			}
			if _, err := c.CDR.ListCallAccounts(ctx, &voipms.CDRListCallAccountsParams{Client: voipms.Ptr(int64(3))}); !errors.Is(err, voipms.ErrInvalidParameter) {
				t.Errorf("Accounts of an unknown client: %v", err)
			}
		},
		"getCallBilling": func(t *testing.T, srv *voipmstest.Server, c *voipms.Client) {
			got, err := c.CDR.ListBillingOptions(ctx)
			if err != nil || len(got) != 3 {
				t.Fatalf("BillingOptions = %+v, %v", got, err)
			}
			srv.InjectFault("getCallBilling", voipmstest.Fault{Kind: voipmstest.FaultHTML503, Times: 1})
			if got, err := c.CDR.ListBillingOptions(ctx); err != nil || len(got) != 3 {
				t.Errorf("a read after one 503 page is retried: %v, %v", got, err)
			}
		},
	}
	for _, method := range slices.Sorted(maps.Keys(cases)) {
		run := cases[method]
		t.Run(method, func(t *testing.T) {
			srv, c := newBillingSim(t)
			run(t, srv, c)
			if srv.Calls(method) == 0 {
				t.Errorf("%s never reached the simulator", method)
			}
		})
	}
}

// TestChargesNeverRetried: money-moving reseller calls are sent once, even
// when the answer is lost; the caller gets ErrOutcomeUnknown and the
// simulator shows whether the money moved.
func TestChargesNeverRetried(t *testing.T) {
	ctx := context.Background()
	srv, c := newBillingSim(t)
	srv.InjectFault("addCharge", voipmstest.Fault{Kind: voipmstest.FaultConnReset, Times: 1})
	_, err := c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Client: 561115, Charge: decimal.RequireFromString("2.50")})
	if !errors.Is(err, voipms.ErrOutcomeUnknown) {
		t.Fatalf("reset after execute: %v, want ErrOutcomeUnknown", err)
	}
	if n := srv.Calls("addCharge"); n != 1 {
		t.Errorf("addCharge sent %d times", n)
	}
	if got := srv.Executed().Charges; got != 1 {
		t.Errorf("charges executed = %d, want 1 (the reset came after)", got)
	}
	if bal, _ := srv.ClientBalance("561115"); bal != "22.50" {
		t.Errorf("balance = %s, want 22.50 (charged exactly once)", bal)
	}

	srv.InjectFault("addPayment", voipmstest.Fault{Kind: voipmstest.FaultHTML503, Times: 1})
	if _, err := c.Clients.AddPayment(ctx, &voipms.ClientAddPaymentParams{Client: 561115, Payment: decimal.RequireFromString("1")}); err == nil {
		t.Fatal("a 503 page was taken for success")
	}
	if n := srv.Calls("addPayment"); n != 1 {
		t.Errorf("addPayment sent %d times after a 503", n)
	}
	if got := srv.Executed().Payments; got != 0 {
		t.Errorf("payments executed = %d", got)
	}
}

// TestDryRunClientBilling: a client built WithDryRun sends addCharge and
// addPayment as test=1 (nothing moves) and refuses signupClient before I/O.
func TestDryRunClientBilling(t *testing.T) {
	ctx := context.Background()
	srv, c := newBillingSim(t, voipms.WithDryRun())
	r, err := c.Clients.AddCharge(ctx, &voipms.ClientAddChargeParams{Client: 561115, Charge: decimal.RequireFromString("3")})
	if err != nil || !r.DryRun {
		t.Fatalf("AddCharge = %+v, %v", r, err)
	}
	if _, err := c.Clients.AddPayment(ctx, &voipms.ClientAddPaymentParams{Client: 561115, Payment: decimal.RequireFromString("3")}); err != nil {
		t.Fatal(err)
	}
	if e := srv.Executed(); e.Charges != 0 || e.Payments != 0 || srv.Calls("addCharge") != 1 {
		t.Errorf("dry-run client moved money: %+v", e)
	}
	if bal, _ := srv.ClientBalance("561115"); bal != "25.00" {
		t.Errorf("balance = %s", bal)
	}
	_, err = c.Clients.Signup(ctx, &voipms.ClientSignupParams{Firstname: "A", Lastname: "B", Address: "C", City: "D",
		State: "E", Country: "CA", Zip: "F", PhoneNumber: "5145550100", Email: "a@b.example", ConfirmEmail: "a@b.example",
		Password: "Sup3r-Secret", ConfirmPassword: "Sup3r-Secret"})
	if !errors.Is(err, voipms.ErrDryRunRefused) || srv.Calls("signupClient") != 0 {
		t.Errorf("Signup on a dry-run client: %v (calls %d)", err, srv.Calls("signupClient"))
	}
}
