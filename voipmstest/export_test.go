package voipmstest

// ReadOnly exposes readOnly to the external tests.
var ReadOnly = readOnly
