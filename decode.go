package voipms

import "encoding/json"

// unmarshal decodes a response body into out. It is the one place response
// JSON is decoded, so the decoder can be tuned without touching the call
// path.
func unmarshal(data []byte, out any) error {
	return json.Unmarshal(data, out)
}
