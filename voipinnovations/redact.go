package voipinnovations

import (
	"regexp"

	"github.com/didkit/voipms/internal/transport"
)

// credElement matches a login or secret element with whatever follows it up
// to the next tag, so that even a truncated echo of the request body
// ("<secret>SECR") loses the value.
var credElement = regexp.MustCompile(`(?i)(<(?:[a-z0-9_]+:)?(?:login|secret)>|&lt;(?:[a-z0-9_]+:)?(?:login|secret)&gt;)[^<&]*`)

// newScrubber returns the shared transport's scrubber for the login and
// secret (every encoding), extended with the SOAP element rule and with
// in-place cleaning of this package's error types, so that errors.As hands
// back clean values.
func newScrubber(login, secret string) *transport.Scrubber {
	sc := transport.NewScrubber([]string{secret, login}, "login", "secret")
	redact := func(s string) string { return sc.Redact(credElement.ReplaceAllString(s, "${1}"+transport.Redacted)) }
	sc.InPlace = func(err error, _ func(string) string, scrub func(error) error) bool {
		switch e := err.(type) {
		case *APIError:
			e.Message = redact(e.Message)
		case *StatusError:
			e.Message = redact(e.Message)
		case *FaultError:
			e.Code, e.Message = redact(e.Code), redact(e.Message)
		case *ResponseError:
			e.Detail = redact(e.Detail)
		case *ValidationError, *refusedError:
		case *BatchError:
			for i := range e.Failed {
				e.Failed[i].Err = scrub(e.Failed[i].Err)
				d := &e.Failed[i].DID
				for _, f := range []*string{&d.TN, &d.Availability, &d.Rewrite, &d.Status, &d.RefID, &d.Failover, &d.Forward,
					&d.CNAMName, &d.State, &d.RateCenter, &d.DIDGroupID, &d.Network} {
					*f = redact(*f)
				}
			}
		case *OutcomeUnknownError:
			e.Err = scrub(e.Err)
		case *TransportError:
			e.Err = scrub(e.Err)
		default:
			return false
		}
		return true
	}
	return sc
}

// scrub cleans err of the credentials. Classification is done before: a
// credential that occurs in an error text cannot change what the error is.
func (c *Client) scrub(err error) error { return c.scrubber.Scrub(err) }
