package voipms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"reflect"
	"unsafe"

	"github.com/didkit/voipms/internal/transport"
)

// streamingForm names the streaming form of a list method ("DIDs.All"
// for getDIDsInfo), or "" for a method that has none.
func streamingForm(method string) string {
	return streamForms[method]
}

// StreamError ends a streaming iteration (DIDs.All, CDR.All, ...) after it
// had delivered records: Delivered says how many, Err why it stopped (a
// truncated body, a record that does not decode, the context, the
// connection). It is not retried: the records already delivered cannot be
// taken back; start the listing again to get them all. Its category is
// Err's (errors.Is sees through it).
type StreamError struct {
	Method    string
	Delivered int
	Err       error
}

func (e *StreamError) Error() string {
	return fmt.Sprintf("voipms: %s: stream ended after %d records: %v", e.Method, e.Delivered, e.Err)
}

// Unwrap returns the cause.
func (e *StreamError) Unwrap() error { return e.Err }

// errStopped marks an iteration the consumer ended (yield returned false).
var errStopped = errors.New("voipms: iteration stopped by the consumer")

// streamList is the streaming form of a list method: it decodes the
// records under key one at a time from the response body and yields each,
// holding neither the body nor the list. An answer that fails before the
// first record is judged (and retried) as the slice form's; after that a
// failure ends the iteration with a *StreamError. An empty-list status
// yields nothing. The body has no size cap.
func streamList[T any](c *Client, ctx context.Context, method, key string, params any) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		delivered, stopped := 0, false
		var zero T
		// One record, decoded in place and handed to yield by value: the
		// consumer's copy is its own (its strings and decimals are never
		// written again by a later record), so rec is reused. As in a
		// slice-form answer, the strings of consecutive records share
		// 32 KiB arena chunks: a kept record keeps its chunk alive.
		rec := new(T)
		plan := codecFor(reflect.TypeFor[T]())
		stream := func(code int, _ http.Header, body io.Reader) (transport.Verdict, error) {
			err := streamDecode(method, code, body, key, func(sd *streamDec) error {
				if err := nextRecord(sd, plan, rec); err != nil {
					return err
				}
				if ctx.Err() != nil {
					return ctx.Err()
				}
				delivered++
				if !yield(*rec, nil) {
					stopped = true
					return errStopped
				}
				return nil
			}, func(list []byte, deliver bool) error {
				// A list that is not a JSON array (PHP's object forms,
				// {}, a single record, a scalar) or came before the
				// status: decoded as the slice form does.
				var recs []T
				if err := unmarshal(list, &recs); err != nil || !deliver {
					return err
				}
				for _, rec := range recs {
					delivered++
					if !yield(rec, nil) {
						stopped = true
						return errStopped
					}
				}
				return nil
			})
			switch {
			case err == nil || stopped:
				return transport.Final, nil
			case delivered > 0:
				return transport.Final, &StreamError{Method: method, Delivered: delivered, Err: streamCause(method, code, err)}
			}
			e := streamCause(method, code, err)
			return judge(method, nil, e)
		}
		err := c.callStream(ctx, method, params, stream)
		var ae *APIError
		if errors.As(err, &ae) && ae.Status.IsEmpty() {
			err = nil
		}
		if err != nil && !stopped {
			yield(zero, err)
		}
	}
}

// streamCause maps a decoding failure to the error the slice form reports
// for the same body.
func streamCause(method string, code int, err error) error {
	var ae *APIError
	var re *ResponseError
	switch {
	case errors.As(err, &ae), errors.As(err, &re):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("voipms: %s: %w", method, err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &ResponseError{Method: method, Kind: BodyTruncated, HTTPStatusCode: code}
	case errors.Is(err, errStreamSyntax):
		return &ResponseError{Method: method, Kind: BodyNotJSON, HTTPStatusCode: code}
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return &ResponseError{Method: method, Kind: BodyNotJSON, HTTPStatusCode: code}
	}
	var se *scalarError
	var te *json.UnmarshalTypeError
	if errors.As(err, &se) || errors.As(err, &te) {
		return &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: code, Detail: shapeDetail(err)}
	}
	// A read error of the body (connection reset, timeout).
	return &TransportError{Method: method, Attempts: 1, Kind: transport.KindBodyRead.String(), Sent: true, Err: err}
}

var errStreamSyntax = errors.New("voipms: invalid JSON in a streamed body")

