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

// listOf returns the decoded list as a slice, never nil, so an empty
// result is an empty slice.
func listOf[T any](l List[T]) []T {
	if l == nil {
		return []T{}
	}
	return []T(l)
}

// stringsOf returns a decoded list of strings as a []string, never nil.
func stringsOf(l List[String]) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = string(s)
	}
	return out
}

// isNANP reports whether s is a 10-digit North American number.
func isNANP(s string) bool { return len(s) == 10 && isDigits(s) }
