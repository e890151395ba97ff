package voipmstest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file simulates the reseller side of the account: reseller clients and
// their balances (charges, payments, thresholds, packages) and the account's
// own balance and transaction history.

func init() {
	for name, h := range map[string]func(*call) (obj, error){
		"getClients":            (*call).getClients,
		"signupClient":          (*call).signupClient,
		"setClient":             (*call).setClient,
		"addCharge":             func(c *call) (obj, error) { return c.moveMoney(false) },
		"addPayment":            func(c *call) (obj, error) { return c.moveMoney(true) },
		"getCharges":            func(c *call) (obj, error) { return c.ledger("getCharges", "charges", false) },
		"getDeposits":           func(c *call) (obj, error) { return c.ledger("getDeposits", "deposits", true) },
		"getResellerBalance":    (*call).getResellerBalance,
		"getClientThreshold":    (*call).getClientThreshold,
		"setClientThreshold":    (*call).setClientThreshold,
		"getClientPackages":     (*call).getClientPackages,
		"getPackages":           (*call).getPackages,
		"getBalanceManagement":  (*call).getBalanceManagement,
		"getBalance":            (*call).getBalance,
		"getTransactionHistory": (*call).getTransactionHistory,
	} {
		handlers[name] = h
	}
	testMethods["addCharge"] = true
	testMethods["addPayment"] = true
}

// clientRec is one reseller client.
type clientRec struct {
	f         map[string]string // the getClients row
	balance   money
	charges   []ledgerEntry
	deposits  []ledgerEntry
	threshold string
	alertMail string
}

// ledgerEntry is one charge or deposit of a reseller client.
type ledgerEntry struct {
	id     int
	date   string
	amount money
	desc   string
}

// transaction is one line of the account's transaction history.
type transaction struct {
	at       time.Time
	uniqueID string
	typ      string
	desc     string
	amount   money // negative for a debit
}

// balanceManagement are the values of getBalanceManagement.
var balanceManagement = []valueDesc{
	{"1", "Hard - suspend the client"},
	{"2", "Soft - let the balance go negative"},
}

// defaultAccountBalance is the account's opening deposit.
const defaultAccountBalance = "100.00"

// seedBilling creates the reseller clients 561115 (Acme) and 561116
// (Globex), two packages and the account's opening deposit.
func (st *state) seedBilling(seed int64, now time.Time) {
	st.ledgerRNG = rand.New(rand.NewPCG(uint64(seed), 0x1ed6e4))
	st.nextClientID = 561117
	st.nextLedgerID = 475001
	st.packages = []map[string]string{
		{"package": "92364", "name": "Standard", "markup_fixed": "0.01", "markup_percentage": "50",
			"pulse": "60", "international_route": "1", "canada_route": "1", "monthly_fee": "2.00",
			"setup_fee": "1.00", "free_minutes": "0"},
		{"package": "92365", "name": "Premium", "markup_fixed": "0.00", "markup_percentage": "25",
			"pulse": "6", "international_route": "2", "canada_route": "1", "monthly_fee": "9.95",
			"setup_fee": "0.00", "free_minutes": "500"},
	}
	client := func(id, email, company, first, last string) *clientRec {
		return &clientRec{f: map[string]string{
			"client": id, "email": email, "password": "Portal-" + first + "1", "company": company,
			"firstname": first, "lastname": last, "address": "5491 190th St", "city": "Opa Locka",
			"state": "FL", "country": "US", "zip": "33055", "phone_number": "3055550100",
			"balance_management": "1",
		}, threshold: "10", alertMail: email}
	}
	st.clients = map[string]*clientRec{
		"561115": client("561115", "billing@acme.example", "Acme", "Alice", "Ames"),
		"561116": client("561116", "ap@globex.example", "Globex", "Gus", "Grant"),
	}
	acme := st.clients["561115"]
	acme.deposits = append(acme.deposits, ledgerEntry{st.ledgerID(), now.AddDate(0, 0, -30).Format(dateLayout), mustMoney("25.00"), "Payment - Credit Card"})
	acme.balance = mustMoney("25.00")
	opening := mustMoney(defaultAccountBalance)
	st.transactions = append(st.transactions, &transaction{
		at: now.AddDate(0, 0, -40).Truncate(time.Hour), uniqueID: st.txnID(),
		typ: "Payment", desc: "Payment - Credit Card", amount: opening,
	})
	st.balance = opening
}

