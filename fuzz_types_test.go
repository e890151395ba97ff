package voipms

import "testing"

// FuzzListAndEnumDecoders feeds arbitrary JSON values to the decoders
// FuzzDecoderMatchesReference does not reach: YesNo, every generated enum, and the
// list forms of routing (IVR choices, ring-group members, call-hunting
// routings). None may panic; a list that decodes must print to a form that
// decodes to the same list again.
func FuzzListAndEnumDecoders(f *testing.F) {
	for _, s := range []string{`"yes"`, `"No"`, `1`, `false`, `null`, `""`, `"1"`, `"flat"`, `2`,
		`"1=sip:5096;2=fwd:20222"`, `"1=;=x;;"`, `"account:100001,25,0;fwd:16006,10,1"`, `"account:100001,,"`,
		`"fwd:1;vm:101;sys:echo"`, `";;"`, `["fwd:1"]`, `{"a":"b"}`, `"none:"`, `"sip:a@b:5060,1,0"`, `"\u00e9:\u0000"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, e := range []any{new(YesNo), new(CallPickupBehavior), new(DIDBillingType), new(DTMFMode), new(DialingMode), new(EmailAttachmentFormat), new(EstimatedHoldTimeAnnounce), new(InboundDialingMode), new(LocationType), new(MessageType), new(NAT), new(PlayInstructions), new(QueueEmptyBehavior), new(RecordingSort), new(RingGroupOrder), new(RingStrategy), new(SMSDialingMode), new(SearchType), new(TollFreeCarrier), new(TranscriptionFormat), new(VanityType), new(VoicemailFolder)} {
			_ = unmarshal(b, e)
		}

		var c IVRChoices
		if c.UnmarshalJSON(b) == nil {
			var again IVRChoices
			if err := again.UnmarshalText([]byte(c.String())); err != nil || again.String() != c.String() {
				t.Fatalf("IVR choices %q: printed %q, decoded again %q (%v)", b, c.String(), again.String(), err)
			}
		}
		var m RingGroupMembers
		if m.UnmarshalJSON(b) == nil {
			var again RingGroupMembers
			if err := again.UnmarshalText([]byte(m.String())); err != nil || again.String() != m.String() {
				t.Fatalf("ring-group members %q: printed %q, decoded again %q (%v)", b, m.String(), again.String(), err)
			}
		}
		var rs Routings
		if rs.UnmarshalJSON(b) == nil {
			var again Routings
			if err := again.UnmarshalText([]byte(rs.String())); err != nil || again.String() != rs.String() {
				t.Fatalf("routings %q: printed %q, decoded again %q (%v)", b, rs.String(), again.String(), err)
			}
		}
	})
}
