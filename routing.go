package voipms

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// RoutingHeader is the part of a routing string before the first colon: the
// kind of thing a call is sent to.
type RoutingHeader string

// The routing headers VoIP.ms documents.
const (
	HeaderAccount       RoutingHeader = "account"   // a (sub)account: account:100001_VoIP
	HeaderForwarding    RoutingHeader = "fwd"       // a call forwarding: fwd:1026
	HeaderVoicemail     RoutingHeader = "vm"        // a voicemail box: vm:101
	HeaderSIPURI        RoutingHeader = "sip"       // a SIP URI: sip:5096
	HeaderRingGroup     RoutingHeader = "grp"       // a ring group: grp:2718
	HeaderIVR           RoutingHeader = "ivr"       // an IVR: ivr:1401
	HeaderSystem        RoutingHeader = "sys"       // a system action: sys:echo
	HeaderRecording     RoutingHeader = "recording" // a recording: recording:2271
	HeaderQueue         RoutingHeader = "queue"     // a queue: queue:31
	HeaderCallback      RoutingHeader = "cb"        // a callback: cb:1021
	HeaderTimeCondition RoutingHeader = "tc"        // a time condition: tc:51
	HeaderDISA          RoutingHeader = "disa"      // a DISA: disa:102
	HeaderNone          RoutingHeader = "none"      // no action: none:
)

var knownHeaders = map[RoutingHeader]bool{
	HeaderAccount: true, HeaderForwarding: true, HeaderVoicemail: true, HeaderSIPURI: true,
	HeaderRingGroup: true, HeaderIVR: true, HeaderSystem: true, HeaderRecording: true, HeaderQueue: true,
	HeaderCallback: true, HeaderTimeCondition: true, HeaderDISA: true, HeaderNone: true,
}

// numericHeaders take a numeric record id.
var numericHeaders = map[RoutingHeader]bool{
	HeaderForwarding: true, HeaderRingGroup: true, HeaderIVR: true,
	HeaderRecording: true, HeaderQueue: true, HeaderCallback: true, HeaderTimeCondition: true, HeaderDISA: true,
}

// Known reports whether h is one of the documented headers.
func (h RoutingHeader) Known() bool { return knownHeaders[h] }

// SystemTarget is the record of a sys: routing.
type SystemTarget string

// The system targets VoIP.ms documents.
const (
	SysHangup       SystemTarget = "hangup"
	SysBusy         SystemTarget = "busy"
	SysNoService    SystemTarget = "noservice"
	SysDisconnected SystemTarget = "disconnected"
	SysDTMF         SystemTarget = "dtmf" // DTMF test
	SysEcho         SystemTarget = "echo" // sound quality (echo) test
)

var knownSystemTargets = map[SystemTarget]bool{
	SysHangup: true, SysBusy: true, SysNoService: true, SysDisconnected: true, SysDTMF: true, SysEcho: true,
}

// Routing says where VoIP.ms sends a call: a header and a record id, written
// on the wire as "header:record_id" ("fwd:1026", "account:100001_VoIP",
// "sys:echo", "none:"). The zero Routing means "not given".
//
// Routing decodes leniently (an unknown header is kept verbatim, so reading
// an account never fails on a header this package does not know yet) and is
// validated strictly before it is sent.
type Routing struct {
	Header RoutingHeader
	Target string
}

// RoutingError is the error of ParseRouting and Validate.
type RoutingError struct {
	Value  string
	Reason string
}