func (st *state) ledgerID() int {
	id := st.nextLedgerID
	st.nextLedgerID++
	return id
}

// txnID renders a transaction id in the live form ("12964421x41098i8c").
func (st *state) txnID() string {
	return fmt.Sprintf("%dx%di%c", 12964421+st.ledgerID(), 40000+st.ledgerRNG.IntN(9999), 'a'+rune(st.ledgerRNG.IntN(26)))
}

// fee is one amount the account pays: a line of its transaction history.
type fee struct {
	typ, desc string
	amount    money
}

// newFee builds a fee from a price of the simulator's tables ("4.25"); an
// empty or unparsable price is a zero fee (skipped when debited).
func newFee(typ, desc, price string) fee {
	v, _ := parseMoney(price)
	return fee{typ: typ, desc: desc, amount: v}
}

func feesTotal(fees []fee) money {
	var t money
	for _, f := range fees {
		t = t.add(f.amount)
	}
	return t
}

// afford answers non_sufficient_funds when the account balance cannot cover
// the sum of fees; it changes nothing. Call it after validating a request and
// before its test=1 return, so a dry run answers what the real call would.
func (c *call) afford(fees ...fee) error {
	if c.st.balance.less(feesTotal(fees)) {
		return fail("non_sufficient_funds")
	}
	return nil
}

// charge is the debit every money-moving method uses (orders, back orders,
// and the fax, e911 and LNP methods): all or nothing, it answers
// non_sufficient_funds and changes nothing when the balance cannot cover the
// sum of fees, and otherwise debits each non-zero fee as one transaction
// history line. Call it before changing any other state, so that a refusal
// leaves the account as it was:
//
//	if err := c.charge(newFee("Fax", "Fax Number Setup Fee: "+did, "1.00")); err != nil {
//		return nil, err
//	}
func (c *call) charge(fees ...fee) error {
	if err := c.afford(fees...); err != nil {
		return err
	}
	for _, f := range fees {
		c.st.debit(c.now, f.typ, f.desc, f.amount)
	}
	return nil
}

// debit records a fee on the account's transaction history and balance.
func (st *state) debit(at time.Time, typ, desc string, amount money) {
	if amount.isZero() {
		return
	}
	st.balance = st.balance.sub(amount)
	st.transactions = append(st.transactions, &transaction{at: at, uniqueID: st.txnID(), typ: typ, desc: desc, amount: amount.neg()})
}

// orderFees are the setup and first monthly fee of a newly ordered DID.
func (c *call) orderFees(did, kind, billingType string, loc *location) []fee {
	var setup, monthly string
	switch kind {
	case "us", "ca":
		prefix := "flat_"
		if billingType == "1" {
			prefix = "perminute_"
		}
		if d := c.st.byDID[did]; d != nil {
			setup, monthly = d.prices[prefix+"setup"], d.prices[prefix+"monthly"]
		} else {
			p := localPrices(kind)
			setup, monthly = p[prefix+"setup"], p[prefix+"monthly"]
		}
	case "tollfree":
		if d := c.st.byDID[did]; d != nil {
			setup, monthly = d.prices["setup"], d.prices["monthly"]
		}
	case "vanity":
		if d := c.st.byDID[did]; d != nil {
			setup, monthly = d.prices["setup_american"], d.prices["monthly_american"]
		}
	case "virtual":
		monthly = "0.99"
	}
	if loc != nil {
		setup, monthly = loc.prices["setup"], loc.prices["monthly"]
	}
	typ := "DID" + did
	return []fee{newFee(typ, "DID Setup Fee: "+did, setup), newFee(typ, "DID Monthly Fee: "+did, monthly)}
}