// streamDecode reads the envelope {"status": ..., key: [...], ...} from
// body. The records of an array under key are handed to each one at a time
// (each reads one value from the decoder) once the status is known to be
// success; a list under key in any other shape, or one that comes before
// the status, is handed to whole (to decode and deliver, or with deliver
// false only to decode: a body without a status). A status other than success is an
// *APIError; a body that is not a JSON object is judged by decode.
func streamDecode(method string, code int, body io.Reader, key string, each func(*streamDec) error, whole func(list []byte, deliver bool) error) error {
	sd := &streamDec{r: body, buf: make([]byte, 0, 64<<10)}
	ch, err := sd.peek()
	if err != nil || ch != '{' {
		// Not an envelope: read a bounded prefix and let decode say what
		// it is (HTML, empty, not JSON), as for the slice form.
		prefix, _ := io.ReadAll(io.LimitReader(io.MultiReader(bytes.NewReader(sd.buf[sd.pos:]), body), 64<<10))
		if derr := decode(method, code, prefix, nil); derr != nil {
			return derr
		}
		return errStreamSyntax
	}
	sd.pos++
	var (
		status   Status
		message  string
		seenStat bool
		pending  []byte // a list seen before the status
		havePend bool
	)
	ch, err = sd.peek()
	if err != nil {
		return err
	}
	if ch == '}' {
		sd.pos++
	} else {
		for {
			if ch != '"' {
				return errStreamSyntax // a key is a string
			}
			rawKey, err := sd.value()
			if err != nil {
				return err
			}
			var k string
			if err := json.Unmarshal(rawKey, &k); err != nil {
				return errStreamSyntax
			}
			if ch, err = sd.peek(); err != nil {
				return err
			} else if ch != ':' {
				return errStreamSyntax
			}
			sd.pos++
			if ch, err = sd.peek(); err != nil {
				return err
			}
			switch {
			case k == "status" || k == "message":
				raw, err := sd.value()
				if err != nil {
					return err
				}
				var s string
				if err := unmarshal(raw, &s); err != nil {
					return err
				}
				if k == "status" {
					status, seenStat = Status(s), true
				} else {
					message = s
				}
			case k == key && ch == '[' && seenStat && status == StatusSuccess && code >= 200 && code <= 299:
				if err := sd.array(each); err != nil {
					return err
				}
			case k == key:
				raw, err := sd.value()
				if err != nil {
					return err
				}
				if !json.Valid(raw) {
					return errStreamSyntax // before what follows it is read
				}
				pending, havePend = append(pending[:0], raw...), true
			default:
				// Another key's value (small: "message" and the like) is
				// not used, but it must be JSON, as for the slice form.
				raw, err := sd.value()
				if err != nil {
					return err
				}
				if !json.Valid(raw) {
					return errStreamSyntax
				}
			}
			if ch, err = sd.peek(); err != nil {
				return err
			}
			sd.pos++
			if ch == '}' {
				break
			}
			if ch != ',' {
				return errStreamSyntax
			}
			if ch, err = sd.peek(); err != nil {
				return err
			}
		}
	}
	// Nothing but white space may follow.
	if ch, err := sd.peek(); err == nil {
		_ = ch
		return errStreamSyntax
	} else if !errors.Is(err, io.EOF) {
		return err
	}
	switch {
	case !seenStat || status == "":
		// The slice form decodes the list before it looks at the status:
		// a list that does not decode is a shape error there.
		if havePend {
			if err := whole(pending, false); err != nil {
				return err
			}
		}
		return &ResponseError{Method: method, Kind: BodyNoStatus, HTTPStatusCode: code}
	case status != StatusSuccess:
		return &APIError{Method: method, Status: status, Message: message, HTTPStatusCode: code}
	case code < 200 || code > 299:
		return &ResponseError{Method: method, Kind: BodyNotJSON, HTTPStatusCode: code, Detail: "success envelope with a non-2xx HTTP status"}
	}
	if havePend {
		return whole(pending, true)
	}
	return nil
}

// streamDec reads JSON values from a reader through one buffer that holds
// at most the value being read (it grows to the largest record).
type streamDec struct {
	r   io.Reader
	buf []byte
	pos int
	err error // the reader's error, once it returned one
	ds  decodeState
}

// more reads more of the body, keeping buf[pos:]. It returns the reader's
// error (io.EOF at the end) when nothing more came.
func (d *streamDec) more() error {
	if d.err != nil {
		return d.err
	}
	if d.pos > 0 {
		n := copy(d.buf, d.buf[d.pos:])
		d.buf = d.buf[:n]
		d.pos = 0
	}
	if len(d.buf) == cap(d.buf) {
		d.buf = append(d.buf, 0)[:len(d.buf)]
	}
	for {
		n, err := d.r.Read(d.buf[len(d.buf):cap(d.buf)])
		d.buf = d.buf[:len(d.buf)+n]
		if err != nil {
			d.err = err
			if n > 0 {
				return nil
			}
			return err
		}
		if n > 0 {
			return nil
		}
	}
}