func (e *RoutingError) Error() string {
	return fmt.Sprintf("voipms: invalid routing %q: %s", e.Value, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidParameter) true.
func (e *RoutingError) Is(target error) bool { return target == ErrInvalidParameter }

// ParseRouting parses and validates "header:record_id". It splits on the
// first colon only, so SIP targets may contain colons.
func ParseRouting(s string) (Routing, error) {
	r, err := splitRouting(s)
	if err != nil {
		return Routing{}, err
	}
	if err := r.Validate(); err != nil {
		return Routing{}, err
	}
	return r, nil
}

func splitRouting(s string) (Routing, error) {
	h, t, ok := strings.Cut(s, ":")
	if !ok {
		return Routing{}, &RoutingError{Value: s, Reason: "want header:record_id"}
	}
	return Routing{Header: RoutingHeader(h), Target: t}, nil
}

// splitListRouting splits one routing of a list form. A bare ":" is
// refused there: it would print as nothing and vanish from the list.
func splitListRouting(s string) (Routing, error) {
	r, err := splitRouting(s)
	if err == nil && r.IsZero() {
		return Routing{}, &RoutingError{Value: s, Reason: "empty routing in a list"}
	}
	return r, err
}

// String renders the wire form; the zero Routing renders as "".
func (r Routing) String() string {
	if r.IsZero() {
		return ""
	}
	return string(r.Header) + ":" + r.Target
}

// IsZero reports whether r is the zero value (no routing given).
func (r Routing) IsZero() bool { return r.Header == "" && r.Target == "" }

// Validate checks r strictly: a documented header, a record id where the
// header needs one (numeric for fwd, grp, ivr, recording, queue, cb, tc,
// disa; sip targets may be URIs with colons), a documented target for sys, and nothing after none:.
func (r Routing) Validate() error {
	bad := func(why string) error { return &RoutingError{Value: r.String(), Reason: why} }
	if r.IsZero() {
		return bad("empty")
	}
	if !r.Header.Known() {
		return bad("unknown header " + strconv.Quote(string(r.Header)))
	}
	switch {
	case r.Header == HeaderNone:
		if r.Target != "" {
			return bad("none: takes no record id")
		}
	case r.Target == "":
		return bad("missing record id")
	case strings.ContainsAny(r.Target, ";,= \t\r\n"):
		return bad("record id contains a separator or space")
	case r.Header == HeaderSystem:
		if !knownSystemTargets[SystemTarget(r.Target)] {
			return bad("unknown system target")
		}
	case numericHeaders[r.Header]:
		if !isDigits(r.Target) {
			return bad("record id must be numeric")
		}
		if strings.TrimLeft(r.Target, "0") == "" {
			return bad("record id must be 1 or more (0 names no record)")
		}
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MarshalText implements encoding.TextMarshaler.
func (r Routing) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText decodes leniently: any "header:target" is kept, "" is the
// zero Routing; only text without a colon is an error.
func (r *Routing) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = Routing{}
		return nil
	}
	v, err := splitRouting(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// UnmarshalJSON accepts a JSON string (decoded as UnmarshalText), null or
// false (zero Routing).
func (r *Routing) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "routing")
	if err != nil {
		return err
	}
	if string(s) == "false" {
		*r = Routing{}
		return nil
	}
	return r.UnmarshalText(s)
}

// EncodeValues implements query.Encoder (value receiver, so Routing fields
// and *Routing fields both encode).
func (r Routing) EncodeValues(key string, v *url.Values) error {
	v.Set(key, r.String())
	return nil
}

// RouteAccount routes to the main account or a sub-account ("100001_VoIP").
func RouteAccount(account string) Routing { return Routing{HeaderAccount, account} }

// RouteForwarding routes to a call forwarding.
func RouteForwarding(id int64) Routing { return Routing{HeaderForwarding, formatInt(id)} }

// RouteVoicemail routes to a voicemail box ("101").
func RouteVoicemail(mailbox string) Routing { return Routing{HeaderVoicemail, mailbox} }

// RouteSIPURI routes to a SIP URI record.
func RouteSIPURI(id int64) Routing { return Routing{HeaderSIPURI, formatInt(id)} }

// RouteRingGroup routes to a ring group.
func RouteRingGroup(id int64) Routing { return Routing{HeaderRingGroup, formatInt(id)} }

// RouteIVR routes to an IVR.
func RouteIVR(id int64) Routing { return Routing{HeaderIVR, formatInt(id)} }

// RouteSystem routes to a system action (SysEcho, SysHangup, ...).
func RouteSystem(t SystemTarget) Routing { return Routing{HeaderSystem, string(t)} }

// RouteRecording routes to a recording.
func RouteRecording(id int64) Routing { return Routing{HeaderRecording, formatInt(id)} }

// RouteQueue routes to a queue.
func RouteQueue(id int64) Routing { return Routing{HeaderQueue, formatInt(id)} }

// RouteCallback routes to a callback.
func RouteCallback(id int64) Routing { return Routing{HeaderCallback, formatInt(id)} }

// RouteTimeCondition routes to a time condition.
func RouteTimeCondition(id int64) Routing { return Routing{HeaderTimeCondition, formatInt(id)} }

// RouteDISA routes to a DISA.
func RouteDISA(id int64) Routing { return Routing{HeaderDISA, formatInt(id)} }

// RouteNone routes to no action ("none:").
func RouteNone() Routing { return Routing{Header: HeaderNone} }

// ---- IVR choices ----

// IVRChoice maps the digits a caller presses to a routing.
type IVRChoice struct {
	Digits  string
	Routing Routing
}

// IVRChoices is the choices list of an IVR, written on the wire as
// "1=sip:5096;2=fwd:20222" (spaces around ";" are tolerated when decoding).
type IVRChoices []IVRChoice

// ParseIVRChoices parses and validates the wire form.
func ParseIVRChoices(s string) (IVRChoices, error) {
	c, err := splitIVRChoices(s)
	if err != nil {
		return nil, err
	}
	return c, c.Validate()
}

func splitIVRChoices(s string) (IVRChoices, error) {
	var out IVRChoices
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		d, rt, ok := strings.Cut(part, "=")
		if !ok {
			return nil, &RoutingError{Value: part, Reason: "IVR choice wants digits=header:record_id"}
		}
		r, err := splitListRouting(strings.TrimSpace(rt))
		if err != nil {
			return nil, err
		}
		out = append(out, IVRChoice{Digits: strings.TrimSpace(d), Routing: r})
	}
	return out, nil
}

