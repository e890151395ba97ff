package voipms

// streamingForm names the streaming form of a list method ("DIDs.All"
// for getDIDsInfo), or "" for a method that has none.
func streamingForm(method string) string {
	return streamForms[method]
}

// streamForms is filled by the generated streaming forms (stream_gen.go).
var streamForms = map[string]string{"getDIDsInfo": "DIDs.All", "getCDR": "CDR.All"}
