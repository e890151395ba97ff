package main

import (
	"net/url"
	"testing"
)

func TestFieldName(t *testing.T) {
	for in, want := range map[string]string{
		"did": "DID", "callerid_prefix": "CallerIDPrefix", "failover_noanswer": "FailoverNoAnswer",
		"pricePerMonth": "PricePerMonth", "DIDAdded": "DIDAdded", "sms_url_callback_retry": "SMSURLCallbackRetry",
		"timecondition": "TimeCondition", "minute_usa": "MinuteUSA", "media1": "Media1", "pop": "POP",
	} {
		if got := ident(in); got != want {
			t.Errorf("ident(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"DID": "did", "ID": "id", "DIDInfo": "didInfo", "Queue": "queue", "countryID": "countryID"} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// golden must agree with url.Values.Encode, which the client uses on the wire.
func TestGoldenMatchesURLValues(t *testing.T) {
	pairs := map[string]string{"routing": "account:100001_VoIP", "note": "a & b / c+d", "did": "5551234567", "z": ""}
	v := url.Values{"api_username": {testUser}, "api_password": {testPass}, "method": {"setDIDInfo"}}
	for k, s := range pairs {
		v.Set(k, s)
	}
	if got, want := golden("setDIDInfo", pairs), v.Encode(); got != want {
		t.Errorf("golden = %s\nwant     %s", got, want)
	}
}

func TestCleanSample(t *testing.T) {
	for in, want := range map[string]string{
		`'https://voip.ms/x'`: "https://voip.ms/x",
		`""`:                  "",
		`<a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="29">[email&#160;protected]</a>`: "user@example.com",
		"MIAMI, FL": "MIAMI, FL",
	} {
		if got := cleanSample(in); got != want {
			t.Errorf("cleanSample(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanParamDoc(t *testing.T) {
	doc, ex := cleanParamDoc("DID to be Updated (Example: 5551234567) (required)")
	if doc != "DID to be Updated (Example: 5551234567)" || ex != "5551234567" {
		t.Errorf("got %q, %q", doc, ex)
	}
	_, ex = cleanParamDoc("ID for a specific Forwarding (Example: 19183 / Leave empty to create a new one)")
	if ex != "19183" {
		t.Errorf("example = %q, want 19183", ex)
	}
}

// Upstream prose reaches Go comments without HTML entities or the typos of
// spec.json's doc_fixes.
func TestCleanParamDocFixes(t *testing.T) {
	old := docFixes
	defer func() { docFixes = old }()
	docFixes = map[string]string{"Can 't": "Can't", "more then": "more than"}
	doc, _ := cleanParamDoc("forwarded if it isn&rsquo;t answered &amp; more then once (Can 't) <b>x</b>")
	if want := "forwarded if it isn’t answered & more than once (Can't) x"; doc != want {
		t.Errorf("cleanParamDoc = %q, want %q", doc, want)
	}
}
