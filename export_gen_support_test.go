package voipms

// IsWireMethod, for the external tests (package voipms_test), reports
// whether m is in the client's method table.
func IsWireMethod(m string) bool { _, ok := methodTable[m]; return ok }
