package voipinnovations

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Namespace is the target namespace of the API (the ASMX default).
const Namespace = "http://tempuri.org/"

const (
	soapEnvNS = "http://schemas.xmlsoap.org/soap/envelope/"
	xsiNS     = "http://www.w3.org/2001/XMLSchema-instance"
)

// class is an operation's retry class.
type class int

const (
	classRead  class = iota // retried on transient failures
	classWrite              // sent at most once
)

// opInfo describes one WSDL operation (generated in ops_gen.go).
type opInfo struct {
	name    string // wire name, e.g. "assignDID"
	action  string // SOAPAction, e.g. "http://tempuri.org/assignDID"
	class   class
	service string // Go service field
	method  string // Go method
}

// xmlWriter builds a request body. Element names are the WSDL's; text is
// escaped.
type xmlWriter struct{ b *bytes.Buffer }

func (w *xmlWriter) open(name string)  { w.b.WriteString("<" + name + ">") }
func (w *xmlWriter) close(name string) { w.b.WriteString("</" + name + ">") }

func (w *xmlWriter) text(name, v string) {
	w.open(name)
	xml.EscapeText(w.b, []byte(v)) //nolint:errcheck // a bytes.Buffer does not fail
	w.close(name)
}

// str writes an optional string element; empty means not sent.
func (w *xmlWriter) str(name, v string) {
	if v != "" {
		w.text(name, v)
	}
}

// int writes an int element; an optional one is not sent when 0.
func (w *xmlWriter) int(name string, v int64, required bool) {
	if v != 0 || required {
		w.text(name, strconv.FormatInt(v, 10))
	}
}

// flag writes an optional "1"/"0" element; nil means not sent.
func (w *xmlWriter) flag(name string, v *bool) {
	if v == nil {
		return
	}
	if *v {
		w.text(name, "1")
	} else {
		w.text(name, "0")
	}
}

// encodeEnvelope writes the SOAP 1.1 request for op: login and secret first,
// then the operation's inputs in WSDL order.
func encodeEnvelope(op *opInfo, login, secret string, body func(*xmlWriter)) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<soap:Envelope xmlns:soap="` + soapEnvNS + `" xmlns:xsi="` + xsiNS + `" xmlns:xsd="http://www.w3.org/2001/XMLSchema">`)
	b.WriteString(`<soap:Body><` + op.name + ` xmlns="` + Namespace + `">`)
	w := &xmlWriter{b: &b}
	w.text("login", login)
	w.text("secret", secret)
	if body != nil {
		body(w)
	}
	b.WriteString(`</` + op.name + `></soap:Body></soap:Envelope>`)
	return b.Bytes()
}

// wireString is an item of ArrayOfString.
type wireString struct {
	Nil   string `xml:"http://www.w3.org/2001/XMLSchema-instance nil,attr"`
	Value string `xml:",chardata"`
}

// soapFault is the SOAP 1.1 Fault element.
type soapFault struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
	Actor  string `xml:"faultactor"`
}

// errNoBody is returned by decodeEnvelope when the body holds no element.
var errNoBody = errors.New("no element in soap:Body")

// decodeEnvelope finds the first element of the SOAP Body. A Fault is
// returned as *soapFault; an element named op+"Response" is decoded into
// out. Anything else is an error saying what came instead.
func decodeEnvelope(data []byte, op string, out any) (*soapFault, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	inBody := false
	sawEnvelope := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !sawEnvelope {
				return nil, errNotEnvelope
			}
			return nil, errNoBody
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case !sawEnvelope:
			if se.Name.Local != "Envelope" {
				return nil, errNotEnvelope
			}
			sawEnvelope = true
		case !inBody:
			if se.Name.Local == "Body" {
				inBody = true
			} else if err := d.Skip(); err != nil { // soap:Header
				return nil, err
			}
		default:
			if se.Name.Local == "Fault" {
				var f soapFault
				if err := d.DecodeElement(&f, &se); err != nil {
					return nil, err
				}
				return &f, nil
			}
			if se.Name.Local != op+"Response" {
				return nil, &unexpectedElementError{got: se.Name.Local}
			}
			return nil, d.DecodeElement(out, &se)
		}
	}
}

var errNotEnvelope = errors.New("not a SOAP envelope")

type unexpectedElementError struct{ got string }

func (e *unexpectedElementError) Error() string {
	return "unexpected element <" + e.got + "> in soap:Body"
}

// decoder turns the wire's strings into plain Go values, leniently: numbers
// may carry spaces, booleans may be true/false/1/0, empty means zero. The
// first value that cannot be read is kept as err, naming the operation, the
// record and the field (never the value).
type decoder struct {
	op  string
	err error
}

func (d *decoder) fail(path, field, what string) {
	if d.err == nil {
		d.err = &ResponseError{Op: d.op, Kind: KindBadValue, Detail: path + "." + field + ": " + what}
	}
}

func index(path, field string, i int) string {
	return path + "." + field + "[" + strconv.Itoa(i) + "]"
}

func (d *decoder) int(path, field, s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		d.fail(path, field, "not an integer")
	}
	return n
}

// tierSentinel is the tier of VoIP Innovations' dummy "no records" DID.
const tierSentinel = -99999

func (d *decoder) tier(path, field, s string) int64 {
	n := d.int(path, field, s)
	if n == tierSentinel {
		return 0
	}
	return n
}

func (d *decoder) bool(path, field, s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	d.fail(path, field, "not a boolean")
	return false
}

// dateSentinel is how the API writes "no date" in a non-nillable position.
const dateSentinel = "1900-01-01T00:00:00"

var dateLayouts = []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", "2006-01-02"}

func (d *decoder) time(path, field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, dateSentinel) || strings.HasPrefix(s, "0001-01-01T00:00:00") {
		return time.Time{}
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t
		}
	}
	d.fail(path, field, "not a date")
	return time.Time{}
}

func (d *decoder) decimal(path, field, s string) decimal.Decimal {
	s = strings.TrimSpace(s)
	if s == "" {
		return decimal.Decimal{}
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		d.fail(path, field, "not a decimal")
	}
	return v
}

func (d *decoder) status(path, field, s string) StatusCode {
	return StatusCode(d.int(path, field, s))
}

func (d *decoder) rcode(path, field, s string) ResponseCode {
	if strings.TrimSpace(s) == "" {
		d.fail(path, field, "missing")
		return 0
	}
	return ResponseCode(d.int(path, field, s))
}
