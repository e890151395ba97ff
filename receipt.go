package voipms

// Receipt is the result of a call that buys, back-orders or cancels
// numbers. VoIP.ms answers such calls with a bare success status, so the
// receipt only records how the call was sent.
type Receipt struct {
	// DryRun is true when the call was sent as a dry run (the params'
	// DryRun, or a client built WithDryRun): VoIP.ms checked the request
	// and changed nothing.
	DryRun bool
}
