package voipms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/didkit/voipms/internal/transport"
)

// envelope is the part every VoIP.ms response has. Typed response structs
// embed it so a body is decoded once.
type envelope struct {
	Status  Status `json:"status"`
	Message string `json:"message"`
}

func (e *envelope) env() *envelope { return e }

type enveloper interface{ env() *envelope }

// decode reads one answer: the JSON envelope and, on success, out. It says
// what came back; whether that is retried, or an unknown outcome, is decided
// by judge and classifyResult.
func decode(method string, code int, data []byte, out any) error {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		// Also for del*/remove*: an empty answer does not say the record
		// was deleted.
		return &ResponseError{Method: method, Kind: BodyEmpty, HTTPStatusCode: code}
	}
	if kind := bodyKind(trimmed); kind != 0 {
		return &ResponseError{Method: method, Kind: kind, HTTPStatusCode: code}
	}
	var env *envelope
	var decodeErr error
	if e, ok := out.(enveloper); ok {
		env = e.env()
		decodeErr = unmarshal(trimmed, out)
	} else {
		env = new(envelope)
		decodeErr = json.Unmarshal(trimmed, env)
	}
	if decodeErr != nil {
		var syn *json.SyntaxError
		if errors.As(decodeErr, &syn) || isUnexpectedEOF(decodeErr) {
			kind := BodyNotJSON
			if isUnexpectedEOF(decodeErr) {
				kind = BodyTruncated
			}
			return &ResponseError{Method: method, Kind: kind, HTTPStatusCode: code}
		}
		// A shape problem in the data: still report the API's status if the
		// envelope itself is readable.
		var e2 envelope
		if json.Unmarshal(trimmed, &e2) == nil && e2.Status != "" && e2.Status != StatusSuccess {
			return &APIError{Method: method, Status: e2.Status, Message: string(e2.Message), HTTPStatusCode: code}
		}
		return &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: code, Detail: shapeDetail(decodeErr)}
	}
	if env.Status == "" {
		return &ResponseError{Method: method, Kind: BodyNoStatus, HTTPStatusCode: code}
	}
	if env.Status != StatusSuccess {
		return &APIError{Method: method, Status: env.Status, Message: string(env.Message), HTTPStatusCode: code}
	}
	if code < 200 || code > 299 {
		return &ResponseError{Method: method, Kind: BodyNotJSON, HTTPStatusCode: code, Detail: "success envelope with a non-2xx HTTP status"}
	}
	if out != nil {
		if _, ok := out.(enveloper); !ok {
			if err := unmarshal(trimmed, out); err != nil {
				return &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: code, Detail: shapeDetail(err)}
			}
		}
	}
	return nil
}

// judge turns a decoded answer into the transport's verdict:
//
//   - success, an API status other than api_limit_exceeded, or JSON of an
//     unexpected shape: Final (sending it again would get the same answer);
//   - api_limit_exceeded: NotExecuted. It is the one status that proves the
//     call did nothing and is worth sending again (after the limit's window),
//     for writes too. Every other status is a definite answer as well (the
//     call did not do what was asked), but repeating it cannot help;
//   - a body that is not a usable envelope (HTML page, empty, truncated, not
//     JSON, no status, success with a non-2xx HTTP status): Transient.
func judge(method string, r *transport.Response, err error) (transport.Verdict, error) {
	if err == nil {
		return transport.Final, nil // before the targets of errors.As, which escape
	}
	var ae *APIError
	var re *ResponseError
	switch {
	case errors.As(err, &ae):
		if ae.Status == "api_limit_exceeded" {
			return transport.NotExecuted, err
		}
		return transport.Final, err
	case errors.As(err, &re) && re.Kind != BodyShape:
		return transport.Transient, err
	}
	return transport.Final, err
}

// bodyKind tells, without parsing, whether a non-empty body cannot be the
// JSON envelope.
func bodyKind(b []byte) ResponseErrorKind {
	switch b[0] {
	case '{':
		if b[len(b)-1] != '}' {
			return BodyTruncated
		}
		return 0
	case '<':
		return BodyHTML
	}
	return BodyNotJSON
}

func isUnexpectedEOF(err error) bool {
	return err != nil && (errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"))
}

// shapeDetail describes a type mismatch by field and Go type, never by value.
func shapeDetail(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q: got JSON %s", te.Field, te.Value)
	}
	var se *scalarError
	if errors.As(err, &se) {
		return se.Error()
	}
	return "data does not match the expected shape"
}
