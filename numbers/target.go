package numbers

import (
	"strconv"
)

// Target is where calls to a number go: a small sum type. Carrier-level
// targets (SubAccount, SIPURI, Forwarding, EndpointGroup) are what a carrier
// routes an owned number to; dialer-level targets (Agent, InGroup, Phone,
// CallMenu, Extension) are what a dialer sends a registered number's calls
// to; Voicemail is both. A provider rejects, before any I/O, a Target it
// cannot express (an error matching ErrUnsupported).
//
// The implementations are the types of this package; Target cannot be
// implemented elsewhere.
type Target interface {
	// Kind names the variant.
	Kind() TargetKind
	// String is "kind:id", e.g. "in_group:SALES", "sub_account:100001_VoIP".
	String() string
	target()
}

// TargetKind names a Target variant.
type TargetKind string

// The Target kinds.
const (
	KindSubAccount    TargetKind = "sub_account"
	KindSIPURI        TargetKind = "sip_uri"
	KindForwarding    TargetKind = "forwarding"
	KindEndpointGroup TargetKind = "endpoint_group"
	KindVoicemail     TargetKind = "voicemail"
	KindAgent         TargetKind = "agent"
	KindInGroup       TargetKind = "in_group"
	KindPhone         TargetKind = "phone"
	KindCallMenu      TargetKind = "call_menu"
	KindExtension     TargetKind = "extension"
)

// Carrier reports whether targets of this kind are carrier-level.
func (k TargetKind) Carrier() bool {
	switch k {
	case KindSubAccount, KindSIPURI, KindForwarding, KindEndpointGroup, KindVoicemail:
		return true
	}
	return false
}

// Dialer reports whether targets of this kind are dialer-level.
func (k TargetKind) Dialer() bool {
	switch k {
	case KindAgent, KindInGroup, KindPhone, KindCallMenu, KindExtension, KindVoicemail:
		return true
	}
	return false
}

// SubAccount is a carrier's SIP account (VoIP.ms "account:100001_VoIP"):
// typically the trunk a dialer registers with.
type SubAccount struct{ ID string }

// SIPURI is a carrier's SIP URI record, by its id (VoIP.ms "sip:5096").
type SIPURI struct{ ID string }

// Forwarding is a carrier's forward-to-a-number record, by its id (VoIP.ms
// "fwd:1026"; the record holds the number).
type Forwarding struct{ ID string }

// EndpointGroup is a VoIP Innovations endpoint group (epg).
type EndpointGroup struct{ ID int64 }

// Voicemail is a mailbox: a carrier's (VoIP.ms "vm:101") or a dialer's
// (did_route VOICEMAIL, voicemail_ext).
type Voicemail struct{ Box string }

// Agent sends calls to a dialer user; Unavailable is what happens when the
// agent is not available (a dialer route name such as "VOICEMAIL", "EXTEN";
// empty: the dialer's default).
type Agent struct {
	User        string
	Unavailable string
}

// InGroup is a dialer inbound group (did_route IN_GROUP, group_id).
type InGroup struct{ ID string }

// Phone is a dialer phone (did_route PHONE: extension and server IP).
type Phone struct {
	Extension string
	ServerIP  string
}

// CallMenu is a dialer call menu (IVR; did_route CALLMENU, menu_id).
type CallMenu struct{ ID string }

// Extension is a dialer dialplan extension (did_route EXTEN); an empty
// Context is the dialer's "default".
type Extension struct {
	Ext     string
	Context string
}

func (SubAccount) Kind() TargetKind    { return KindSubAccount }
func (SIPURI) Kind() TargetKind        { return KindSIPURI }
func (Forwarding) Kind() TargetKind    { return KindForwarding }
func (EndpointGroup) Kind() TargetKind { return KindEndpointGroup }
func (Voicemail) Kind() TargetKind     { return KindVoicemail }
func (Agent) Kind() TargetKind         { return KindAgent }
func (InGroup) Kind() TargetKind       { return KindInGroup }
func (Phone) Kind() TargetKind         { return KindPhone }
func (CallMenu) Kind() TargetKind      { return KindCallMenu }
func (Extension) Kind() TargetKind     { return KindExtension }

func (t SubAccount) String() string { return string(KindSubAccount) + ":" + t.ID }
func (t SIPURI) String() string     { return string(KindSIPURI) + ":" + t.ID }
func (t Forwarding) String() string { return string(KindForwarding) + ":" + t.ID }
func (t EndpointGroup) String() string {
	return string(KindEndpointGroup) + ":" + strconv.FormatInt(t.ID, 10)
}
func (t Voicemail) String() string { return string(KindVoicemail) + ":" + t.Box }
func (t Agent) String() string {
	if t.Unavailable == "" {
		return string(KindAgent) + ":" + t.User
	}
	return string(KindAgent) + ":" + t.User + "/" + t.Unavailable
}
func (t InGroup) String() string  { return string(KindInGroup) + ":" + t.ID }
func (t Phone) String() string    { return string(KindPhone) + ":" + t.Extension + "@" + t.ServerIP }
func (t CallMenu) String() string { return string(KindCallMenu) + ":" + t.ID }
func (t Extension) String() string {
	if t.Context == "" {
		return string(KindExtension) + ":" + t.Ext
	}
	return string(KindExtension) + ":" + t.Ext + "@" + t.Context
}

func (SubAccount) target()    {}
func (SIPURI) target()        {}
func (Forwarding) target()    {}
func (EndpointGroup) target() {}
func (Voicemail) target()     {}
func (Agent) target()         {}
func (InGroup) target()       {}
func (Phone) target()         {}
func (CallMenu) target()      {}
func (Extension) target()     {}

// SameTarget reports whether a and b are the same target (nil equals nil).
func SameTarget(a, b Target) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a == b
}
