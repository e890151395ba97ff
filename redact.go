package voipms

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"

	"github.com/didkit/voipms/internal/transport"
)

// Secret is a string parameter that must not show: a portal, voicemail,
// SMPP or queue password, a PIN. It is sent on the wire as is, and prints
// as [REDACTED] under every fmt verb, %#v, slog, encoding/json and
// MarshalText.
//
//	p.Password = voipms.Secret(pw)
type Secret string

func (Secret) String() string               { return transport.Redacted }
func (Secret) GoString() string             { return transport.Redacted }
func (Secret) Format(f fmt.State, _ rune)   { _, _ = io.WriteString(f, transport.Redacted) }
func (Secret) LogValue() slog.Value         { return slog.StringValue(transport.Redacted) }
func (Secret) MarshalText() ([]byte, error) { return []byte(transport.Redacted), nil }
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + transport.Redacted + `"`), nil }

// EncodeValues implements go-querystring's query.Encoder: the value itself
// goes on the wire.
func (s Secret) EncodeValues(key string, v *url.Values) error {
	v.Set(key, string(s))
	return nil
}

// secretParams are the wire names whose value is redacted in error texts
// whatever it is, so that a truncated echo of a secret goes too.
var secretParams = []string{"api_password", "password", "queue_password", "smpp_pass", "port_out_pin", "pin"}

// newScrubber builds the one scrubber every returned error passes: it
// removes the API password in every encoding (see transport.Encodings) and
// whatever follows a secret parameter's name, and cleans this package's
// error types in place so errors.As never hands the password back.
func newScrubber(password string) *transport.Scrubber {
	sc := transport.NewScrubber([]string{password}, secretParams...)
	sc.InPlace = func(err error, redact func(string) string, scrub func(error) error) bool {
		switch e := err.(type) {
		case *TransportError:
			e.Err = scrub(e.Err)
		case *OutcomeUnknownError:
			e.Err = scrub(e.Err)
		case *APIError:
			e.freeze()
			e.Message = redact(e.Message)
			if !e.Status.Known() {
				// An undocumented status may be an echo of the request;
				// a documented code is a code and stays as sent.
				e.Status = Status(redact(string(e.Status)))
			}
		case *ResponseError:
			e.Detail = redact(e.Detail)
		case *ValidationError:
			e.Reason = redact(e.Reason)
		default:
			return false
		}
		return true
	}
	return sc
}
