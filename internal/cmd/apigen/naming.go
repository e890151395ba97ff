package main

// The one naming function of the generator: every Go identifier made from a
// wire word (status constants, params and result fields, nested types) goes
// through ident, so "rtp" is "RTP" everywhere (StatusInvalidRTPTimeout beside
// RTPTimeout).

import (
	"html"
	"sort"
	"strings"
)

// spellings are how wire words are written inside Go identifiers: Go
// initialisms in capitals (DID, SMS, URL) and run-together wire words split
// into their parts (timecondition -> TimeCondition). A word not listed is
// capitalised (queue -> Queue).
var spellings = map[string]string{
	// initialisms
	"api": "API", "cdr": "CDR", "cid": "CID", "cnam": "CNAM", "csr": "CSR", "did": "DID", "dids": "DIDs",
	"disa": "DISA", "dtmf": "DTMF", "e164": "E164", "e911": "E911", "id": "ID", "ip": "IP", "ivr": "IVR",
	"ivrs": "IVRs", "lnp": "LNP", "loa": "LOA", "mb": "MB", "mms": "MMS", "nat": "NAT", "pin": "PIN",
	"pop": "POP", "rtp": "RTP", "sip": "SIP", "smpp": "SMPP", "sms": "SMS", "ssl": "SSL", "tf": "TF",
	"uri": "URI", "uris": "URIs", "url": "URL", "usa": "USA", "vpri": "VPRI",
	// run-together wire words
	"blf": "BLF", "bye": "Bye", "callback": "Callback", "callerid": "CallerID", "callhunting": "CallHunting",
	"dialtime": "DialTime", "dst": "Dst", "endhour": "EndHour", "endminute": "EndMinute", "fax": "Fax",
	"inuse": "InUse", "nextbilling": "NextBilling", "noanswer": "NoAnswer", "nomatch": "NoMatch",
	"perminute": "PerMinute", "puertorico": "PuertoRico", "ratecenter": "RateCenter", "ringgroup": "RingGroup",
	"sipaccount": "SIPAccount", "sipuri": "SIPURI", "starthour": "StartHour", "startminute": "StartMinute",
	"tfcarrier": "TollFreeCarrier", "timecondition": "TimeCondition", "tollfree": "TollFree",
	"unavail": "Unavail", "voicemailsetup": "VoicemailSetup", "voicemailsetups": "VoicemailSetups",
	"weekdayend": "WeekdayEnd", "weekdaystart": "WeekdayStart",
}

// ident turns a wire name (snake_case, kebab-case or camelCase) into an
// exported Go identifier: pricePerMonth -> PricePerMonth, invalid_rtp_timeout
// -> InvalidRTPTimeout, DIDAdded -> DIDAdded.
func ident(wire string) string {
	// split camelCase islands first: pricePerMonth -> price_Per_Month, DIDAdded -> DID_Added
	var sb strings.Builder
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	isLower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	isAlnum := func(c byte) bool { return isUpper(c) || isLower(c) || c >= '0' && c <= '9' }
	for i := 0; i < len(wire); i++ {
		c := wire[i]
		if !isAlnum(c) {
			sb.WriteByte('_')
			continue
		}
		if i > 0 && isUpper(c) && (isLower(wire[i-1]) || isUpper(wire[i-1]) && i+1 < len(wire) && isLower(wire[i+1])) {
			sb.WriteByte('_')
		}
		sb.WriteByte(c)
	}
	var b strings.Builder
	for _, part := range strings.Split(sb.String(), "_") {
		if part == "" {
			continue
		}
		low := strings.ToLower(part)
		if v, ok := spellings[low]; ok {
			b.WriteString(v)
			continue
		}
		if low[0] >= '0' && low[0] <= '9' {
			b.WriteString(low)
			continue
		}
		b.WriteString(strings.ToUpper(low[:1]) + low[1:])
	}
	return b.String()
}

// docFixes are spec.json's doc_fixes: upstream typos corrected in generated
// comments (never in wire names or the status descriptions Description
// returns).
var docFixes map[string]string

// fixDoc cleans upstream prose for a Go comment: HTML entities decoded
// (&rsquo; -> ’) and the typos of doc_fixes corrected, longest first.
func fixDoc(s string) string {
	s = html.UnescapeString(s)
	keys := make([]string, 0, len(docFixes))
	for k := range docFixes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	for _, k := range keys {
		s = strings.ReplaceAll(s, k, docFixes[k])
	}
	return s
}