// peek skips white space and returns the next byte without consuming it;
// io.EOF at the end of the body.
func (d *streamDec) peek() (byte, error) {
	for {
		for d.pos < len(d.buf) {
			switch c := d.buf[d.pos]; c {
			case ' ', '\t', '\n', '\r':
				d.pos++
			default:
				return c, nil
			}
		}
		if err := d.more(); err != nil {
			return 0, err
		}
	}
}

// value returns the raw bytes of the next JSON value (valid until the next
// call) and consumes them. It checks the structure (strings, nesting);
// the decoder checks the rest.
func (d *streamDec) value() ([]byte, error) {
	if _, err := d.peek(); err != nil {
		return nil, unexpected(err)
	}
	i := 0 // offset from d.pos
	depth := 0
	inStr, esc := false, false
	for {
		for d.pos+i < len(d.buf) {
			c := d.buf[d.pos+i]
			switch {
			case inStr:
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					if depth == 0 {
						i++
						raw := d.buf[d.pos : d.pos+i]
						d.pos += i
						return raw, nil
					}
				}
			case c == '"':
				inStr = true
			case c == '{' || c == '[':
				depth++
				if depth > maxDecodeDepth {
					return nil, errStreamSyntax
				}
			case c == '}' || c == ']':
				if depth == 0 {
					if i == 0 {
						return nil, errStreamSyntax
					}
					raw := d.buf[d.pos : d.pos+i]
					d.pos += i
					return raw, nil
				}
				depth--
				if depth == 0 {
					i++
					raw := d.buf[d.pos : d.pos+i]
					d.pos += i
					return raw, nil
				}
			case depth == 0 && (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
				if i == 0 {
					return nil, errStreamSyntax
				}
				raw := d.buf[d.pos : d.pos+i]
				d.pos += i
				return raw, nil
			}
			i++
		}
		if err := d.more(); err != nil {
			if errors.Is(err, io.EOF) && depth == 0 && !inStr && i > 0 {
				// A literal that ends the body.
				raw := d.buf[d.pos : d.pos+i]
				d.pos += i
				return raw, nil
			}
			if errors.Is(err, io.EOF) && !validPrefix(d.buf[d.pos:]) {
				// Not a value cut short: a syntax error before the end
				// (the scan above only follows strings and nesting).
				return nil, errStreamSyntax
			}
			return nil, unexpected(err)
		}
	}
}

// nextRecord decodes the next value of d into *rec (zeroed first) with
// plan, T's decoding plan (codecFor). Most records are decoded in place in
// the read buffer; one that crosses its end is read whole first.
func nextRecord[T any](d *streamDec, plan *codec, rec *T) error {
	var zero T
	*rec = zero
	if d.decodeInPlace(plan, unsafe.Pointer(rec)) {
		return nil
	}
	// The record crosses the end of the buffer (or does not decode): take
	// its bytes, reading more, and decode them as the slice form does.
	raw, err := d.value()
	if err != nil {
		return err
	}
	*rec = zero
	return unmarshal(raw, rec)
}

// decodeInPlace decodes the next value with plan c into p straight from the
// buffer and reports whether it did. It does not when the value is not
// wholly in the buffer (nor at least one byte after it, which ends a
// literal), or does not decode, or its type has no plan: p may then be
// half written and nothing is consumed; the caller reads the value with
// value and decodes it with unmarshal, which reports what is wrong as the
// slice form does.
func (d *streamDec) decodeInPlace(c *codec, p unsafe.Pointer) bool {
	if c.kind == kFallback {
		return false
	}
	// One decodeState for the whole stream: what it allocates from (the
	// string arena, the decimal slabs, the unescaping buffer) is shared by
	// the records as by the elements of a slice-form list; the per-value
	// state is reset. TestStreamResetsDecodeState lists the fields.
	ds := &d.ds
	ds.data, ds.pos, ds.depth, ds.syn, ds.err, ds.path = d.buf, d.pos, 0, false, nil, ds.path[:0]
	ds.value(c, p)
	if ds.failed() || ds.pos >= len(d.buf) {
		return false
	}
	d.pos = ds.pos
	return true
}

// array reads a JSON array, handing each element to each (which consumes
// it).
func (d *streamDec) array(each func(*streamDec) error) error {
	d.pos++ // '['
	ch, err := d.peek()
	if err != nil {
		return unexpected(err)
	}
	if ch == ']' {
		d.pos++
		return nil
	}
	for {
		if err := each(d); err != nil {
			return err
		}
		if ch, err = d.peek(); err != nil {
			return unexpected(err)
		}
		d.pos++
		switch ch {
		case ']':
			return nil
		case ',':
		default:
			return errStreamSyntax
		}
	}
}

// validPrefix reports whether b is the start of a JSON value that only
// lacks its end (what encoding/json calls "unexpected end of JSON input").
func validPrefix(b []byte) bool {
	var v any
	return isUnexpectedEOF(json.Unmarshal(b, &v))
}

func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