// clientParam reads the required "client" parameter.
func (c *call) clientParam() (*clientRec, error) {
	id := c.p.get("client")
	if id == "" {
		return nil, fail("missing_client")
	}
	rec := c.st.clients[id]
	if rec == nil {
		return nil, fail("invalid_client")
	}
	return rec, nil
}

// optionalClient reads an optional "client" parameter; nil when absent.
func (c *call) optionalClient() (*clientRec, error) {
	if c.p.get("client") == "" {
		return nil, nil
	}
	return c.clientParam()
}

// clientAccounts lists the sub-accounts ("100001_name") of a reseller client.
func (st *state) clientAccounts(client string) []string {
	var out []string
	for _, a := range st.subAccounts {
		if a["reseller_client"] == client {
			out = append(out, a["account"])
		}
	}
	return out
}

// getClients lists the clients, or the one whose id or e-mail is "client".
func (c *call) getClients() (obj, error) {
	want := c.p.get("client")
	var out []map[string]string
	for _, id := range slices.Sorted(maps.Keys(c.st.clients)) {
		rec := c.st.clients[id]
		if want == "" || want == id || strings.EqualFold(want, rec.f["email"]) {
			out = append(out, rec.f)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_client")
	}
	return obj{{"clients", rows("getClients.clients", out)}}, nil
}

// clientFields validates the fields signupClient and setClient share and
// returns them as a getClients row (without the id). required lists the
// fields whose absence is an error; the others default to "".
func (c *call) clientFields(self string, required map[string]bool) (map[string]string, error) {
	missing := map[string]string{
		"firstname": "missing_firstname", "lastname": "missing_lastname", "address": "missing_address",
		"city": "missing_city", "state": "missing_state", "country": "missing_country", "zip": "missing_zip",
		"phone_number": "missing_phonenumber", "email": "missing_email", "password": "missing_password",
	}
	f := map[string]string{}
	for _, k := range []string{"firstname", "lastname", "company", "address", "city", "state", "country",
		"zip", "phone_number", "email", "password"} {
		v := c.p.get(k)
		if v == "" && required[k] {
			return nil, fail(missing[k])
		}
		f[k] = v
	}
	if len(f["firstname"]) > 50 {
		return nil, fail("invalid_firstname")
	}
	if len(f["lastname"]) > 50 {
		return nil, fail("invalid_lastname")
	}
	if v := f["country"]; v != "" && !isCountryCode(v) {
		return nil, fail("invalid_country")
	}
	if v := f["zip"]; v != "" && len(v) > 10 {
		return nil, fail("invalid_zip")
	}
	phone := normalizeDID(f["phone_number"])
	if !digitsOnly(phone) || len(phone) < 10 || len(phone) > 15 {
		return nil, fail("invalid_phonenumber")
	}
	f["phone_number"] = phone
	if !validEmail(f["email"]) {
		return nil, fail("invalid_email")
	}
	for id, rec := range c.st.clients {
		if id != self && strings.EqualFold(rec.f["email"], f["email"]) {
			return nil, fail("invalid_email") // "... or email is already in database"
		}
	}
	if err := checkPortalPassword(f["password"]); err != nil {
		return nil, err
	}
	f["balance_management"] = "1"
	if v := c.p.get("balance_management"); v != "" {
		if findValue(balanceManagement, v) == nil {
			return nil, fail("invalid_balancemanagement")
		}
		f["balance_management"] = v
	}
	return f, nil
}

// checkPortalPassword applies the documented password rules.
func checkPortalPassword(p string) error {
	const allowed = "!#$%&/()=?*[]_:.,{}+-"
	var lower, upper, digit bool
	for _, r := range p {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune(allowed, r):
		default:
			return fail("invalid_password_ilegal_characters")
		}
	}
	switch {
	case len(p) < 8:
		return fail("invalid_password_lessthan_8characters_long")
	case !lower:
		return fail("invalid_password_missing_lowercase")
	case !upper:
		return fail("invalid_password_missing_uppercase")
	case !digit:
		return fail("invalid_password_missing_number")
	}
	return nil
}

