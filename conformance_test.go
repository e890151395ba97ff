package voipms_test

import (
	"github.com/shopspring/decimal"

	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// The conformance test drives every typed method that calls one of the
// DID-area wire methods through the simulator: a subtest per wire method,
// named after it, runs a realistic multi-call flow (create → list → get →
// update → delete; order → set* → cancel; send → list → delete), checks the
// decoded values, and checks at least one error path: an API error from the
// simulator matched with errors.Is, or, where the simulator cannot produce
// one, a *ValidationError found before sending. Each subtest also checks
// that its wire method really reached the simulator (Server.Calls).

// conformanceMethods are the wire methods of the DID issue (each must have a subtest).
var conformanceMethods = strings.Fields(`
backOrderDIDUSA backOrderDIDCAN cancelDID connectDID unconnectDID getDIDsInfo setDIDInfo setDIDRouting
setDIDPOP setDIDVoicemail setDIDBillingType getPortability getBackOrders getDIDsUSA getDIDsCAN
searchDIDsUSA searchDIDsCAN searchTollFreeCanUS searchTollFreeUSA searchVanity
getDIDsInternationalGeographic getDIDsInternationalNational getDIDsInternationalTollFree orderDID
orderDIDInternationalGeographic orderDIDInternationalNational orderDIDInternationalTollFree
orderDIDVirtual orderTollFree orderVanity getStates getProvinces getRateCentersUSA getRateCentersCAN
getDIDCountries getInternationalTypes getCarriers getRingStrategies getJoinWhenEmptyTypes
getVoicemailSetups getVoicemailAttachmentFormats getForwardings setForwarding delForwarding getIVRs
setIVR delIVR getQueues setQueue delQueue getStaticMembers setStaticMember delStaticMember
getRingGroups setRingGroup delRingGroup getSIPURIs setSIPURI delSIPURI getTimeConditions
setTimeCondition delTimeCondition getCallbacks setCallback delCallback getCallerIDFiltering
setCallerIDFiltering delCallerIDFiltering getDISAs setDISA delDISA getPhonebook setPhonebook
delPhonebook getPhonebookGroups setPhonebookGroup delPhonebookGroup getRecordings getRecordingFile
setRecording delRecording getCallHuntings setCallHunting delCallHunting sendSMS getSMS deleteSMS
setSMS sendMMS getMMS deleteMMS getMediaMMS getResellerSMS getResellerMMS getVPRIs getDIDvPRI
assignDIDvPRI removeDIDvPRI delClient delConference delConferenceMember delSequences getServersInfo
getSubAccounts getVoicemails getIP`)

// conformanceNow is the simulator clock: message dates and billing dates
// follow it, so the test does not depend on the day it runs.
var conformanceNow = time.Date(2025, time.March, 14, 15, 4, 5, 0, time.UTC)

// conf is the state of one conformance subtest.
type conf struct {
	t   *testing.T
	ctx context.Context
	srv *voipmstest.Server
	c   *voipms.Client

	queue int64 // the queue static-member flows work in
	group int64 // the phonebook group the phonebook flows use
}

func newConf(t *testing.T) *conf {
	t.Helper()
	// The walk orders numbers of every kind, international ones included: more
	// than the default 100.00 balance covers.
	srv := voipmstest.NewServer(voipmstest.WithSeed(7), voipmstest.WithClock(func() time.Time { return conformanceNow }),
		voipmstest.WithAccountBalance("10000"))
	t.Cleanup(srv.Close)
	c, err := srv.Client(voipms.WithRetry(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return &conf{t: t, ctx: context.Background(), srv: srv, c: c}
}

func (f *conf) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// eq compares the printed forms of got and want.
func (f *conf) eq(what string, got, want any) {
	f.t.Helper()
	if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
		f.t.Errorf("%s = %s, want %s", what, g, w)
	}
}

// apiErr checks that err is an *APIError with the given status (any when
// empty) that matches sentinel.
func (f *conf) apiErr(err error, sentinel error, status voipms.Status) {
	f.t.Helper()
	var ae *voipms.APIError
	if !errors.As(err, &ae) {
		f.t.Errorf("err = %v, want an *APIError matching %v", err, sentinel)
		return
	}
	if status != "" && ae.Status != status {
		f.t.Errorf("status = %s, want %s", ae.Status, status)
	}
	if !errors.Is(err, sentinel) {
		f.t.Errorf("errors.Is(%v, %v) = false", err, sentinel)
	}
}

// notFound checks that err matches ErrNotFound.
func (f *conf) notFound(err error) {
	f.t.Helper()
	if !errors.Is(err, voipms.ErrNotFound) {
		f.t.Errorf("err = %v, want ErrNotFound", err)
	}
}

// invalid checks that err is a *ValidationError on field, found before
// sending.
func (f *conf) invalid(err error, field string) {
	f.t.Helper()
	var ve *voipms.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, voipms.ErrInvalidParameter) {
		f.t.Errorf("err = %v, want a *ValidationError", err)
		return
	}
	if field != "" && ve.Field != field {
		f.t.Errorf("validation field = %q, want %q", ve.Field, field)
	}
}

// badAuth returns a client with a wrong API password, for the error path of
// methods that take no parameters.
func (f *conf) badAuth() *voipms.Client {
	f.t.Helper()
	c, err := voipms.New(f.srv.Username(), "not-the-password", voipms.WithBaseURL(f.srv.URL()), voipms.WithRetry(1, 0, 0))
	f.must(err)
	return c
}

func (f *conf) authErr(err error) { f.t.Helper(); f.apiErr(err, voipms.ErrAuth, "invalid_credentials") }

// stock returns the Florida numbers for sale.
func (f *conf) stock() []voipms.AvailableDIDUSA {
	f.t.Helper()
	found, err := f.c.DIDs.ListAvailableUSA(f.ctx, &voipms.DIDListAvailableUSAParams{State: "FL"})
	f.must(err)
	if len(found) < 3 {
		f.t.Fatalf("only %d numbers in FL", len(found))
	}
	return found
}

func orderOf(did string) *voipms.DIDOrderParams {
	return &voipms.DIDOrderParams{
		DID: did, DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001_VoIP"), POP: 3, DialTime: 60, CNAM: true},
		BillingType: voipms.DIDBillingTypePerMinute,
	}
}

// buy orders a Florida number that can do SMS (skipping the first skip of
// them) and returns it.
func (f *conf) buy(skip int) string {
	f.t.Helper()
	for _, d := range f.stock() {
		if !d.SMS {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		_, err := f.c.DIDs.Order(f.ctx, orderOf(string(d.DID)))
		f.must(err)
		return string(d.DID)
	}
	f.t.Fatal("no SMS-capable number left in FL")
	return ""
}

func (f *conf) get(did string) *voipms.DID {
	f.t.Helper()
	d, err := f.c.DIDs.Get(f.ctx, did)
	f.must(err)
	return d
}

// fwd creates a forwarding and returns its id.
func (f *conf) fwd(number string) int64 {
	f.t.Helper()
	id, err := f.c.Forwardings.Set(f.ctx, &voipms.ForwardingSetParams{PhoneNumber: number})
	f.must(err)
	return id
}

// today is the simulator's date.
func today() time.Time {
	return time.Date(conformanceNow.Year(), conformanceNow.Month(), conformanceNow.Day(), 0, 0, 0, 0, time.UTC)
}

func TestConformance(t *testing.T) {
	covered := map[string]bool{}
	sub := func(method string, fn func(f *conf)) {
		covered[method] = true
		t.Run(method, func(t *testing.T) {
			f := newConf(t)
			fn(f)
			if f.srv.Calls(method) == 0 && !t.Skipped() {
				t.Errorf("%s never reached the simulator", method)
			}
		})
	}
	conformanceDIDs(sub)
	conformanceInventory(sub)
	conformanceCatalog(sub)
	conformanceEntities(sub)
	conformanceMessages(sub)
	conformanceAccount(sub)

	t.Run("every wire method has a subtest", func(t *testing.T) {
		var missing []string
		for _, m := range conformanceMethods {
			if !covered[m] {
				missing = append(missing, m)
			}
		}
		sort.Strings(missing)
		// the list itself: real wire methods (the client's table), each once
		seen := map[string]bool{}
		for _, m := range conformanceMethods {
			if seen[m] {
				t.Errorf("%s listed twice", m)
			}
			seen[m] = true
			if !voipms.IsWireMethod(m) {
				t.Errorf("%s is not a documented wire method", m)
			}
		}
		if len(missing) > 0 {
			t.Errorf("no conformance subtest for %s", strings.Join(missing, ", "))
		}
	})
}

// --- DIDs on the account ---

func conformanceDIDs(sub func(string, func(*conf))) {
	sub("orderDID", func(f *conf) {
		pick := string(f.stock()[0].DID)
		p := orderOf(pick)
		p.DryRun = true
		r, err := f.c.DIDs.Order(f.ctx, p)
		f.must(err)
		f.eq("dry run receipt", r.DryRun, true)
		f.eq("owned after dry run", len(f.srv.DIDs()), 0)

		p.DryRun = false
		p.Note = voipms.Ptr("conformance")
		r, err = f.c.DIDs.Order(f.ctx, p)
		f.must(err)
		f.eq("receipt", r.DryRun, false)
		d := f.get(pick)
		f.eq("routing", d.Routing, "account:100001_VoIP")
		f.eq("pop", d.POP, 3)
		f.eq("billing", d.BillingType, voipms.DIDBillingTypePerMinute)
		f.eq("note", d.Note, "conformance")
		f.eq("order count", f.srv.OrderCount(pick), 1)

		_, err = f.c.DIDs.Order(f.ctx, p)
		f.apiErr(err, voipms.ErrConflict, "did_in_use")
		q := orderOf(string(f.stock()[0].DID))
		q.Voicemail = voipms.Ptr("999")
		_, err = f.c.DIDs.Order(f.ctx, q)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_mailbox")
		_, err = f.c.DIDs.Order(f.ctx, orderOf("12345"))
		f.invalid(err, "did")
	})

	sub("cancelDID", func(f *conf) {
		did := f.buy(0)
		r, err := f.c.DIDs.Cancel(f.ctx, &voipms.DIDCancelParams{DID: did, DryRun: true})
		f.must(err)
		f.eq("dry run receipt", r.DryRun, true)
		f.get(did) // still there

		r, err = f.c.DIDs.Cancel(f.ctx, &voipms.DIDCancelParams{DID: did, Comment: voipms.Ptr("done")})
		f.must(err)
		f.eq("receipt", r.DryRun, false)
		_, err = f.c.DIDs.Get(f.ctx, did)
		f.notFound(err)
		f.eq("cancels executed", f.srv.Executed().Cancels, 1)
		// Back in stock: it can be bought again.
		_, err = f.c.DIDs.Order(f.ctx, orderOf(did))
		f.must(err)
		f.eq("order count", f.srv.OrderCount(did), 2)

		_, err = f.c.DIDs.Cancel(f.ctx, &voipms.DIDCancelParams{DID: "3055550199"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")
		_, err = f.c.DIDs.Cancel(f.ctx, nil)
		f.invalid(err, "did")
	})

	sub("getDIDsInfo", func(f *conf) {
		empty, err := f.c.DIDs.List(f.ctx, nil)
		f.must(err)
		f.eq("empty list", len(empty), 0)
		if empty == nil {
			f.t.Error("List on an empty account returned a nil slice")
		}
		a, b := f.buy(0), f.buy(1)
		all, err := f.c.DIDs.List(f.ctx, nil)
		f.must(err)
		f.eq("count", len(all), 2)
		f.eq("first", all[0].DID, a)
		f.eq("second", all[1].DID, b)
		f.eq("sms enabled", all[0].SMSEnabled, true)
		f.eq("reseller account", all[0].ResellerAccount, "0")
		f.eq("order date", all[0].OrderDate.Format(time.DateTime), "2025-03-14 15:04:05")
		one, err := f.c.DIDs.List(f.ctx, &voipms.DIDListParams{DID: &b})
		f.must(err)
		f.eq("filtered", len(one), 1)
		bySub, err := f.c.DIDs.List(f.ctx, &voipms.DIDListParams{Client: voipms.Ptr("100001_VoIP")})
		f.must(err)
		f.eq("routed to the sub-account", len(bySub), 2)
		d := f.get(a)
		f.eq("get", d.DID, a)
		f.eq("dialtime", d.DialTime, 60)
		f.eq("cnam", d.CNAM, true)
		f.eq("failover", d.FailoverBusy, "none:")

		_, err = f.c.DIDs.Get(f.ctx, "3055550199")
		f.notFound(err)
		_, err = f.c.DIDs.List(f.ctx, &voipms.DIDListParams{Client: voipms.Ptr("999999")})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_client")
		_, err = f.c.DIDs.Get(f.ctx, "12")
		f.invalid(err, "did")
	})

	sub("setDIDInfo", func(f *conf) {
		did := f.buy(0)
		fw := f.fwd("5145550123")
		err := f.c.DIDs.SetInfo(f.ctx, &voipms.DIDSetInfoParams{
			DID: did, DIDSettings: voipms.DIDSettings{Routing: voipms.RouteForwarding(fw), FailoverBusy: voipms.Ptr(voipms.RouteVoicemail("101")), Voicemail: voipms.Ptr("101"), POP: 5, DialTime: 30, CNAM: false, Note: voipms.Ptr("lobby"), CallerIDPrefix: voipms.Ptr("VIP")}, BillingType: voipms.DIDBillingTypeFlat,
		})
		f.must(err)
		d := f.get(did)
		f.eq("routing", d.Routing, voipms.RouteForwarding(fw))
		f.eq("failover busy", d.FailoverBusy, "vm:101")
		f.eq("voicemail", d.Voicemail, "101")
		f.eq("pop", d.POP, 5)
		f.eq("dialtime", d.DialTime, 30)
		f.eq("cnam", d.CNAM, false)
		f.eq("billing", d.BillingType, voipms.DIDBillingTypeFlat)
		f.eq("note", d.Note, "lobby")
		f.eq("prefix", d.CallerIDPrefix, "VIP")

		// Update keeps what it does not touch.
		f.must(f.c.DIDs.Update(f.ctx, did, func(p *voipms.DIDSetInfoParams) error {
			p.Note = voipms.Ptr("front desk")
			return nil
		}))
		d = f.get(did)
		f.eq("note after Update", d.Note, "front desk")
		f.eq("voicemail after Update", d.Voicemail, "101")
		f.eq("failover after Update", d.FailoverBusy, "vm:101")
		f.eq("prefix after Update", d.CallerIDPrefix, "VIP")

		err = f.c.DIDs.SetInfo(f.ctx, &voipms.DIDSetInfoParams{DID: did, DIDSettings: voipms.DIDSettings{Routing: voipms.RouteForwarding(fw + 100), POP: 5, DialTime: 30}, BillingType: voipms.DIDBillingTypeFlat})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_route")
		err = f.c.DIDs.SetInfo(f.ctx, &voipms.DIDSetInfoParams{DID: did, DIDSettings: voipms.DIDSettings{Routing: voipms.RouteNone(), POP: 99, DialTime: 30}, BillingType: voipms.DIDBillingTypeFlat})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_serverpop")
		err = f.c.DIDs.Update(f.ctx, "3055550199", nil)
		f.notFound(err)
		err = f.c.DIDs.SetInfo(f.ctx, &voipms.DIDSetInfoParams{DID: did, DIDSettings: voipms.DIDSettings{POP: 5, DialTime: 30}, BillingType: voipms.DIDBillingTypeFlat})
		f.invalid(err, "routing")
	})

	sub("setDIDRouting", func(f *conf) {
		did := f.buy(0)
		fw := f.fwd("5145550123")
		f.must(f.c.DIDs.SetRouting(f.ctx, did, voipms.RouteForwarding(fw)))
		f.eq("routing", f.get(did).Routing, voipms.RouteForwarding(fw))
		f.must(f.c.DIDs.SetRouting(f.ctx, did, voipms.RouteSystem(voipms.SysEcho)))
		f.eq("re-routed", f.get(did).Routing, "sys:echo")
		f.eq("pop untouched", f.get(did).POP, 3)

		f.apiErr(f.c.DIDs.SetRouting(f.ctx, did, voipms.RouteIVR(1)), voipms.ErrInvalidParameter, "invalid_route")
		f.apiErr(f.c.DIDs.SetRouting(f.ctx, "3055550199", voipms.RouteNone()), voipms.ErrInvalidParameter, "invalid_did")
		f.invalid(f.c.DIDs.SetRouting(f.ctx, did, voipms.Routing{}), "routing")
	})

	sub("setDIDPOP", func(f *conf) {
		did := f.buy(0)
		f.must(f.c.DIDs.SetPOP(f.ctx, did, 8))
		f.eq("pop", f.get(did).POP, 8)
		f.apiErr(f.c.DIDs.SetPOP(f.ctx, did, 99), voipms.ErrInvalidParameter, "invalid_serverpop")
		f.invalid(f.c.DIDs.SetPOP(f.ctx, did, 0), "pop")
	})

	sub("setDIDVoicemail", func(f *conf) {
		did := f.buy(0)
		f.must(f.c.DIDs.SetVoicemail(f.ctx, did, "1001"))
		f.eq("voicemail", f.get(did).Voicemail, "1001")
		f.must(f.c.DIDs.SetVoicemail(f.ctx, did, "0"))
		f.eq("voicemail off", f.get(did).Voicemail, "0")
		f.apiErr(f.c.DIDs.SetVoicemail(f.ctx, did, "999"), voipms.ErrInvalidParameter, "invalid_mailbox")
		f.invalid(f.c.DIDs.SetVoicemail(f.ctx, "55", "101"), "did")
	})

	sub("setDIDBillingType", func(f *conf) {
		did := f.buy(0)
		f.must(f.c.DIDs.SetBillingType(f.ctx, did, voipms.DIDBillingTypeFlat))
		f.eq("billing", f.get(did).BillingType, voipms.DIDBillingTypeFlat)
		f.apiErr(f.c.DIDs.SetBillingType(f.ctx, did, voipms.DIDBillingTypeFlat), voipms.ErrConflict, "same_did_billingtype")
		f.invalid(f.c.DIDs.SetBillingType(f.ctx, did, "3"), "billing_type")
	})

	sub("connectDID", func(f *conf) {
		did := f.buy(0)
		next := time.Date(2025, time.April, 30, 0, 0, 0, 0, time.UTC)
		f.must(f.c.DIDs.Connect(f.ctx, &voipms.DIDConnectParams{
			DID: did, Account: "100001_Acme", Monthly: decimal.RequireFromString("3.50"), Setup: decimal.RequireFromString("1.99"),
			Minute: decimal.RequireFromString("0.03"), NextBilling: &next,
		}))
		d := f.get(did)
		f.eq("reseller account", d.ResellerAccount, "100001_Acme")
		f.eq("monthly", d.ResellerMonthly.StringFixed(8), "3.50000000")
		f.eq("setup", d.ResellerSetup.StringFixed(8), "1.99000000")
		f.eq("minute", d.ResellerMinute.StringFixed(8), "0.03000000")
		f.eq("next billing", d.ResellerNextBilling.Format(time.DateOnly), "2025-04-30")
		mine, err := f.c.DIDs.List(f.ctx, &voipms.DIDListParams{Client: voipms.Ptr("561115")})
		f.must(err)
		f.eq("client's DIDs", len(mine), 1)

		err = f.c.DIDs.Connect(f.ctx, &voipms.DIDConnectParams{DID: did, Account: "100001_VoIP",
			Monthly: decimal.RequireFromString("1"), Setup: decimal.RequireFromString("1"), Minute: decimal.RequireFromString("0.01")})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_account")
		err = f.c.DIDs.Connect(f.ctx, &voipms.DIDConnectParams{DID: did})
		f.invalid(err, "account")
	})

	sub("unconnectDID", func(f *conf) {
		did := f.buy(0)
		f.must(f.c.DIDs.Connect(f.ctx, &voipms.DIDConnectParams{DID: did, Account: "100001_Globex",
			Monthly: decimal.RequireFromString("2"), Setup: decimal.RequireFromString("0"), Minute: decimal.RequireFromString("0.01")}))
		f.eq("connected", f.get(did).ResellerAccount, "100001_Globex")
		f.must(f.c.DIDs.Unconnect(f.ctx, did))
		d := f.get(did)
		f.eq("reseller account", d.ResellerAccount, "0")
		f.eq("monthly", d.ResellerMonthly.IsZero(), true)
		f.eq("next billing unset", d.ResellerNextBilling.IsZero(), true)

		f.apiErr(f.c.DIDs.Unconnect(f.ctx, "3055550199"), voipms.ErrInvalidParameter, "invalid_did")
		f.invalid(f.c.DIDs.Unconnect(f.ctx, ""), "did")
	})

	sub("getPortability", func(f *conf) {
		p, err := f.c.DIDs.GetPortability(f.ctx, "5145550199")
		f.must(err)
		f.eq("portable", p.Portable, true)
		f.eq("sms", p.SMS, true)
		f.eq("plans", len(p.Plans), 2)
		f.eq("flat plan", p.Plans[1].Title, "Flat Rate Plan")
		f.eq("flat monthly", p.Plans[1].MonthlyPrice, "4.25")
		did := f.buy(0)
		p, err = f.c.DIDs.GetPortability(f.ctx, did)
		f.must(err)
		f.eq("own number portable", p.Portable, false)
		f.eq("own number plans", len(p.Plans), 0)
		// The simulator answers invalid_did only for what the SDK already
		// refuses before sending (not 10 digits).
		_, err = f.c.DIDs.GetPortability(f.ctx, "55512")
		f.invalid(err, "did")
	})

	sub("getBackOrders", func(f *conf) {
		none, err := f.c.DIDs.ListBackOrders(f.ctx)
		f.must(err)
		f.eq("none", len(none), 0)
		_, err = f.c.DIDs.BackOrderUSA(f.ctx, &voipms.DIDBackOrderUSAParams{Quantity: 2, State: "FL", RateCenter: "MIAMI",
			DIDSettings: voipms.DIDSettings{
				Routing:  voipms.RouteVoicemail("101"),
				POP:      2,
				DialTime: 45,
				CNAM:     true,
			}, BillingType: voipms.DIDBillingTypeFlat})
		f.must(err)
		list, err := f.c.DIDs.ListBackOrders(f.ctx)
		f.must(err)
		f.eq("back orders", len(list), 2)
		f.eq("description", list[0].Description, "MIAMI, FL")
		f.eq("routing", list[0].Routing, "vm:101")
		f.eq("dialtime", list[0].DialTime, 45)
		one, err := f.c.DIDs.GetBackOrder(f.ctx, int64(list[1].ID))
		f.must(err)
		f.eq("one", one.ID, list[1].ID)
		f.eq("billing", one.BillingType, voipms.DIDBillingTypeFlat)

		_, err = f.c.DIDs.GetBackOrder(f.ctx, 0)
		f.invalid(err, "id")
		f.t.Run("unknown id is ErrNotFound", func(t *testing.T) {
			_, err := f.c.DIDs.GetBackOrder(f.ctx, 9999)
			if !errors.Is(err, voipms.ErrNotFound) {
				t.Errorf("unknown back order must match ErrNotFound: err = %v", err)
			}
		})
	})

	sub("backOrderDIDUSA", func(f *conf) {
		p := &voipms.DIDBackOrderUSAParams{Quantity: 3, State: "TX", RateCenter: "houston", DIDSettings: voipms.DIDSettings{Routing: voipms.RouteSystem(voipms.SysHangup), POP: 1, DialTime: 60, CNAM: false}, BillingType: voipms.DIDBillingTypePerMinute, DryRun: true}
		r, err := f.c.DIDs.BackOrderUSA(f.ctx, p)
		f.must(err)
		f.eq("dry run", r.DryRun, true)
		f.eq("executed after dry run", f.srv.Executed().BackOrders, 0)
		p.DryRun = false
		r, err = f.c.DIDs.BackOrderUSA(f.ctx, p)
		f.must(err)
		f.eq("receipt", r.DryRun, false)
		list, err := f.c.DIDs.ListBackOrders(f.ctx)
		f.must(err)
		f.eq("back orders", len(list), 3)
		f.eq("description", list[2].Description, "HOUSTON, TX")

		p.State = "ZZ"
		_, err = f.c.DIDs.BackOrderUSA(f.ctx, p)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_state")
		p.State, p.RateCenter = "TX", "NOWHERE"
		_, err = f.c.DIDs.BackOrderUSA(f.ctx, p)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_location")
		p.Quantity = 0
		_, err = f.c.DIDs.BackOrderUSA(f.ctx, p)
		f.invalid(err, "quantity")
	})

	sub("backOrderDIDCAN", func(f *conf) {
		centers, err := f.c.Catalog.ListRateCentersCAN(f.ctx, "QC")
		f.must(err)
		p := &voipms.DIDBackOrderCANParams{Quantity: 1, Province: "QC", RateCenter: string(centers[0].Name), DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001_Office"), POP: 4, DialTime: 60, CNAM: true}, BillingType: voipms.DIDBillingTypeFlat, DryRun: true}
		r, err := f.c.DIDs.BackOrderCAN(f.ctx, p)
		f.must(err)
		f.eq("dry run", r.DryRun, true)
		p.DryRun = false
		_, err = f.c.DIDs.BackOrderCAN(f.ctx, p)
		f.must(err)
		list, err := f.c.DIDs.ListBackOrders(f.ctx)
		f.must(err)
		f.eq("back orders", len(list), 1)
		f.eq("description", list[0].Description, string(centers[0].Name)+", QC")
		f.eq("routing", list[0].Routing, "account:100001_Office")

		p.Province = "ZZ"
		_, err = f.c.DIDs.BackOrderCAN(f.ctx, p)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_province")
		p.Province, p.Routing = "QC", voipms.RouteAccount("100001_Nobody")
		_, err = f.c.DIDs.BackOrderCAN(f.ctx, p)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_route")
		p.Province = ""
		_, err = f.c.DIDs.BackOrderCAN(f.ctx, p)
		f.invalid(err, "province")
	})

	sub("getVPRIs", func(f *conf) {
		list, err := f.c.DIDs.ListVPRIs(f.ctx)
		f.must(err)
		f.eq("vPRIs", len(list), 1)
		f.eq("id", list[0].ID, 100112)
		f.eq("channels", list[0].Channels, 4)
		f.eq("next billing", list[0].NextBilling.Format(time.DateOnly), "2025-04-14")
		v, err := f.c.DIDs.GetVPRI(f.ctx, 100112)
		f.must(err)
		f.eq("name", v.Name, "main vpri")
		_, err = f.c.DIDs.GetVPRI(f.ctx, 5)
		f.notFound(err)
		_, err = f.badAuth().DIDs.ListVPRIs(f.ctx)
		f.authErr(err)
	})

	sub("getDIDvPRI", func(f *conf) {
		none, err := f.c.DIDs.ListVPRIDIDs(f.ctx, 100112)
		f.must(err)
		f.eq("none", len(none), 0)
		did := f.buy(0)
		_, err = f.c.DIDs.AssignVPRI(f.ctx, 100112, did)
		f.must(err)
		dids, err := f.c.DIDs.ListVPRIDIDs(f.ctx, 100112)
		f.must(err)
		f.eq("dids", dids, []string{did})
		_, err = f.c.DIDs.ListVPRIDIDs(f.ctx, 5)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_id")
		_, err = f.c.DIDs.ListVPRIDIDs(f.ctx, 0)
		f.invalid(err, "vpri")
	})

	sub("assignDIDvPRI", func(f *conf) {
		did := f.buy(0)
		a, err := f.c.DIDs.AssignVPRI(f.ctx, 100112, did)
		f.must(err)
		f.eq("vpri", a.VPRI, 100112)
		f.eq("did", a.DID, did)
		f.eq("monthly", a.Monthly.StringFixed(2), "2.00")
		_, err = f.c.DIDs.AssignVPRI(f.ctx, 100112, did)
		f.apiErr(err, voipms.ErrConflict, "did_in_use")
		_, err = f.c.DIDs.AssignVPRI(f.ctx, 100112, "3055550199")
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")
		_, err = f.c.DIDs.AssignVPRI(f.ctx, 100112, "")
		f.invalid(err, "did")
	})

	sub("removeDIDvPRI", func(f *conf) {
		did := f.buy(0)
		_, err := f.c.DIDs.AssignVPRI(f.ctx, 100112, did)
		f.must(err)
		r, err := f.c.DIDs.RemoveVPRI(f.ctx, 100112, did)
		f.must(err)
		f.eq("vpri", r.VPRI, 100112)
		f.eq("did", r.DID, did)
		dids, err := f.c.DIDs.ListVPRIDIDs(f.ctx, 100112)
		f.must(err)
		f.eq("left", len(dids), 0)
		_, err = f.c.DIDs.RemoveVPRI(f.ctx, 100112, did)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")
		_, err = f.c.DIDs.RemoveVPRI(f.ctx, 0, did)
		f.invalid(err, "vpri")
	})
}

// --- inventory: search and the other order methods ---

func conformanceInventory(sub func(string, func(*conf))) {
	sub("getDIDsUSA", func(f *conf) {
		all := f.stock()
		d := all[0]
		f.eq("state", d.State, "FL")
		f.eq("state description", d.StateDescription, "FLORIDA")
		f.eq("per-minute monthly", d.PerMinuteMonthly, "0.85")
		f.eq("flat monthly", d.FlatMonthly, "4.25")
		center := string(d.RateCenter)
		in, err := f.c.DIDs.ListAvailableUSA(f.ctx, &voipms.DIDListAvailableUSAParams{State: "FL", RateCenter: &center})
		f.must(err)
		for _, x := range in {
			f.eq("rate center", x.RateCenter, center)
		}
		// An ordered number leaves the inventory.
		_, err = f.c.DIDs.Order(f.ctx, orderOf(string(d.DID)))
		f.must(err)
		after, err := f.c.DIDs.ListAvailableUSA(f.ctx, &voipms.DIDListAvailableUSAParams{State: "FL"})
		f.must(err)
		f.eq("stock after order", len(after), len(all)-1)

		_, err = f.c.DIDs.ListAvailableUSA(f.ctx, &voipms.DIDListAvailableUSAParams{State: "ZZ"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_state")
		_, err = f.c.DIDs.ListAvailableUSA(f.ctx, nil)
		f.invalid(err, "state")
	})

	sub("getDIDsCAN", func(f *conf) {
		found, err := f.c.DIDs.ListAvailableCAN(f.ctx, &voipms.DIDListAvailableCANParams{Province: "QC"})
		f.must(err)
		if len(found) == 0 {
			f.t.Fatal("no stock in QC")
		}
		f.eq("province", found[0].Province, "QC")
		f.eq("per-minute minute", found[0].PerMinuteMinute.StringFixed(4), "0.0100")
		center := string(found[0].RateCenter)
		in, err := f.c.DIDs.ListAvailableCAN(f.ctx, &voipms.DIDListAvailableCANParams{Province: "QC", RateCenter: &center})
		f.must(err)
		for _, x := range in {
			f.eq("rate center", x.RateCenter, center)
		}
		_, err = f.c.DIDs.ListAvailableCAN(f.ctx, &voipms.DIDListAvailableCANParams{Province: "ZZ"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_province")
		_, err = f.c.DIDs.ListAvailableCAN(f.ctx, &voipms.DIDListAvailableCANParams{})
		f.invalid(err, "province")
	})

	sub("searchDIDsUSA", func(f *conf) {
		want := string(f.stock()[0].DID)
		found, err := f.c.DIDs.SearchUSA(f.ctx, &voipms.DIDSearchUSAParams{Type: voipms.SearchTypeStarts, Query: want[:6]})
		f.must(err)
		var hit bool
		for _, d := range found {
			if !strings.HasPrefix(string(d.DID), want[:6]) {
				f.t.Errorf("%s does not start with %s", d.DID, want[:6])
			}
			hit = hit || string(d.DID) == want
		}
		f.eq("found the number", hit, true)
		ends, err := f.c.DIDs.SearchUSA(f.ctx, &voipms.DIDSearchUSAParams{State: voipms.Ptr("FL"), Type: voipms.SearchTypeEnds, Query: want[6:]})
		f.must(err)
		f.eq("ends with", len(ends) >= 1 && strings.HasSuffix(string(ends[0].DID), want[6:]), true)
		none, err := f.c.DIDs.SearchUSA(f.ctx, &voipms.DIDSearchUSAParams{Type: voipms.SearchTypeStarts, Query: "555"})
		f.must(err)
		f.eq("nothing matches", len(none), 0)

		_, err = f.c.DIDs.SearchUSA(f.ctx, &voipms.DIDSearchUSAParams{State: voipms.Ptr("ZZ"), Type: voipms.SearchTypeContains, Query: "1"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_state")
		_, err = f.c.DIDs.SearchUSA(f.ctx, &voipms.DIDSearchUSAParams{Type: voipms.SearchTypeContains})
		f.invalid(err, "query")
	})

	sub("searchDIDsCAN", func(f *conf) {
		found, err := f.c.DIDs.SearchCAN(f.ctx, &voipms.DIDSearchCANParams{Province: voipms.Ptr("ON"), Type: voipms.SearchTypeContains, Query: "2"})
		f.must(err)
		if len(found) == 0 {
			f.t.Fatal("nothing in ON contains 2")
		}
		for _, d := range found {
			f.eq("province", d.Province, "ON")
		}
		_, err = f.c.DIDs.SearchCAN(f.ctx, &voipms.DIDSearchCANParams{Province: voipms.Ptr("ZZ"), Type: voipms.SearchTypeContains, Query: "2"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_province")
		_, err = f.c.DIDs.SearchCAN(f.ctx, &voipms.DIDSearchCANParams{Query: "2"})
		f.invalid(err, "type")
	})

	sub("searchTollFreeCanUS", func(f *conf) {
		all, err := f.c.DIDs.SearchTollFree(f.ctx, nil)
		f.must(err)
		if len(all) == 0 {
			f.t.Fatal("no toll-free stock")
		}
		f.eq("monthly", all[0].Monthly, "1.49")
		f.eq("minute", all[0].Minute.StringFixed(4), "0.0320")
		some, err := f.c.DIDs.SearchTollFree(f.ctx, &voipms.DIDSearchTollFreeParams{Type: voipms.Ptr(voipms.SearchTypeStarts), Query: voipms.Ptr("888")})
		f.must(err)
		for _, d := range some {
			f.eq("prefix", string(d.DID)[:3], "888")
		}
		f.eq("filtered", len(some) > 0 && len(some) < len(all), true)
		_, err = f.c.DIDs.SearchTollFree(f.ctx, &voipms.DIDSearchTollFreeParams{Type: voipms.Ptr(voipms.SearchTypeStarts), Query: voipms.Ptr("8-8")})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_query")
		_, err = f.c.DIDs.SearchTollFree(f.ctx, &voipms.DIDSearchTollFreeParams{Type: voipms.Ptr(voipms.SearchType("near"))})
		f.invalid(err, "type")
	})

	sub("searchTollFreeUSA", func(f *conf) {
		all, err := f.c.DIDs.SearchTollFreeUSA(f.ctx, &voipms.DIDSearchTollFreeUSAParams{Type: voipms.Ptr(voipms.SearchTypeStarts), Query: voipms.Ptr("877")})
		f.must(err)
		if len(all) == 0 {
			f.t.Fatal("no 877 stock")
		}
		f.eq("monthly", all[0].Monthly, "0.99")
		f.eq("minute usa", all[0].MinuteUSA, "0.019")
		f.eq("minute alaska", all[0].MinuteAlaska, "0.17")
		_, err = f.c.DIDs.SearchTollFreeUSA(f.ctx, &voipms.DIDSearchTollFreeUSAParams{Query: voipms.Ptr("8 7")})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_query")
		_, err = f.c.DIDs.SearchTollFreeUSA(f.ctx, &voipms.DIDSearchTollFreeUSAParams{Type: voipms.Ptr(voipms.SearchType("near"))})
		f.invalid(err, "type")
	})

	sub("searchVanity", func(f *conf) {
		all, err := f.c.DIDs.SearchVanity(f.ctx, &voipms.DIDSearchVanityParams{Type: voipms.VanityTypeAny, Query: "*******"})
		f.must(err)
		if len(all) == 0 {
			f.t.Fatal("no vanity stock")
		}
		want := string(all[0].DID)
		one, err := f.c.DIDs.SearchVanity(f.ctx, &voipms.DIDSearchVanityParams{Type: voipms.VanityType(want[:3]), Query: want[3:]})
		f.must(err)
		f.eq("exact", len(one), 1)
		f.eq("did", one[0].DID, want)
		f.eq("setup american", one[0].SetupAmerican, "15")
		_, err = f.c.DIDs.SearchVanity(f.ctx, &voipms.DIDSearchVanityParams{Type: voipms.VanityType800, Query: "**-HI**"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_query")
		_, err = f.c.DIDs.SearchVanity(f.ctx, &voipms.DIDSearchVanityParams{Type: voipms.VanityType800})
		f.invalid(err, "query")
	})

	sub("orderTollFree", func(f *conf) {
		tf, err := f.c.DIDs.SearchTollFree(f.ctx, nil)
		f.must(err)
		p := &voipms.DIDOrderTollFreeParams{DID: string(tf[0].DID), DIDSettings: voipms.DIDSettings{Routing: voipms.RouteVoicemail("101"), POP: 2, DialTime: 20, CNAM: false}, DryRun: true}
		r, err := f.c.DIDs.OrderTollFree(f.ctx, p)
		f.must(err)
		f.eq("dry run", r.DryRun, true)
		p.DryRun = false
		_, err = f.c.DIDs.OrderTollFree(f.ctx, p)
		f.must(err)
		d := f.get(p.DID)
		f.eq("description", d.Description, "Toll Free")
		f.eq("billing", d.BillingType, voipms.DIDBillingTypePerMinute)
		f.eq("routing", d.Routing, "vm:101")
		// A toll-free number's billing plan cannot change.
		f.apiErr(f.c.DIDs.SetBillingType(f.ctx, p.DID, voipms.DIDBillingTypeFlat), voipms.ErrConflict, "no_change_billingtype")

		p.DID = string(f.stock()[0].DID) // a local number
		_, err = f.c.DIDs.OrderTollFree(f.ctx, p)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")
		p.DialTime = 0
		_, err = f.c.DIDs.OrderTollFree(f.ctx, p)
		f.invalid(err, "dialtime")
	})

	sub("orderVanity", func(f *conf) {
		carriers, err := f.c.Catalog.ListCarriers(f.ctx)
		f.must(err)
		v, err := f.c.DIDs.SearchVanity(f.ctx, &voipms.DIDSearchVanityParams{Type: voipms.VanityTypeAny, Query: "*******"})
		f.must(err)
		p := &voipms.DIDOrderVanityParams{DID: string(v[0].DID), DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001"), POP: 1, DialTime: 60, CNAM: true},
			Carrier: mustInt(f, string(carriers[0].Value)), DryRun: true}
		r, err := f.c.DIDs.OrderVanity(f.ctx, p)
		f.must(err)
		f.eq("dry run", r.DryRun, true)
		p.DryRun = false
		_, err = f.c.DIDs.OrderVanity(f.ctx, p)
		f.must(err)
		f.eq("description", f.get(p.DID).Description, "Vanity Toll Free")

		p.DID = string(v[1].DID)
		p.Carrier = 99
		_, err = f.c.DIDs.OrderVanity(f.ctx, p)
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_carrier")
		p.DID = ""
		_, err = f.c.DIDs.OrderVanity(f.ctx, p)
		f.invalid(err, "did")
	})

	sub("orderDIDVirtual", func(f *conf) {
		p := &voipms.DIDOrderVirtualParams{Digits: "042", DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001_VoIP"), POP: 1, DialTime: 60, CNAM: false}, DryRun: true}
		r, err := f.c.DIDs.OrderVirtual(f.ctx, p)
		f.must(err)
		f.eq("dry run", r.DryRun, true)
		p.DryRun = false
		_, err = f.c.DIDs.OrderVirtual(f.ctx, p)
		f.must(err)
		list, err := f.c.DIDs.List(f.ctx, nil)
		f.must(err)
		f.eq("virtual DID", len(list) == 1 && string(list[0].DID) == "100001042", true)
		f.eq("description", list[0].Description, "Virtual DID")

		_, err = f.c.DIDs.OrderVirtual(f.ctx, p)
		f.apiErr(err, voipms.ErrConflict, "did_in_use")
		p.Digits = "42"
		_, err = f.c.DIDs.OrderVirtual(f.ctx, p)
		f.invalid(err, "digits")
	})

	intl := []struct {
		get, order, typ string
		list            func(f *conf, country int64) ([]voipms.InternationalLocation, error)
		buy             func(f *conf, loc string, qty int64, dry bool) (*voipms.Receipt, error)
	}{
		{"getDIDsInternationalGeographic", "orderDIDInternationalGeographic", "GEOGRAPHIC",
			func(f *conf, id int64) ([]voipms.InternationalLocation, error) {
				return f.c.DIDs.ListAvailableInternationalGeographic(f.ctx, id)
			},
			func(f *conf, loc string, qty int64, dry bool) (*voipms.Receipt, error) {
				return f.c.DIDs.OrderInternationalGeographic(f.ctx, &voipms.DIDOrderInternationalGeographicParams{LocationID: loc, Quantity: qty,
					DIDSettings: voipms.DIDSettings{
						Routing:  voipms.RouteAccount("100001_VoIP"),
						POP:      1,
						DialTime: 60,
						CNAM:     false,
					}, BillingType: voipms.DIDBillingTypeFlat, DryRun: dry})
			}},
		{"getDIDsInternationalNational", "orderDIDInternationalNational", "NATIONAL",
			func(f *conf, id int64) ([]voipms.InternationalLocation, error) {
				return f.c.DIDs.ListAvailableInternationalNational(f.ctx, id)
			},
			func(f *conf, loc string, qty int64, dry bool) (*voipms.Receipt, error) {
				return f.c.DIDs.OrderInternationalNational(f.ctx, &voipms.DIDOrderInternationalNationalParams{LocationID: loc, Quantity: qty,
					DIDSettings: voipms.DIDSettings{
						Routing:  voipms.RouteAccount("100001_VoIP"),
						POP:      1,
						DialTime: 60,
						CNAM:     false,
					}, BillingType: voipms.DIDBillingTypeFlat, DryRun: dry})
			}},
		{"getDIDsInternationalTollFree", "orderDIDInternationalTollFree", "TOLLFREE",
			func(f *conf, id int64) ([]voipms.InternationalLocation, error) {
				return f.c.DIDs.ListAvailableInternationalTollFree(f.ctx, id)
			},
			func(f *conf, loc string, qty int64, dry bool) (*voipms.Receipt, error) {
				return f.c.DIDs.OrderInternationalTollFree(f.ctx, &voipms.DIDOrderInternationalTollFreeParams{LocationID: loc, Quantity: qty,
					DIDSettings: voipms.DIDSettings{
						Routing:  voipms.RouteAccount("100001_VoIP"),
						POP:      1,
						DialTime: 60,
						CNAM:     false,
					}, DryRun: dry})
			}},
	}
	// stocked finds a location of the kind with at least two numbers.
	stocked := func(f *conf, typ string, list func(*conf, int64) ([]voipms.InternationalLocation, error)) voipms.InternationalLocation {
		f.t.Helper()
		countries, err := f.c.Catalog.ListCountries(f.ctx, typ)
		f.must(err)
		for _, cn := range countries {
			locs, err := list(f, mustInt(f, string(cn.Value)))
			f.must(err)
			for _, l := range locs {
				if l.Stock >= 2 {
					return l
				}
			}
		}
		f.t.Fatalf("no %s location with stock", typ)
		return voipms.InternationalLocation{}
	}
	for _, k := range intl {
		sub(k.get, func(f *conf) {
			loc := stocked(f, k.typ, k.list)
			if loc.ID == "" || loc.Name == "" || loc.Country == "" || loc.Monthly.IsZero() {
				f.t.Errorf("location not fully decoded: %+v", loc)
			}
			_, err := k.list(f, 999999)
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_countryid")
			_, err = k.list(f, 0)
			f.invalid(err, "country_id")
		})
		sub(k.order, func(f *conf) {
			loc := stocked(f, k.typ, k.list)
			r, err := k.buy(f, string(loc.ID), 1, true)
			f.must(err)
			f.eq("dry run", r.DryRun, true)
			f.eq("owned after dry run", len(f.srv.DIDs()), 0)
			_, err = k.buy(f, string(loc.ID), 2, false)
			f.must(err)
			owned := f.srv.DIDs()
			f.eq("owned", len(owned), 2)
			for _, d := range owned {
				if !strings.HasSuffix(d.Description, string(loc.Country)) {
					f.t.Errorf("description %q does not name %s", d.Description, loc.Country)
				}
			}
			// The stock went down by two.
			country := ""
			countries, err := f.c.Catalog.ListCountries(f.ctx, k.typ)
			f.must(err)
			for _, cn := range countries {
				if strings.HasPrefix(string(cn.Description), string(loc.Country)) {
					country = string(cn.Value)
				}
			}
			locs, err := k.list(f, mustInt(f, country))
			f.must(err)
			for _, l := range locs {
				if l.ID == loc.ID {
					f.eq("stock", l.Stock, loc.Stock-2)
				}
			}

			_, err = k.buy(f, string(loc.ID), 100, false)
			f.apiErr(err, voipms.ErrUnavailable, "unsifficient_stock")
			_, err = k.buy(f, "a1", 1, false)
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_location")
			_, err = k.buy(f, string(loc.ID), 0, false)
			f.invalid(err, "quantity")
		})
	}
}

func mustInt(f *conf, s string) int64 {
	f.t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		f.t.Fatalf("not a number: %q", s)
	}
	return n
}

// --- catalogues ---

func conformanceCatalog(sub func(string, func(*conf))) {
	sub("getStates", func(f *conf) {
		states, err := f.c.Catalog.ListStates(f.ctx)
		f.must(err)
		f.eq("first", states[0].Code, "AL")
		f.eq("description", states[0].Description, "ALABAMA")
		_, err = f.badAuth().Catalog.ListStates(f.ctx)
		f.authErr(err)
	})
	sub("getProvinces", func(f *conf) {
		p, err := f.c.Catalog.ListProvinces(f.ctx)
		f.must(err)
		f.eq("first", p[0].Code, "AB")
		f.eq("description", p[0].Description, "ALBERTA")
		_, err = f.badAuth().Catalog.ListProvinces(f.ctx)
		f.authErr(err)
	})
	sub("getRateCentersUSA", func(f *conf) {
		rc, err := f.c.Catalog.ListRateCentersUSA(f.ctx, "AL")
		f.must(err)
		f.eq("first", rc[0].Name, "BIRMINGHAM")
		// A center without stock says so.
		for _, r := range rc {
			in, err := f.c.DIDs.ListAvailableUSA(f.ctx, &voipms.DIDListAvailableUSAParams{State: "AL", RateCenter: voipms.Ptr(string(r.Name))})
			f.must(err)
			f.eq(string(r.Name)+" available", r.Available, len(in) > 0)
		}
		_, err = f.c.Catalog.ListRateCentersUSA(f.ctx, "ZZ")
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_state")
		_, err = f.c.Catalog.ListRateCentersUSA(f.ctx, "")
		f.invalid(err, "state")
	})
	sub("getRateCentersCAN", func(f *conf) {
		rc, err := f.c.Catalog.ListRateCentersCAN(f.ctx, "AB")
		f.must(err)
		f.eq("first", rc[0].Name, "Calgary")
		_, err = f.c.Catalog.ListRateCentersCAN(f.ctx, "ZZ")
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_province")
		_, err = f.c.Catalog.ListRateCentersCAN(f.ctx, "")
		f.invalid(err, "province")
	})
	sub("getDIDCountries", func(f *conf) {
		c, err := f.c.Catalog.ListCountries(f.ctx, "TOLLFREE")
		f.must(err)
		f.eq("first", c[0].Value, "10")
		f.eq("description", c[0].Description, "ARGENTINA (+54)")
		_, err = f.c.Catalog.ListCountries(f.ctx, "MOBILE")
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_type")
		_, err = f.c.Catalog.ListCountries(f.ctx, "")
		f.invalid(err, "type")
	})
	values := func(list []voipms.CatalogEntry) string {
		var s []string
		for _, e := range list {
			s = append(s, string(e.Value))
		}
		return strings.Join(s, ",")
	}
	// Catalogues without parameters: the simulator's only error for them is
	// an authentication failure.
	for _, k := range []struct {
		method string
		call   func(c *voipms.Client, ctx context.Context) ([]voipms.CatalogEntry, error)
		want   string
	}{
		{"getInternationalTypes", func(c *voipms.Client, ctx context.Context) ([]voipms.CatalogEntry, error) {
			return c.Catalog.ListInternationalTypes(ctx)
		}, "GEOGRAPHIC,NATIONAL,TOLLFREE"},
		{"getCarriers", func(c *voipms.Client, ctx context.Context) ([]voipms.CatalogEntry, error) {
			return c.Catalog.ListCarriers(ctx)
		}, "1,2"},
		{"getRingStrategies", func(c *voipms.Client, ctx context.Context) ([]voipms.CatalogEntry, error) {
			return c.Catalog.ListRingStrategies(ctx)
		}, "ringall,leastrecent,fewestcalls,random,rrmemory"},
		{"getJoinWhenEmptyTypes", func(c *voipms.Client, ctx context.Context) ([]voipms.CatalogEntry, error) {
			return c.Catalog.ListJoinWhenEmptyTypes(ctx)
		}, "yes,no,strict"},
		{"getVoicemailSetups", func(c *voipms.Client, ctx context.Context) ([]voipms.CatalogEntry, error) {
			setups, err := c.Catalog.ListVoicemailSetups(ctx)
			var out []voipms.CatalogEntry
			for _, s := range setups {
				out = append(out, voipms.CatalogEntry{Value: fmt.Sprint(s.Value), Description: s.Description})
			}
			return out, err
		}, "1,2,3"},
		{"getVoicemailAttachmentFormats", func(c *voipms.Client, ctx context.Context) ([]voipms.CatalogEntry, error) {
			return c.Catalog.ListVoicemailAttachmentFormats(ctx)
		}, "wav49,wav,wavmp3,no"},
	} {
		sub(k.method, func(f *conf) {
			list, err := k.call(f.c, f.ctx)
			f.must(err)
			f.eq("values", values(list), k.want)
			for _, e := range list {
				if e.Description == "" {
					f.t.Errorf("%s has no description", e.Value)
				}
			}
			_, err = k.call(f.badAuth(), f.ctx)
			f.authErr(err)
		})
	}
}

// --- entities managed with get*/set*/del* ---

// entity describes the typed methods of one get*/set*/del* family. fetch
// returns a summary of the decoded record, compared with created after
// create and with updated after update.
type entity struct {
	get, set, del string
	before        int // records the account starts with
	create        func(f *conf) (int64, error)
	update        func(f *conf, id int64) error
	fetch         func(f *conf, id int64) (string, error)
	list          func(f *conf) ([]int64, error)
	remove        func(f *conf, id int64) error
	created       string
	updated       string
	// setErr and delErr, when set, run an extra state-dependent error path
	// (a conflict, a reference to something that does not exist).
	setErr func(f *conf, id int64)
	delErr func(f *conf, id int64)
	// invalid runs a call that the SDK refuses before sending.
	invalid func(f *conf)
}

func ids[T any](list []T, id func(T) int64) []int64 {
	out := make([]int64, len(list))
	for i, x := range list {
		out[i] = int64(id(x))
	}
	return out
}

func runEntity(sub func(string, func(*conf)), e entity) {
	sub(e.get, func(f *conf) {
		list, err := e.list(f)
		f.must(err)
		f.eq("records before", len(list), e.before)
		id, err := e.create(f)
		f.must(err)
		list, err = e.list(f)
		f.must(err)
		f.eq("records", len(list), e.before+1)
		f.eq("new id listed", list[len(list)-1], id)
		got, err := e.fetch(f, id)
		f.must(err)
		f.eq("record", got, e.created)
		_, err = e.fetch(f, id+1000)
		f.notFound(err)
	})
	sub(e.set, func(f *conf) {
		id, err := e.create(f)
		f.must(err)
		if id == 0 {
			f.t.Fatal("set* answered no id")
		}
		f.must(e.update(f, id))
		got, err := e.fetch(f, id)
		f.must(err)
		f.eq("record after update", got, e.updated)
		list, err := e.list(f)
		f.must(err)
		f.eq("records after update", len(list), e.before+1)
		f.apiErr(e.update(f, id+1000), voipms.ErrInvalidParameter, "")
		if e.setErr != nil {
			e.setErr(f, id)
		}
		if e.invalid != nil {
			e.invalid(f)
		}
	})
	sub(e.del, func(f *conf) {
		id, err := e.create(f)
		f.must(err)
		if e.delErr != nil {
			e.delErr(f, id)
		}
		f.must(e.remove(f, id))
		_, err = e.fetch(f, id)
		f.notFound(err)
		list, err := e.list(f)
		f.must(err)
		f.eq("records after delete", len(list), e.before)
		f.apiErr(e.remove(f, id), voipms.ErrInvalidParameter, "")
		f.invalid(e.remove(f, 0), "")
	})
}

func conformanceEntities(sub func(string, func(*conf))) {
	fwdParams := func(number, desc string) *voipms.ForwardingSetParams {
		return &voipms.ForwardingSetParams{PhoneNumber: number, Description: voipms.Ptr(desc), Pause: voipms.Ptr(decimal.RequireFromString("1.5")),
			DTMFDigits: voipms.Ptr("12#"), DiversionHeader: voipms.Ptr(true), CallerIDOverride: voipms.Ptr("5145550000")}
	}
	runEntity(sub, entity{
		get: "getForwardings", set: "setForwarding", del: "delForwarding",
		create: func(f *conf) (int64, error) { return f.c.Forwardings.Set(f.ctx, fwdParams("5145550123", "desk")) },
		update: func(f *conf, id int64) error {
			p := fwdParams("5145550124", "mobile")
			p.ID = &id
			_, err := f.c.Forwardings.Set(f.ctx, p)
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.Forwardings.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.PhoneNumber, "|", x.Description, "|", x.Pause, "|", x.DTMFDigits, "|", x.DiversionHeader, "|", x.CallerIDOverride), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.Forwardings.List(f.ctx)
			return ids(l, func(x voipms.Forwarding) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.Forwardings.Delete(f.ctx, id) },
		created: "5145550123|desk|1.5|12#|true|5145550000",
		updated: "5145550124|mobile|1.5|12#|true|5145550000",
		setErr: func(f *conf, id int64) {
			// pause is 0 to 10 (docs): refused before I/O, like a phone number that is not a number
			_, err := f.c.Forwardings.Set(f.ctx, &voipms.ForwardingSetParams{PhoneNumber: "5145550123", Pause: voipms.Ptr(decimal.RequireFromString("11"))})
			f.invalid(err, "pause")
			_, err = f.c.Forwardings.Set(f.ctx, &voipms.ForwardingSetParams{PhoneNumber: "514-CALL-NOW"})
			f.invalid(err, "phone_number")
		},
		invalid: func(f *conf) {
			_, err := f.c.Forwardings.Set(f.ctx, &voipms.ForwardingSetParams{})
			f.invalid(err, "phone_number")
		},
	})

	ivrParams := func(name string, choices voipms.IVRChoices) *voipms.IVRSetParams {
		return &voipms.IVRSetParams{Name: name, Recording: 7567, Timeout: 5, Language: "en", VoicemailSetup: 1, Choices: choices}
	}
	runEntity(sub, entity{
		get: "getIVRs", set: "setIVR", del: "delIVR",
		create: func(f *conf) (int64, error) {
			return f.c.IVRs.Set(f.ctx, ivrParams("Main menu", voipms.IVRChoices{{Digits: "1", Routing: voipms.RouteAccount("100001_VoIP")}}))
		},
		update: func(f *conf, id int64) error {
			p := ivrParams("Night menu", voipms.IVRChoices{{Digits: "1", Routing: voipms.RouteVoicemail("101")}, {Digits: "2", Routing: voipms.RouteSystem(voipms.SysEcho)}})
			p.ID = &id
			_, err := f.c.IVRs.Set(f.ctx, p)
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.IVRs.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Name, "|", x.Recording, "|", x.Timeout, "|", x.Language, "|", x.Choices), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.IVRs.List(f.ctx)
			return ids(l, func(x voipms.IVR) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.IVRs.Delete(f.ctx, id) },
		created: "Main menu|7567|5|en|1=account:100001_VoIP",
		updated: "Night menu|7567|5|en|1=vm:101;2=sys:echo",
		setErr: func(f *conf, id int64) {
			_, err := f.c.IVRs.Set(f.ctx, ivrParams("Bad", voipms.IVRChoices{{Digits: "1", Routing: voipms.RouteForwarding(1)}}))
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_route")
			p := ivrParams("Bad", voipms.IVRChoices{{Digits: "1", Routing: voipms.RouteNone()}})
			p.Recording = 1
			_, err = f.c.IVRs.Set(f.ctx, p)
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_recording")
		},
		invalid: func(f *conf) {
			_, err := f.c.IVRs.Set(f.ctx, &voipms.IVRSetParams{Recording: 7567})
			f.invalid(err, "name")
		},
	})

	queueParams := func(name, number string) *voipms.QueueSetParams {
		return &voipms.QueueSetParams{QueueName: name, QueueNumber: number, QueueLanguage: "en", PriorityWeight: 3,
			ReportHoldTimeAgent: voipms.YesNo(true), JoinWhenEmpty: voipms.QueueEmptyBehaviorYes, LeaveWhenEmpty: voipms.QueueEmptyBehaviorNo,
			RingStrategy: voipms.RingStrategyRingAll, RingInUse: voipms.YesNo(false), AgentRingTimeout: voipms.Ptr(int64(20)),
			FailOverRoutingTimeout: voipms.Ptr(voipms.RouteVoicemail("101"))}
	}
	runEntity(sub, entity{
		get: "getQueues", set: "setQueue", del: "delQueue",
		create: func(f *conf) (int64, error) { return f.c.Queues.Set(f.ctx, queueParams("Support", "100")) },
		update: func(f *conf, id int64) error {
			p := queueParams("Sales", "200")
			p.RingStrategy = voipms.RingStrategyRRMemory
			p.ID = &id
			_, err := f.c.Queues.Set(f.ctx, p)
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.Queues.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.QueueName, "|", x.QueueNumber, "|", x.PriorityWeight, "|", x.ReportHoldTimeAgent, "|", x.JoinWhenEmpty, "|",
				x.RingStrategy, "|", x.AgentRingTimeout, "|", x.MaximumCallers, "|", x.FailOverRoutingTimeout), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.Queues.List(f.ctx)
			return ids(l, func(x voipms.Queue) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.Queues.Delete(f.ctx, id) },
		created: "Support|100|3|true|yes|ringall|20|unlimited|vm:101",
		updated: "Sales|200|3|true|yes|rrmemory|20|unlimited|vm:101",
		setErr: func(f *conf, id int64) {
			p := queueParams("Bad", "300")
			p.JoinAnnouncement = voipms.Ptr("1")
			_, err := f.c.Queues.Set(f.ctx, p)
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_join_announcement")
		},
		invalid: func(f *conf) {
			p := queueParams("Bad", "300")
			p.PriorityWeight = 61
			_, err := f.c.Queues.Set(f.ctx, p)
			f.invalid(err, "priority_weight")
		},
	})

	memberQueue := func(f *conf) int64 {
		f.t.Helper()
		if f.queue == 0 {
			q, err := f.c.Queues.Set(f.ctx, queueParams("Support", "100"))
			f.must(err)
			f.queue = q
		}
		return f.queue
	}
	runEntity(sub, entity{
		get: "getStaticMembers", set: "setStaticMember", del: "delStaticMember",
		create: func(f *conf) (int64, error) {
			return f.c.Queues.SetStaticMember(f.ctx, &voipms.QueueSetStaticMemberParams{Queue: memberQueue(f), Name: "Alice", Account: voipms.Ptr("100001_VoIP"), Priority: 1})
		},
		update: func(f *conf, id int64) error {
			_, err := f.c.Queues.SetStaticMember(f.ctx, &voipms.QueueSetStaticMemberParams{ID: &id, Queue: memberQueue(f), Name: "Alice B", Account: voipms.Ptr("100001_Office"), Priority: 2})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.Queues.GetStaticMember(f.ctx, memberQueue(f), id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Name, "|", x.Account, "|", x.Priority, "|", x.QueueNumber == string(fmt.Sprint(f.queue))), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.Queues.ListStaticMembers(f.ctx, memberQueue(f))
			return ids(l, func(x voipms.StaticMember) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.Queues.DeleteStaticMember(f.ctx, memberQueue(f), id) },
		created: "Alice|100001_VoIP|1|true",
		updated: "Alice B|100001_Office|2|true",
		setErr: func(f *conf, id int64) {
			_, err := f.c.Queues.SetStaticMember(f.ctx, &voipms.QueueSetStaticMemberParams{Queue: memberQueue(f) + 1000, Name: "Bob", Priority: 1})
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_queue")
			_, err = f.c.Queues.ListStaticMembers(f.ctx, memberQueue(f)+1000)
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_queue")
		},
		invalid: func(f *conf) {
			_, err := f.c.Queues.SetStaticMember(f.ctx, &voipms.QueueSetStaticMemberParams{Queue: memberQueue(f)})
			f.invalid(err, "member_name")
		},
	})

	runEntity(sub, entity{
		get: "getRingGroups", set: "setRingGroup", del: "delRingGroup",
		create: func(f *conf) (int64, error) {
			return f.c.RingGroups.Set(f.ctx, &voipms.RingGroupSetParams{Name: "Front desk", Voicemail: "101",
				Members: voipms.RingGroupMembers{voipms.MemberWithOptions(voipms.RouteAccount("100001_VoIP"), 25, false)}})
		},
		update: func(f *conf, id int64) error {
			_, err := f.c.RingGroups.Set(f.ctx, &voipms.RingGroupSetParams{ID: &id, Name: "Back office", Voicemail: "1001", Language: voipms.Ptr("fr"),
				Members: voipms.RingGroupMembers{voipms.MemberWithOptions(voipms.RouteAccount("100001_VoIP"), 25, false), voipms.MemberWithOptions(voipms.RouteAccount("100001_Office"), 10, true)}})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.RingGroups.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Name, "|", x.Voicemail, "|", x.Language, "|", x.MusicOnHold, "|", x.Members), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.RingGroups.List(f.ctx)
			return ids(l, func(x voipms.RingGroup) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.RingGroups.Delete(f.ctx, id) },
		created: "Front desk|101|en|default|account:100001_VoIP,25,0",
		updated: "Back office|1001|fr|default|account:100001_VoIP,25,0;account:100001_Office,10,1",
		setErr: func(f *conf, id int64) {
			_, err := f.c.RingGroups.Set(f.ctx, &voipms.RingGroupSetParams{Name: "Bad", Voicemail: "999",
				Members: voipms.RingGroupMembers{voipms.Member(voipms.RouteAccount("100001_VoIP"))}})
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_mailbox")
		},
		invalid: func(f *conf) {
			_, err := f.c.RingGroups.Set(f.ctx, &voipms.RingGroupSetParams{Name: "Bad", Voicemail: "101"})
			f.invalid(err, "members")
		},
	})

	runEntity(sub, entity{
		get: "getSIPURIs", set: "setSIPURI", del: "delSIPURI",
		create: func(f *conf) (int64, error) {
			return f.c.SIPURIs.Set(f.ctx, &voipms.SIPURISetParams{URI: "alice@pbx.example.com", Description: voipms.Ptr("Alice")})
		},
		update: func(f *conf, id int64) error {
			_, err := f.c.SIPURIs.Set(f.ctx, &voipms.SIPURISetParams{ID: &id, URI: "bob@pbx.example.com", Description: voipms.Ptr("Bob"), CallerIDE164: voipms.Ptr(true)})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.SIPURIs.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.URI, "|", x.Description, "|", x.CallerIDE164), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.SIPURIs.List(f.ctx)
			return ids(l, func(x voipms.SIPURI) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.SIPURIs.Delete(f.ctx, id) },
		created: "alice@pbx.example.com|Alice|false",
		updated: "bob@pbx.example.com|Bob|true",
		setErr: func(f *conf, id int64) {
			_, err := f.c.SIPURIs.Set(f.ctx, &voipms.SIPURISetParams{URI: "no-host"})
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_sipuri")
		},
		delErr: func(f *conf, id int64) {
			pb, err := f.c.Phonebook.Set(f.ctx, &voipms.PhonebookSetParams{Name: "Alice", Number: fmt.Sprintf("sip:%d", id)})
			f.must(err)
			f.apiErr(f.c.SIPURIs.Delete(f.ctx, id), voipms.ErrConflict, "sipuri_in_phonebook")
			f.must(f.c.Phonebook.Delete(f.ctx, pb))
		},
		invalid: func(f *conf) {
			_, err := f.c.SIPURIs.Set(f.ctx, &voipms.SIPURISetParams{})
			f.invalid(err, "uri")
		},
	})

	tcParams := func(name string) *voipms.TimeConditionSetParams {
		return &voipms.TimeConditionSetParams{Name: name, RoutingMatch: voipms.RouteAccount("100001_VoIP"), RoutingNoMatch: voipms.RouteVoicemail("101"),
			StartHour: "8;8", StartMinute: "0;0", EndHour: "16;12", EndMinute: "0;30", WeekdayStart: "mon;sat", WeekdayEnd: "fri;sat"}
	}
	runEntity(sub, entity{
		get: "getTimeConditions", set: "setTimeCondition", del: "delTimeCondition",
		create: func(f *conf) (int64, error) { return f.c.TimeConditions.Set(f.ctx, tcParams("Office hours")) },
		update: func(f *conf, id int64) error {
			p := tcParams("Summer hours")
			p.ID = &id
			p.RoutingNoMatch = voipms.RouteSystem(voipms.SysHangup)
			_, err := f.c.TimeConditions.Set(f.ctx, p)
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.TimeConditions.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Name, "|", x.RoutingMatch, "|", x.RoutingNoMatch, "|", x.StartHour, "|", x.EndMinute, "|", x.WeekdayStart), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.TimeConditions.List(f.ctx)
			return ids(l, func(x voipms.TimeCondition) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.TimeConditions.Delete(f.ctx, id) },
		created: "Office hours|account:100001_VoIP|vm:101|8;8|0;30|mon;sat",
		updated: "Summer hours|account:100001_VoIP|sys:hangup|8;8|0;30|mon;sat",
		setErr: func(f *conf, id int64) {
			p := tcParams("Bad")
			p.EndHour = "16"
			_, err := f.c.TimeConditions.Set(f.ctx, p)
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_numbermembers")
		},
		invalid: func(f *conf) {
			p := tcParams("Bad")
			p.RoutingMatch = voipms.Routing{}
			_, err := f.c.TimeConditions.Set(f.ctx, p)
			f.invalid(err, "routing_match")
		},
	})

	runEntity(sub, entity{
		get: "getCallbacks", set: "setCallback", del: "delCallback",
		create: func(f *conf) (int64, error) {
			return f.c.Callbacks.Set(f.ctx, &voipms.CallbackSetParams{Description: "Home", Number: "5145550123", DelayBefore: 5, ResponseTimeout: 10, DigitTimeout: 3})
		},
		update: func(f *conf, id int64) error {
			_, err := f.c.Callbacks.Set(f.ctx, &voipms.CallbackSetParams{ID: &id, Description: "Cell", Number: "5145550124", DelayBefore: 0, ResponseTimeout: 20, DigitTimeout: 4, CallerIDNumber: voipms.Ptr("5145550000")})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.Callbacks.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Description, "|", x.Number, "|", x.DelayBefore, "|", x.ResponseTimeout, "|", x.DigitTimeout, "|", x.CallerIDNumber), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.Callbacks.List(f.ctx)
			return ids(l, func(x voipms.Callback) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.Callbacks.Delete(f.ctx, id) },
		created: "Home|5145550123|5|10|3|",
		updated: "Cell|5145550124|0|20|4|5145550000",
		setErr: func(f *conf, id int64) {
			did := f.buy(0)
			_, err := f.c.Callbacks.Set(f.ctx, &voipms.CallbackSetParams{Description: "Own", Number: did, ResponseTimeout: 10, DigitTimeout: 3})
			f.apiErr(err, voipms.ErrConflict, "existing_did")
		},
		invalid: func(f *conf) {
			_, err := f.c.Callbacks.Set(f.ctx, &voipms.CallbackSetParams{Description: "Bad", Number: "5145550123"})
			f.invalid(err, "response_timeout")
		},
	})

	runEntity(sub, entity{
		get: "getCallerIDFiltering", set: "setCallerIDFiltering", del: "delCallerIDFiltering",
		create: func(f *conf) (int64, error) {
			return f.c.CallerIDFilters.Set(f.ctx, &voipms.CallerIDFilterSetParams{CallerID: "5145550123", DID: "all", Routing: voipms.RouteSystem(voipms.SysBusy), Note: voipms.Ptr("spam")})
		},
		update: func(f *conf, id int64) error {
			_, err := f.c.CallerIDFilters.Set(f.ctx, &voipms.CallerIDFilterSetParams{ID: &id, CallerID: "0", DID: "all", Routing: voipms.RouteSystem(voipms.SysHangup),
				FailoverBusy: voipms.Ptr(voipms.RouteVoicemail("101"))})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.CallerIDFilters.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.CallerID, "|", x.DID, "|", x.Routing, "|", x.FailoverBusy, "|", x.Note), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.CallerIDFilters.List(f.ctx, nil)
			return ids(l, func(x voipms.CallerIDFilter) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.CallerIDFilters.Delete(f.ctx, id) },
		created: "5145550123|all|sys:busy|none:|spam",
		updated: "0|all|sys:hangup|vm:101|",
		setErr: func(f *conf, id int64) {
			// id now filters "0" on all DIDs: a second filter for the same
			// caller ID and DID is a duplicate.
			_, err := f.c.CallerIDFilters.Set(f.ctx, &voipms.CallerIDFilterSetParams{CallerID: "0", DID: "all", Routing: voipms.RouteSystem(voipms.SysBusy)})
			f.apiErr(err, voipms.ErrConflict, "used_filter")
			// Filters of one DID.
			did := f.buy(0)
			_, err = f.c.CallerIDFilters.Set(f.ctx, &voipms.CallerIDFilterSetParams{CallerID: "i", DID: did, Routing: voipms.RouteSystem(voipms.SysBusy)})
			f.must(err)
			mine, err := f.c.CallerIDFilters.List(f.ctx, &voipms.CallerIDFilterListParams{DID: &did})
			f.must(err)
			f.eq("filters of the DID", len(mine), 1)
			_, err = f.c.CallerIDFilters.Set(f.ctx, &voipms.CallerIDFilterSetParams{CallerID: "i", DID: "3055550199", Routing: voipms.RouteSystem(voipms.SysBusy)})
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")
		},
		invalid: func(f *conf) {
			_, err := f.c.CallerIDFilters.Set(f.ctx, &voipms.CallerIDFilterSetParams{CallerID: "0", DID: "all"})
			f.invalid(err, "routing")
		},
	})

	runEntity(sub, entity{
		get: "getDISAs", set: "setDISA", del: "delDISA",
		create: func(f *conf) (int64, error) {
			return f.c.DISAs.Set(f.ctx, &voipms.DISASetParams{Name: "Remote", PIN: "4321", DigitTimeout: 10})
		},
		update: func(f *conf, id int64) error {
			_, err := f.c.DISAs.Set(f.ctx, &voipms.DISASetParams{ID: &id, Name: "Travel", PIN: "8765", DigitTimeout: 12, Language: voipms.Ptr("es")})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.DISAs.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Name, "|", x.PIN, "|", x.DigitTimeout, "|", x.Language), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.DISAs.List(f.ctx)
			return ids(l, func(x voipms.DISA) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.DISAs.Delete(f.ctx, id) },
		created: "Remote|4321|10|en",
		updated: "Travel|8765|12|es",
		setErr: func(f *conf, id int64) {
			_, err := f.c.DISAs.Set(f.ctx, &voipms.DISASetParams{Name: "Bad", PIN: "1", DigitTimeout: 10, Language: voipms.Ptr("de")})
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_language")
		},
		invalid: func(f *conf) {
			_, err := f.c.DISAs.Set(f.ctx, &voipms.DISASetParams{Name: "Bad", PIN: "12ab", DigitTimeout: 10})
			f.invalid(err, "pin")
		},
	})

	runEntity(sub, entity{
		get: "getPhonebook", set: "setPhonebook", del: "delPhonebook",
		create: func(f *conf) (int64, error) {
			return f.c.Phonebook.Set(f.ctx, &voipms.PhonebookSetParams{Name: "Jane Roe", Number: "5145550123", SpeedDial: voipms.Ptr("12")})
		},
		update: func(f *conf, id int64) error {
			if f.group == 0 {
				g, err := f.c.Phonebook.SetGroup(f.ctx, &voipms.PhonebookSetGroupParams{Name: "Family"})
				if err != nil {
					return err
				}
				f.group = g
			}
			_, err := f.c.Phonebook.Set(f.ctx, &voipms.PhonebookSetParams{ID: &id, Name: "Jane Doe", Number: "5145550124", SpeedDial: voipms.Ptr("13"), GroupID: &f.group, Note: voipms.Ptr("sister")})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.Phonebook.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Name, "|", x.Number, "|", x.SpeedDial, "|", x.GroupName, "|", x.Note), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.Phonebook.List(f.ctx, nil)
			return ids(l, func(x voipms.PhonebookEntry) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.Phonebook.Delete(f.ctx, id) },
		created: "Jane Roe|5145550123|12||",
		updated: "Jane Doe|5145550124|13|Family|sister",
		setErr: func(f *conf, id int64) {
			_, err := f.c.Phonebook.Set(f.ctx, &voipms.PhonebookSetParams{Name: "John", Number: "5145550125", SpeedDial: voipms.Ptr("13")})
			f.apiErr(err, voipms.ErrConflict, "used_speed_dial")
			byName, err := f.c.Phonebook.List(f.ctx, &voipms.PhonebookListParams{Name: voipms.Ptr("jane")})
			f.must(err)
			f.eq("search by name", len(byName), 1)
		},
		invalid: func(f *conf) {
			_, err := f.c.Phonebook.Set(f.ctx, &voipms.PhonebookSetParams{Name: "Nobody"})
			f.invalid(err, "number")
		},
	})

	runEntity(sub, entity{
		get: "getPhonebookGroups", set: "setPhonebookGroup", del: "delPhonebookGroup",
		create: func(f *conf) (int64, error) {
			return f.c.Phonebook.SetGroup(f.ctx, &voipms.PhonebookSetGroupParams{Name: "Friends"})
		},
		update: func(f *conf, id int64) error {
			a, err := f.c.Phonebook.Set(f.ctx, &voipms.PhonebookSetParams{Name: "A", Number: "5145550001"})
			if err != nil {
				return err
			}
			b, err := f.c.Phonebook.Set(f.ctx, &voipms.PhonebookSetParams{Name: "B", Number: "5145550002"})
			if err != nil {
				return err
			}
			_, err = f.c.Phonebook.SetGroup(f.ctx, &voipms.PhonebookSetGroupParams{ID: &id, Name: "Close friends", Members: voipms.Ptr(fmt.Sprintf("%d;%d", a, b))})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.Phonebook.GetGroup(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Name, "|", x.Members), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.Phonebook.ListGroups(f.ctx, nil)
			return ids(l, func(x voipms.PhonebookGroup) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.Phonebook.DeleteGroup(f.ctx, id) },
		created: "Friends|",
		updated: "Close friends|32207;32208",
		setErr: func(f *conf, id int64) {
			_, err := f.c.Phonebook.SetGroup(f.ctx, &voipms.PhonebookSetGroupParams{Name: "close FRIENDS"})
			f.apiErr(err, voipms.ErrConflict, "duplicated_name")
			_, err = f.c.Phonebook.SetGroup(f.ctx, &voipms.PhonebookSetGroupParams{Name: "Ghosts", Members: voipms.Ptr("1")})
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_phonebook")
		},
		invalid: func(f *conf) {
			_, err := f.c.Phonebook.SetGroup(f.ctx, &voipms.PhonebookSetGroupParams{})
			f.invalid(err, "name")
		},
	})

	const wav = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA="
	runEntity(sub, entity{
		get: "getRecordings", set: "setRecording", del: "delRecording", before: 2,
		create: func(f *conf) (int64, error) {
			return f.c.Recordings.Set(f.ctx, &voipms.RecordingSetParams{File: wav, Name: "Closed"})
		},
		update: func(f *conf, id int64) error {
			_, err := f.c.Recordings.Set(f.ctx, &voipms.RecordingSetParams{ID: &id, File: wav, Name: "Holiday"})
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.Recordings.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.ID == int64(id), "|", x.Name), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.Recordings.List(f.ctx)
			return ids(l, func(x voipms.Recording) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.Recordings.Delete(f.ctx, id) },
		created: "true|Closed",
		updated: "true|Holiday",
		setErr: func(f *conf, id int64) {
			_, err := f.c.Recordings.Set(f.ctx, &voipms.RecordingSetParams{File: "not base64!", Name: "Bad"})
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_file")
		},
		delErr: func(f *conf, id int64) {
			ivr, err := f.c.IVRs.Set(f.ctx, &voipms.IVRSetParams{Name: "Menu", Recording: id, Timeout: 5, Language: "en", VoicemailSetup: 1,
				Choices: voipms.IVRChoices{{Digits: "1", Routing: voipms.RouteNone()}}})
			f.must(err)
			f.apiErr(f.c.Recordings.Delete(f.ctx, id), voipms.ErrConflict, "recording_in_use_ivr")
			f.must(f.c.IVRs.Delete(f.ctx, ivr))
		},
		invalid: func(f *conf) {
			_, err := f.c.Recordings.Set(f.ctx, &voipms.RecordingSetParams{Name: "Bad"})
			f.invalid(err, "file")
		},
	})

	sub("getRecordingFile", func(f *conf) {
		id, err := f.c.Recordings.Set(f.ctx, &voipms.RecordingSetParams{File: wav, Name: "Closed"})
		f.must(err)
		file, err := f.c.Recordings.GetFile(f.ctx, id)
		f.must(err)
		f.eq("id", file.ID, id)
		f.eq("data", file.Data, wav)
		seeded, err := f.c.Recordings.GetFile(f.ctx, 7567)
		f.must(err)
		f.eq("seeded id", seeded.ID, 7567)
		_, err = f.c.Recordings.GetFile(f.ctx, 1)
		f.apiErr(err, voipms.ErrNotFound, "invalid_recording")
		_, err = f.c.Recordings.GetFile(f.ctx, 0)
		f.invalid(err, "recording")
	})

	chParams := func(desc string) *voipms.CallHuntingSetParams {
		return &voipms.CallHuntingSetParams{Description: desc, Music: "default", Recording: "none", Language: "en", Order: voipms.RingGroupOrderFollow,
			Members: voipms.Routings{voipms.RouteAccount("100001_VoIP"), voipms.RouteVoicemail("101")}, RingTime: "20;30", Press: "0;1"}
	}
	runEntity(sub, entity{
		get: "getCallHuntings", set: "setCallHunting", del: "delCallHunting",
		create: func(f *conf) (int64, error) { return f.c.CallHuntings.Set(f.ctx, chParams("Sales line")) },
		update: func(f *conf, id int64) error {
			p := chParams("Support line")
			p.ID = &id
			p.Order = voipms.RingGroupOrderRandom
			p.Recording = "7568"
			_, err := f.c.CallHuntings.Set(f.ctx, p)
			return err
		},
		fetch: func(f *conf, id int64) (string, error) {
			x, err := f.c.CallHuntings.Get(f.ctx, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(x.Description, "|", x.Members, "|", x.RingTime, "|", x.Press, "|", x.Order, "|", x.Recording, "|", x.Music), nil
		},
		list: func(f *conf) ([]int64, error) {
			l, err := f.c.CallHuntings.List(f.ctx)
			return ids(l, func(x voipms.CallHunting) int64 { return x.ID }), err
		},
		remove:  func(f *conf, id int64) error { return f.c.CallHuntings.Delete(f.ctx, id) },
		created: "Sales line|account:100001_VoIP;vm:101|20;30|0;1|follow|none|default",
		updated: "Support line|account:100001_VoIP;vm:101|20;30|0;1|random|7568|default",
		setErr: func(f *conf, id int64) {
			p := chParams("Bad")
			p.Press = "0"
			_, err := f.c.CallHuntings.Set(f.ctx, p)
			f.apiErr(err, voipms.ErrInvalidParameter, "invalid_numbermembers")
		},
		invalid: func(f *conf) {
			p := chParams("Bad")
			p.Order = "alphabetical"
			_, err := f.c.CallHuntings.Set(f.ctx, p)
			f.invalid(err, "order")
		},
	})
}

// --- SMS and MMS ---

func conformanceMessages(sub func(string, func(*conf))) {
	sub("sendSMS", func(f *conf) {
		did := f.buy(0)
		id, err := f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: "hello"})
		f.must(err)
		m, err := f.c.SMS.Get(f.ctx, id)
		f.must(err)
		f.eq("message", m.Message, "hello")
		f.eq("contact", m.Contact, "5145550123")
		f.eq("did", m.DID, did)
		f.eq("type", m.Type, voipms.MessageTypeSent)
		f.eq("date", m.Date.Format(time.DateTime), "2025-03-14 15:04:05")
		f.eq("sent", f.srv.Executed().SMSSent, 1)
		// To another DID of the account: delivered to it as well.
		other := f.buy(1)
		_, err = f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: other, Message: "internal"})
		f.must(err)
		in, err := f.c.SMS.List(f.ctx, &voipms.SMSListParams{DID: &other, Type: voipms.Ptr(voipms.MessageTypeReceived)})
		f.must(err)
		f.eq("received", len(in) == 1 && in[0].Contact == string(did), true)

		_, err = f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: "3055550199", Destination: "5145550123", Message: "x"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")
		_, err = f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: strings.Repeat("x", 161)})
		f.invalid(err, "message")
	})

	sub("getSMS", func(f *conf) {
		did := f.buy(0)
		none, err := f.c.SMS.List(f.ctx, nil)
		f.must(err)
		f.eq("none", len(none), 0)
		var sent []int64
		for _, text := range []string{"one", "two", "three"} {
			id, err := f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: text})
			f.must(err)
			sent = append(sent, id)
		}
		all, err := f.c.SMS.List(f.ctx, &voipms.SMSListParams{DID: &did})
		f.must(err)
		f.eq("listed newest first", ids(all, func(m voipms.SMS) int64 { return m.ID }), []int64{sent[2], sent[1], sent[0]})
		two, err := f.c.SMS.List(f.ctx, &voipms.SMSListParams{Limit: voipms.Ptr(int64(2))})
		f.must(err)
		f.eq("limit", len(two), 2)
		d := today()
		day, err := f.c.SMS.List(f.ctx, &voipms.SMSListParams{From: &d, To: &d, Contact: voipms.Ptr("5145550123")})
		f.must(err)
		f.eq("by date and contact", len(day), 3)
		m, err := f.c.SMS.Get(f.ctx, sent[1])
		f.must(err)
		f.eq("get", m.Message, "two")

		_, err = f.c.SMS.Get(f.ctx, 1)
		f.notFound(err)
		later := time.Date(2025, time.March, 20, 0, 0, 0, 0, time.UTC)
		_, err = f.c.SMS.List(f.ctx, &voipms.SMSListParams{From: &later, To: &d})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_daterange")
		_, err = f.c.SMS.List(f.ctx, &voipms.SMSListParams{Timezone: voipms.Ptr(decimal.RequireFromString("14"))})
		f.invalid(err, "timezone")
	})

	sub("deleteSMS", func(f *conf) {
		did := f.buy(0)
		id, err := f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: "bye"})
		f.must(err)
		f.must(f.c.SMS.Delete(f.ctx, id))
		_, err = f.c.SMS.Get(f.ctx, id)
		f.notFound(err)
		f.apiErr(f.c.SMS.Delete(f.ctx, id), voipms.ErrInvalidParameter, "invalid_sms")
		f.invalid(f.c.SMS.Delete(f.ctx, 0), "id")
	})

	sub("setSMS", func(f *conf) {
		did := f.buy(0)
		f.must(f.c.SMS.SetSettings(f.ctx, &voipms.SMSSetSettingsParams{DID: did, Enable: true, URLCallbackEnable: voipms.Ptr(true),
			URLCallback: voipms.Ptr("https://example.com/sms"), EmailEnabled: voipms.Ptr(true), EmailAddress: voipms.Ptr("ops@example.com")}))
		d := f.get(did)
		f.eq("enabled", d.SMSEnabled, true)
		f.eq("callback", d.SMSURLCallback, "https://example.com/sms")
		f.eq("callback enabled", d.SMSURLCallbackEnabled, true)
		f.eq("email", d.SMSEmail, "ops@example.com")
		// UpdateSettings keeps what it does not touch.
		f.must(f.c.SMS.UpdateSettings(f.ctx, did, func(p *voipms.SMSSetSettingsParams) error {
			p.SMSForward, p.SMSForwardEnable = voipms.Ptr("5145550123"), voipms.Ptr(true)
			return nil
		}))
		d = f.get(did)
		f.eq("forward", d.SMSForward, "5145550123")
		f.eq("callback kept", d.SMSURLCallback, "https://example.com/sms")
		f.eq("email kept", d.SMSEmailEnabled, true)
		// Turning SMS off stops sends.
		f.must(f.c.SMS.UpdateSettings(f.ctx, did, func(p *voipms.SMSSetSettingsParams) error { p.Enable = false; return nil }))
		_, err := f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: "x"})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")

		err = f.c.SMS.SetSettings(f.ctx, &voipms.SMSSetSettingsParams{DID: did, Enable: true, URLCallback: voipms.Ptr("ftp://example.com")})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_callback")
		f.invalid(f.c.SMS.SetSettings(f.ctx, &voipms.SMSSetSettingsParams{DID: "123", Enable: true}), "did")
	})

	const png = "data:image/png;base64,iVBORw0KGgo="
	sub("sendMMS", func(f *conf) {
		did := f.buy(0)
		id, err := f.c.SMS.SendMMS(f.ctx, &voipms.SMSSendMMSParams{DID: did, Destination: "5145550123", Message: "photo",
			Media1: voipms.Ptr("https://example.com/a.jpg"), Media2: voipms.Ptr(png)})
		f.must(err)
		m, err := f.c.SMS.GetMMS(f.ctx, id)
		f.must(err)
		f.eq("message", m.Message, "photo")
		f.eq("media1", m.Media1, "https://example.com/a.jpg")
		f.eq("media count", len(m.Media), 2)
		f.eq("mms sent", f.srv.Executed().MMSSent, 1)
		_, err = f.c.SMS.SendMMS(f.ctx, &voipms.SMSSendMMSParams{DID: did, Destination: "5145550123", Message: "x", Media1: voipms.Ptr("ftp://x")})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_file")
		_, err = f.c.SMS.SendMMS(f.ctx, &voipms.SMSSendMMSParams{DID: did, Destination: "5145550123"})
		f.invalid(err, "message")
	})

	sub("getMMS", func(f *conf) {
		did := f.buy(0)
		_, err := f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: "text"})
		f.must(err)
		id, err := f.c.SMS.SendMMS(f.ctx, &voipms.SMSSendMMSParams{DID: did, Destination: "5145550123", Message: "pic", Media1: voipms.Ptr("https://example.com/a.jpg")})
		f.must(err)
		mms, err := f.c.SMS.ListMMS(f.ctx, nil)
		f.must(err)
		f.eq("mms only", ids(mms, func(m voipms.MMS) int64 { return m.ID }), []int64{id})
		both, err := f.c.SMS.ListMMS(f.ctx, &voipms.SMSListMMSParams{AllMessages: voipms.Ptr(true)})
		f.must(err)
		f.eq("all messages", len(both), 2)
		m, err := f.c.SMS.GetMMS(f.ctx, id)
		f.must(err)
		f.eq("media", m.Media, []string{"https://example.com/a.jpg"})
		_, err = f.c.SMS.GetMMS(f.ctx, 1)
		f.notFound(err)
		_, err = f.c.SMS.ListMMS(f.ctx, &voipms.SMSListMMSParams{DID: voipms.Ptr("3055550199")})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_did")
		_, err = f.c.SMS.GetMMS(f.ctx, 0)
		f.invalid(err, "mms")
	})

	sub("deleteMMS", func(f *conf) {
		did := f.buy(0)
		id, err := f.c.SMS.SendMMS(f.ctx, &voipms.SMSSendMMSParams{DID: did, Destination: "5145550123", Message: "pic"})
		f.must(err)
		f.must(f.c.SMS.DeleteMMS(f.ctx, id))
		_, err = f.c.SMS.GetMMS(f.ctx, id)
		f.notFound(err)
		f.apiErr(f.c.SMS.DeleteMMS(f.ctx, id), voipms.ErrInvalidParameter, "invalid_sms")
		f.invalid(f.c.SMS.DeleteMMS(f.ctx, -1), "id")
	})

	sub("getMediaMMS", func(f *conf) {
		did := f.buy(0)
		id, err := f.c.SMS.SendMMS(f.ctx, &voipms.SMSSendMMSParams{DID: did, Destination: "5145550123", Message: "pics",
			Media1: voipms.Ptr("https://example.com/a.jpg"), Media2: voipms.Ptr("https://example.com/b.jpg")})
		f.must(err)
		media, err := f.c.SMS.GetMMSMedia(f.ctx, id)
		f.must(err)
		f.eq("id", media.ID, id)
		f.eq("media", media.Media, []string{"https://example.com/a.jpg", "https://example.com/b.jpg"})
		f.eq("date", media.Date.Format(time.DateTime), "2025-03-14 15:04:05")
		_, err = f.c.SMS.GetMMSMedia(f.ctx, id+1000)
		f.apiErr(err, voipms.ErrNotFound, "invalid_id")
		_, err = f.c.SMS.GetMMSMedia(f.ctx, 0)
		f.invalid(err, "id")
	})

	// resellerDID buys a number and connects it to reseller client 561115.
	resellerDID := func(f *conf) string {
		did := f.buy(0)
		f.must(f.c.DIDs.Connect(f.ctx, &voipms.DIDConnectParams{DID: did, Account: "100001_Acme",
			Monthly: decimal.RequireFromString("3"), Setup: decimal.RequireFromString("0"), Minute: decimal.RequireFromString("0.01")}))
		return did
	}
	sub("getResellerSMS", func(f *conf) {
		did := resellerDID(f)
		mine := f.buy(1) // not the client's
		_, err := f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: mine, Destination: "5145550123", Message: "not theirs"})
		f.must(err)
		id, err := f.c.SMS.Send(f.ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: "theirs"})
		f.must(err)
		list, err := f.c.SMS.ListReseller(f.ctx, &voipms.SMSListResellerParams{Client: 561115, To: today()})
		f.must(err)
		f.eq("client's messages", ids(list, func(m voipms.SMS) int64 { return m.ID }), []int64{id})
		f.eq("message", list[0].Message, "theirs")
		other, err := f.c.SMS.ListReseller(f.ctx, &voipms.SMSListResellerParams{Client: 561116, To: today()})
		f.must(err)
		f.eq("other client's", len(other), 0)
		_, err = f.c.SMS.ListReseller(f.ctx, &voipms.SMSListResellerParams{Client: 999, To: today()})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_client")
		_, err = f.c.SMS.ListReseller(f.ctx, &voipms.SMSListResellerParams{Client: 561115})
		f.invalid(err, "to")
	})

	sub("getResellerMMS", func(f *conf) {
		did := resellerDID(f)
		id, err := f.c.SMS.SendMMS(f.ctx, &voipms.SMSSendMMSParams{DID: did, Destination: "5145550123", Message: "pic", Media1: voipms.Ptr("https://example.com/a.jpg")})
		f.must(err)
		list, err := f.c.SMS.ListResellerMMS(f.ctx, &voipms.SMSListResellerMMSParams{Client: 561115, To: today()})
		f.must(err)
		f.eq("client's MMS", ids(list, func(m voipms.MMS) int64 { return m.ID }), []int64{id})
		f.eq("message", list[0].Message, "pic")
		_, err = f.c.SMS.ListResellerMMS(f.ctx, &voipms.SMSListResellerMMSParams{Client: 999, To: today()})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_client")
		_, err = f.c.SMS.ListResellerMMS(f.ctx, &voipms.SMSListResellerMMSParams{To: today()})
		f.invalid(err, "client")
	})
}

// --- account, reseller and general ---

func conformanceAccount(sub func(string, func(*conf))) {
	sub("getServersInfo", func(f *conf) {
		servers, err := f.c.General.ListServers(f.ctx)
		f.must(err)
		f.eq("servers", len(servers), 62) // VoIP.ms's published POP list (voipmstest/data/servers.tsv)
		recommended := 0
		for _, s := range servers {
			if s.Recommended {
				recommended++
			}
		}
		f.eq("recommended", recommended, 1)
		s, err := f.c.General.GetServer(f.ctx, 3)
		f.must(err)
		f.eq("pop", s.POP, 3)
		f.eq("ip", s.IP, "208.100.60.17")
		f.eq("hostname", s.Hostname, "atlanta1.voip.ms")
		f.eq("same as listed", s.Hostname, servers[2].Hostname)
		f.t.Run("unknown POP is ErrNotFound", func(t *testing.T) {
			_, err := f.c.General.GetServer(f.ctx, 99)
			if !errors.Is(err, voipms.ErrNotFound) {
				t.Errorf("unknown POP must match ErrNotFound: err = %v", err)
			}
		})
		_, err = f.badAuth().General.ListServers(f.ctx)
		f.authErr(err)
	})

	sub("getSubAccounts", func(f *conf) {
		all, err := f.c.Accounts.List(f.ctx, nil)
		f.must(err)
		var names []string
		for _, a := range all {
			names = append(names, string(a.Account))
		}
		f.eq("accounts", names, []string{"100001_VoIP", "100001_Office", "100001_Acme", "100001_Globex"})
		a, err := f.c.Accounts.Get(f.ctx, "100001_Acme")
		f.must(err)
		f.eq("reseller client", a.ResellerClient, "561115")
		f.eq("dtmf", a.DTMFMode, voipms.DTMFModeAuto)
		f.eq("next billing", a.ResellerNextBilling.Format(time.DateOnly), "2025-04-14")
		_, err = f.c.Accounts.Get(f.ctx, "100001_Nobody")
		f.notFound(err)
		_, err = f.badAuth().Accounts.List(f.ctx, nil)
		f.authErr(err)
	})

	sub("getVoicemails", func(f *conf) {
		all, err := f.c.Voicemail.List(f.ctx, nil)
		f.must(err)
		f.eq("mailboxes", len(all), 2)
		v, err := f.c.Voicemail.Get(f.ctx, "1001")
		f.must(err)
		f.eq("name", v.Name, "VoIP")
		f.eq("attach", v.AttachMessage, true)
		f.eq("format", v.EmailAttachmentFormat, voipms.EmailAttachmentFormatWav49)
		_, err = f.c.Voicemail.Get(f.ctx, "999")
		f.notFound(err)
		_, err = f.c.Voicemail.List(f.ctx, &voipms.VoicemailListParams{Client: voipms.Ptr(int64(999))})
		f.apiErr(err, voipms.ErrInvalidParameter, "invalid_client")
	})

	sub("getIP", func(f *conf) {
		ip, err := f.c.General.GetIP(f.ctx)
		f.must(err)
		f.eq("ip", ip, "127.0.0.1")
		_, err = f.badAuth().General.GetIP(f.ctx)
		f.authErr(err)
	})

	sub("delClient", func(f *conf) {
		f.must(f.c.Clients.Delete(f.ctx, 561116))
		_, err := f.c.Accounts.Get(f.ctx, "100001_Globex")
		f.notFound(err)
		f.apiErr(f.c.Clients.Delete(f.ctx, 561116), voipms.ErrInvalidParameter, "invalid_client")
		// A client with DIDs connected cannot go.
		did := f.buy(0)
		f.must(f.c.DIDs.Connect(f.ctx, &voipms.DIDConnectParams{DID: did, Account: "100001_Acme",
			Monthly: decimal.RequireFromString("3"), Setup: decimal.RequireFromString("0"), Minute: decimal.RequireFromString("0.01")}))
		f.apiErr(f.c.Clients.Delete(f.ctx, 561115), voipms.ErrConflict, "account_with_dids")
		f.must(f.c.DIDs.Unconnect(f.ctx, did))
		f.must(f.c.Clients.Delete(f.ctx, 561115))
		f.invalid(f.c.Clients.Delete(f.ctx, 0), "client")
	})

	sub("delConference", func(f *conf) {
		f.must(f.c.Conferences.Delete(f.ctx, 737))
		f.apiErr(f.c.Conferences.Delete(f.ctx, 737), voipms.ErrInvalidParameter, "invalid_conference")
		f.invalid(f.c.Conferences.Delete(f.ctx, 0), "conference")
	})

	sub("delConferenceMember", func(f *conf) {
		f.must(f.c.Conferences.DeleteMember(f.ctx, 4234))
		f.apiErr(f.c.Conferences.DeleteMember(f.ctx, 4234), voipms.ErrInvalidParameter, "invalid_member")
		f.invalid(f.c.Conferences.DeleteMember(f.ctx, 0), "member")
	})

	sub("delSequences", func(f *conf) {
		f.must(f.c.Sequences.Delete(f.ctx, &voipms.SequenceDeleteParams{Sequence: 11}))
		err := f.c.Sequences.Delete(f.ctx, &voipms.SequenceDeleteParams{Sequence: 11})
		var ae *voipms.APIError
		if !errors.As(err, &ae) || ae.Status != "no_sequences" {
			f.t.Errorf("delete again: err = %v, want no_sequences", err)
		}
		f.t.Run("no_sequences is ErrNotFound", func(t *testing.T) {
			if !errors.Is(err, voipms.ErrNotFound) {
				t.Errorf("no_sequences must match ErrNotFound: err = %v", err)
			}
		})
		f.invalid(f.c.Sequences.Delete(f.ctx, nil), "sequence")
	})
}