// String renders the wire form.
func (c IVRChoices) String() string {
	parts := make([]string, len(c))
	for i, ch := range c {
		parts[i] = ch.Digits + "=" + ch.Routing.String()
	}
	return strings.Join(parts, ";")
}

// Validate checks every choice: digits 0-9, * or #, unique, and a valid routing.
func (c IVRChoices) Validate() error {
	if len(c) == 0 {
		return &RoutingError{Value: "", Reason: "no IVR choices"}
	}
	seen := map[string]bool{}
	for _, ch := range c {
		if ch.Digits == "" || strings.Trim(ch.Digits, "0123456789*#") != "" {
			return &RoutingError{Value: c.String(), Reason: "IVR choice digits must be 0-9, * or #"}
		}
		if seen[ch.Digits] {
			return &RoutingError{Value: c.String(), Reason: "IVR choice digits " + ch.Digits + " used twice"}
		}
		seen[ch.Digits] = true
		if err := ch.Routing.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (c IVRChoices) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText decodes leniently (headers are not checked).
func (c *IVRChoices) UnmarshalText(b []byte) error {
	v, err := splitIVRChoices(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// UnmarshalJSON accepts a JSON string or null.
func (c *IVRChoices) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "IVR choices")
	if err != nil {
		return err
	}
	return c.UnmarshalText(s)
}

// EncodeValues implements query.Encoder.
func (c IVRChoices) EncodeValues(key string, v *url.Values) error {
	v.Set(key, c.String())
	return nil
}

// ---- ring-group members ----

// RingGroupMember is one member of a ring group: a routing and, optionally,
// how long it rings (seconds) and whether the callee must press 1.
type RingGroupMember struct {
	Routing Routing
	// RingTime and PressOne are sent only when HasOptions is true
	// ("account:100001,25,0"); otherwise the member is just the routing.
	RingTime   int
	PressOne   bool
	HasOptions bool
}

// Member returns a member without per-member options.
func Member(r Routing) RingGroupMember { return RingGroupMember{Routing: r} }

// MemberWithOptions returns a member with a ring time and press-1 setting.
func MemberWithOptions(r Routing, ringTime int, pressOne bool) RingGroupMember {
	return RingGroupMember{Routing: r, RingTime: ringTime, PressOne: pressOne, HasOptions: true}
}

// RingGroupMembers is a ring group's member list, written on the wire as
// "account:100001,25,0;fwd:16006,10,1" or "account:100001;fwd:16006".
type RingGroupMembers []RingGroupMember

// ParseRingGroupMembers parses and validates the wire form.
func ParseRingGroupMembers(s string) (RingGroupMembers, error) {
	m, err := splitRingGroupMembers(s)
	if err != nil {
		return nil, err
	}
	return m, m.Validate()
}

func splitRingGroupMembers(s string) (RingGroupMembers, error) {
	var out RingGroupMembers
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fields := strings.Split(part, ",")
		r, err := splitListRouting(strings.TrimSpace(fields[0]))
		if err != nil {
			return nil, err
		}
		m := RingGroupMember{Routing: r}
		switch len(fields) {
		case 1:
		case 3:
			rt, err1 := strconv.Atoi(strings.TrimSpace(fields[1]))
			p, err2 := strconv.Atoi(strings.TrimSpace(fields[2]))
			if err1 != nil || err2 != nil || (p != 0 && p != 1) {
				return nil, &RoutingError{Value: part, Reason: "ring-group member wants routing,ring_time,press_1"}
			}
			m.RingTime, m.PressOne, m.HasOptions = rt, p == 1, true
		default:
			return nil, &RoutingError{Value: part, Reason: "ring-group member wants routing or routing,ring_time,press_1"}
		}
		out = append(out, m)
	}
	return out, nil
}

// String renders the wire form.
func (m RingGroupMembers) String() string {
	parts := make([]string, len(m))
	for i, x := range m {
		s := x.Routing.String()
		if x.HasOptions {
			p := "0"
			if x.PressOne {
				p = "1"
			}
			s += "," + strconv.Itoa(x.RingTime) + "," + p
		}
		parts[i] = s
	}
	return strings.Join(parts, ";")
}

// Validate checks every member's routing and ring time.
func (m RingGroupMembers) Validate() error {
	if len(m) == 0 {
		return &RoutingError{Value: "", Reason: "no ring-group members"}
	}
	for _, x := range m {
		if err := x.Routing.Validate(); err != nil {
			return err
		}
		if x.Routing.Header == HeaderNone {
			return &RoutingError{Value: m.String(), Reason: "none: cannot be a ring-group member"}
		}
		if x.HasOptions && (x.RingTime < 0 || x.RingTime > 999) {
			return &RoutingError{Value: m.String(), Reason: "ring time must be 0-999 seconds"}
		}
	}
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (m RingGroupMembers) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText decodes leniently (headers are not checked).
func (m *RingGroupMembers) UnmarshalText(b []byte) error {
	v, err := splitRingGroupMembers(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// UnmarshalJSON accepts a JSON string or null.
func (m *RingGroupMembers) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "ring-group members")
	if err != nil {
		return err
	}
	return m.UnmarshalText(s)
}

// EncodeValues implements query.Encoder.
func (m RingGroupMembers) EncodeValues(key string, v *url.Values) error {
	v.Set(key, m.String())
	return nil
}

// ---- routing lists ----

// Routings is a plain list of routings, written on the wire separated by
// semicolons ("account:100001;fwd:16006;none:"), as call huntings list
// their members; none: is allowed as a placeholder.
type Routings []Routing

// ParseRoutings parses and validates the wire form.
func ParseRoutings(s string) (Routings, error) {
	r, err := splitRoutings(s)
	if err != nil {
		return nil, err
	}
	return r, r.Validate()
}

func splitRoutings(s string) (Routings, error) {
	var out Routings
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		r, err := splitListRouting(part)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// String renders the wire form.
func (rs Routings) String() string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ";")
}

// Validate checks that there is at least one routing and that each is valid.
func (rs Routings) Validate() error {
	if len(rs) == 0 {
		return &RoutingError{Value: "", Reason: "no routings"}
	}
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (rs Routings) MarshalText() ([]byte, error) { return []byte(rs.String()), nil }

// UnmarshalText decodes leniently (headers are not checked).
func (rs *Routings) UnmarshalText(b []byte) error {
	v, err := splitRoutings(string(b))
	if err != nil {
		return err
	}
	*rs = v
	return nil
}

// UnmarshalJSON accepts a JSON string or null.
func (rs *Routings) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "routings")
	if err != nil {
		return err
	}
	return rs.UnmarshalText(s)
}

// EncodeValues implements query.Encoder.
func (rs Routings) EncodeValues(key string, v *url.Values) error {
	v.Set(key, rs.String())
	return nil
}