// isCountryCode reports whether s is an ISO 3166-1 alpha-2 code (US, CA).
func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// validEmail reports whether s is a bare e-mail address.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// signupClient creates a reseller client with a zero balance.
func (c *call) signupClient() (obj, error) {
	req := map[string]bool{"firstname": true, "lastname": true, "address": true, "city": true, "state": true,
		"country": true, "zip": true, "phone_number": true, "email": true, "password": true}
	f, err := c.clientFields("", req)
	if err != nil {
		return nil, err
	}
	switch confirm := c.p.get("confirm_email"); {
	case confirm == "":
		return nil, fail("missing_email_confirm")
	case !strings.EqualFold(confirm, f["email"]):
		return nil, fail("mismatch_email_confirm")
	}
	switch confirm := c.p.get("confirm_password"); {
	case confirm == "":
		return nil, fail("missing_password_confirm")
	case confirm != f["password"]:
		return nil, fail("mismatch_password_confirm")
	}
	if v := c.p.get("activate"); v != "" {
		if _, ok := flag01(v); !ok {
			return nil, fail("missing_params")
		}
	}
	id := strconv.Itoa(c.st.nextClientID)
	c.st.nextClientID++
	f["client"] = id
	c.st.clients[id] = &clientRec{f: f, threshold: "10", alertMail: f["email"]}
	return obj{{"client", id}}, nil
}

// setClient replaces a client's details: optional fields left out are
// cleared, as on the other set* methods.
func (c *call) setClient() (obj, error) {
	rec, err := c.clientParam()
	if err != nil {
		return nil, err
	}
	req := map[string]bool{"firstname": true, "lastname": true, "phone_number": true, "email": true, "password": true}
	f, err := c.clientFields(rec.f["client"], req)
	if err != nil {
		return nil, err
	}
	f["client"] = rec.f["client"]
	rec.f = f
	return nil, nil
}

// moveMoney implements addCharge (debit) and addPayment (credit).
func (c *call) moveMoney(credit bool) (obj, error) {
	rec, err := c.clientParam()
	if err != nil {
		return nil, err
	}
	param, missing, invalid := "charge", "missing_charge", "invalid_charge"
	if credit {
		param, missing, invalid = "payment", "missing_payment", "invalid_payment"
	}
	raw := c.p.get(param)
	if raw == "" {
		return nil, fail(missing)
	}
	amount, ok := parseMoney(raw)
	if !ok || amount.sign() <= 0 {
		return nil, fail(invalid)
	}
	desc := c.p.get("description")
	if len(desc) > 100 {
		return nil, fail("invalid_description")
	}
	if !credit && rec.f["balance_management"] == "1" && rec.balance.less(amount) {
		// Hard balance management: the client cannot go below zero.
		return nil, fail("non_sufficient_funds")
	}
	if c.test {
		return nil, nil
	}
	e := ledgerEntry{id: c.st.ledgerID(), date: c.now.Format(dateLayout), amount: amount, desc: desc}
	if credit {
		rec.deposits = append(rec.deposits, e)
		rec.balance = rec.balance.add(amount)
		c.s.executed.Payments++
	} else {
		rec.charges = append(rec.charges, e)
		rec.balance = rec.balance.sub(amount)
		c.s.executed.Charges++
	}
	return nil, nil
}

// ledger lists a client's charges or deposits, newest first. The docs name
// no empty status for these, so an empty ledger is an empty list.
func (c *call) ledger(method, key string, deposits bool) (obj, error) {
	rec, err := c.clientParam()
	if err != nil {
		return nil, err
	}
	list := rec.charges
	if deposits {
		list = rec.deposits
	}
	out := make([]obj, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- {
		e := list[i]
		out = append(out, row(method+"."+key, map[string]string{
			"id": strconv.Itoa(e.id), "date": e.date, "amount": e.amount.formatMin(2), "description": e.desc,
		}))
	}
	return obj{{key, out}}, nil
}

// callStats sums the calls of the given accounts (all when accounts is nil):
// in total and on the server clock's today.
func (c *call) callStats(accounts map[string]bool) map[string]string {
	var spentAll, spentToday money
	var callsAll, callsToday, secsAll, secsToday int
	today := c.now.Format(dateLayout)
	for _, r := range c.st.cdrs {
		if accounts != nil && !accounts[r.account] {
			continue
		}
		spentAll = spentAll.add(r.total)
		callsAll++
		secsAll += r.seconds
		if r.at.In(c.now.Location()).Format(dateLayout) == today {
			spentToday = spentToday.add(r.total)
			callsToday++
			secsToday += r.seconds
		}
	}
	return map[string]string{
		"spent_total": spentAll.format(4), "calls_total": strconv.Itoa(callsAll), "time_total": clockTime(secsAll),
		"spent_today": spentToday.format(4), "calls_today": strconv.Itoa(callsToday), "time_today": clockTime(secsToday),
	}
}

// clockTime renders seconds as M:SS, or H:MM:SS from an hour on.
func clockTime(secs int) string {
	if secs >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	}
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// getResellerBalance answers a client's balance and the statistics of the
// calls of its sub-accounts.
func (c *call) getResellerBalance() (obj, error) {
	rec, err := c.clientParam()
	if err != nil {
		return nil, err
	}
	accounts := map[string]bool{}
	for _, a := range c.st.clientAccounts(rec.f["client"]) {
		accounts[a] = true
	}
	f := c.callStats(accounts)
	f["current_balance"] = rec.balance.format(4)
	return obj{{"balance", row("getResellerBalance.balance", f)}}, nil
}

// getBalance answers the account balance; advanced adds call statistics.
func (c *call) getBalance() (obj, error) {
	advanced, _ := flag01(c.p.get("advanced"))
	if !advanced {
		return obj{{"balance", obj{{"current_balance", c.st.balance.format(6)}}}}, nil
	}
	f := c.callStats(nil)
	f["current_balance"] = c.st.balance.format(6)
	return obj{{"balance", row("getBalance.balance", f)}}, nil
}

func (c *call) getClientThreshold() (obj, error) {
	rec, err := c.clientParam()
	if err != nil {
		return nil, err
	}
	return obj{{"threshold_information", row("getClientThreshold.threshold_information",
		map[string]string{"threshold": rec.threshold, "email": rec.alertMail})}}, nil
}

// setClientThreshold sets the low-balance threshold (1-250) and, when given,
// the address notified.
func (c *call) setClientThreshold() (obj, error) {
	rec, err := c.clientParam()
	if err != nil {
		return nil, err
	}
	n, ok := atoi(c.p.get("threshold"))
	if !ok || n < 1 || n > 250 {
		return nil, fail("Invalid_threshold") // the documented code, capital I and all
	}
	mailTo := rec.alertMail
	if v := c.p.get("email"); v != "" {
		if !validEmail(v) {
			return nil, fail("invalid_email")
		}
		mailTo = v
	}
	rec.threshold, rec.alertMail = strconv.Itoa(n), mailTo
	return nil, nil
}

// getClientPackages lists the packages a client can be put on.
func (c *call) getClientPackages() (obj, error) {
	if _, err := c.clientParam(); err != nil {
		return nil, err
	}
	var out []map[string]string
	for _, p := range c.st.packages {
		out = append(out, map[string]string{"value": p["package"], "description": p["name"]})
	}
	return obj{{"packages", rows("getClientPackages.packages", out)}}, nil
}

func (c *call) getPackages() (obj, error) {
	want := c.p.get("package")
	var out []map[string]string
	for _, p := range c.st.packages {
		if want == "" || want == p["package"] {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_package")
	}
	return obj{{"packages", rows("getPackages.packages", out)}}, nil
}

func (c *call) getBalanceManagement() (obj, error) {
	return c.valueList("getBalanceManagement", "balance_management", "balance_management",
		"invalid_balancemanagement", balanceManagement)
}

// dateRange reads the required date_from and date_to parameters: absent →
// missing_from_date / missing_to_date, malformed → invalid_date, reversed →
// invalid_date_from, more than maxDays apart (when maxDays > 0) →
// invalid_daterange.
func (c *call) dateRange(maxDays int) (from, to string, err error) {
	from, to = c.p.get("date_from"), c.p.get("date_to")
	switch {
	case from == "":
		return "", "", fail("missing_from_date")
	case to == "":
		return "", "", fail("missing_to_date")
	}
	tf, err1 := time.Parse(dateLayout, from)
	tt, err2 := time.Parse(dateLayout, to)
	switch {
	case err1 != nil || err2 != nil:
		return "", "", fail("invalid_date")
	case tt.Before(tf):
		return "", "", fail("invalid_date_from")
	case maxDays > 0 && tt.Sub(tf) > time.Duration(maxDays)*24*time.Hour:
		return "", "", fail("invalid_daterange")
	}
	return from, to, nil
}

// getTransactionHistory lists the account's transactions between two dates
// (server clock's zone), oldest first.
func (c *call) getTransactionHistory() (obj, error) {
	from, to, err := c.dateRange(0)
	if err != nil {
		return nil, err
	}
	var out []obj
	for _, t := range c.st.transactions {
		day := t.at.In(c.now.Location()).Format(dateLayout)
		if day < from || day > to {
			continue
		}
		out = append(out, row("getTransactionHistory.transactions", map[string]string{
			"date": t.at.In(c.now.Location()).Format(stampLayout), "uniqueid": t.uniqueID, "type": t.typ,
			"description": t.desc, "ammount": t.amount.formatMin(2),
		}))
	}
	if len(out) == 0 {
		return nil, fail("no_transactions")
	}
	return obj{{"transactions", out}}, nil
}

// AccountBalance returns the account's balance as a decimal string. Orders
// debit their setup and first monthly fee from it.
func (s *Server) AccountBalance() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.balance.formatMin(2)
}

// ClientBalance returns a reseller client's balance as a decimal string, and
// false when there is no such client.
func (s *Server) ClientBalance(client string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	rec := s.st.clients[client]
	if rec == nil {
		return "", false
	}
	return rec.balance.formatMin(2), true
}

// setAccountBalance makes the balance start at v by adjusting the opening
// deposit (the first transaction), which may become zero or negative.
func (st *state) setAccountBalance(v money) {
	delta := v.sub(st.balance)
	if len(st.transactions) > 0 {
		if t := st.transactions[0]; t.amount.add(delta).isZero() {
			st.transactions = st.transactions[1:]
		} else {
			t.amount = t.amount.add(delta)
		}
	}
	st.balance = v
}

// setClientBalance replaces a client's seeded ledger with one opening deposit
// (or charge, for a negative balance) of v.
func (st *state) setClientBalance(rec *clientRec, v money, at time.Time) {
	rec.charges, rec.deposits = nil, nil
	switch {
	case v.sign() > 0:
		rec.deposits = append(rec.deposits, ledgerEntry{st.ledgerID(), at.Format(dateLayout), v, "Opening balance"})
	case v.sign() < 0:
		rec.charges = append(rec.charges, ledgerEntry{st.ledgerID(), at.Format(dateLayout), v.neg(), "Opening balance"})
	}
	rec.balance = v
}
