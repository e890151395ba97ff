package voipinnovationstest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// node is a parsed request element.
type node struct {
	name string
	text string
	kids []*node
}

func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func (n *node) str(name string) string {
	if k := n.child(name); k != nil {
		return strings.TrimSpace(k.text)
	}
	return ""
}

var errNoOperation = errors.New("no operation element in soap:Body")

// parseRequest reads a SOAP 1.1 (or 1.2) envelope and returns the Body's
// first element. Elements must be in the tempuri.org namespace.
func parseRequest(body []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	var (
		stack  []*node
		pushed []bool // per open element: whether it is on stack
		root   *node
		inBody bool
		done   bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth := len(pushed) + 1
			push := false
			switch {
			case depth == 1:
				if t.Name.Local != "Envelope" {
					return nil, errors.New("root element is not a SOAP Envelope")
				}
			case depth == 2:
				inBody = t.Name.Local == "Body"
			case !inBody || done && len(stack) == 0:
			case depth == 3:
				if t.Name.Space != namespace {
					return nil, errors.New("operation element is not in namespace " + namespace)
				}
				root = &node{name: t.Name.Local}
				stack = append(stack, root)
				push = true
			default:
				n := &node{name: t.Name.Local}
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
				stack = append(stack, n)
				push = true
			}
			pushed = append(pushed, push)
		case xml.EndElement:
			if len(pushed) == 0 {
				return nil, errors.New("unbalanced XML")
			}
			if pushed[len(pushed)-1] {
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					done = true
				}
			}
			if len(pushed) == 2 {
				inBody = false
			}
			pushed = pushed[:len(pushed)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errNoOperation
	}
	return root, nil
}

// xw builds an answer the way ASMX writes it: every element of the WSDL
// sequence, empty strings as self-closing elements, empty arrays too.
type xw struct{ b bytes.Buffer }

func (w *xw) open(n string)  { w.b.WriteString("<" + n + ">") }
func (w *xw) close(n string) { w.b.WriteString("</" + n + ">") }
func (w *xw) empty(n string) { w.b.WriteString("<" + n + " />") }

func (w *xw) str(n, v string) {
	if v == "" {
		w.empty(n)
		return
	}
	w.open(n)
	xml.EscapeText(&w.b, []byte(v)) //nolint:errcheck
	w.close(n)
}

func (w *xw) int(n string, v int64) { w.str(n, strconv.FormatInt(v, 10)) }

func (w *xw) bool(n string, v bool) { w.str(n, strconv.FormatBool(v)) }

func (w *xw) date(n string, t time.Time) { w.str(n, t.UTC().Format("2006-01-02T15:04:05")) }

func (w *xw) nilDate(n string, t time.Time) {
	if t.IsZero() {
		w.b.WriteString("<" + n + ` xsi:nil="true" />`)
		return
	}
	w.date(n, t)
}

func (w *xw) nilInt(n string, v int64) {
	if v == 0 {
		w.b.WriteString("<" + n + ` xsi:nil="true" />`)
		return
	}
	w.int(n, v)
}

const envelopeHead = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`
const envelopeTail = `</soap:Body></soap:Envelope>`

// answer wraps a result body in <opResponse><opResult>.
func answer(op string, result func(*xw)) []byte {
	var w xw
	w.b.WriteString(envelopeHead)
	w.b.WriteString("<" + op + `Response xmlns="` + namespace + `">`)
	w.open(op + "Result")
	result(&w)
	w.close(op + "Result")
	w.close(op + "Response")
	w.b.WriteString(envelopeTail)
	return w.b.Bytes()
}

// fault renders an ASMX SOAP 1.1 fault.
func fault(code, msg string) []byte {
	var w xw
	w.b.WriteString(envelopeHead)
	w.open("soap:Fault")
	w.str("faultcode", code)
	w.str("faultstring", msg)
	w.empty("detail")
	w.close("soap:Fault")
	w.b.WriteString(envelopeTail)
	return w.b.Bytes()
}

// didRecord is one <DID> of an answer.
type didRecord struct {
	tn, availability, rewrite, status string
	statusCode                        int64
	tier                              int64
	refID, network, state, rateCenter string
	endpointID                        int64
	expire                            time.Time
	cnam, t38                         bool
}

// dummy is VoIP Innovations' stand-in for "no records".
func dummy(code int64, status string) didRecord {
	return didRecord{availability: "Unavailable", status: status, statusCode: code, tier: -99999}
}

func (w *xw) did(d didRecord) {
	w.open("DID")
	w.str("tn", d.tn)
	w.str("availability", d.availability)
	w.str("rewrite", d.rewrite)
	w.str("status", d.status)
	w.int("statusCode", d.statusCode)
	w.int("tier", d.tier)
	w.str("refId", d.refID)
	w.empty("failover")
	w.empty("forward")
	w.empty("cnamName")
	w.str("state", d.state)
	w.str("rateCenter", d.rateCenter)
	w.empty("didGroupId")
	w.str("Network", d.network)
	w.int("endpointId", d.endpointID)
	if d.expire.IsZero() {
		w.str("expireDate", "1900-01-01T00:00:00")
	} else {
		w.date("expireDate", d.expire)
	}
	w.bool("has411", false)
	w.bool("has911", false)
	w.bool("cnam", d.cnam)
	w.bool("cnamStorageActive", false)
	w.bool("cnamStorageAvailability", false)
	w.bool("t38", d.t38)
	w.close("DID")
}

// didResponse writes a DIDResponse; nil parts are written as empty arrays.
func didResponse(code int64, msg string, dids []didRecord, locators, counts func(*xw)) func(*xw) {
	return func(w *xw) {
		w.int("responseCode", code)
		w.str("responseMessage", msg)
		if len(dids) == 0 {
			w.empty("DIDs")
		} else {
			w.open("DIDs")
			for _, d := range dids {
				w.did(d)
			}
			w.close("DIDs")
		}
		if locators == nil {
			w.empty("DIDLocators")
		} else {
			w.open("DIDLocators")
			locators(w)
			w.close("DIDLocators")
		}
		if counts == nil {
			w.empty("DIDCounts")
		} else {
			w.open("DIDCounts")
			counts(w)
			w.close("DIDCounts")
		}
		w.empty("DIDGroups")
		w.open("ConferenceLine")
		w.bool("Enabled", false)
		w.close("ConferenceLine")
	}
}

// portResponse writes a PortResponse.
func portResponse(code int64, msg string, p *Port, portable bool) func(*xw) {
	return func(w *xw) {
		w.int("responseCode", code)
		w.str("responseMessage", msg)
		w.open("PortDetails")
		if p == nil {
			p = &Port{}
		}
		w.int("id", p.ID)
		w.str("status", p.Status)
		w.str("endUser", p.EndUser)
		w.str("billingTN", p.BillingTN)
		w.str("portingFrom", p.PortingFrom)
		w.str("salesRep", p.SalesRep)
		w.nilDate("submittedDate", p.Submitted)
		w.nilDate("focDate", p.FOC)
		w.nilDate("requestedFocDate", p.RequestedFOC)
		if len(p.DIDs) == 0 {
			w.empty("dids")
		} else {
			w.open("dids")
			for _, d := range p.DIDs {
				w.open("PortDID")
				w.str("tn", d.TN)
				w.int("tier", d.Tier)
				w.str("rateCenter", d.RateCenter)
				w.str("state", d.State)
				w.int("lata", d.LATA)
				w.int("endpointGroup", d.EndpointGroup)
				w.bool("cnam", d.CNAM)
				w.bool("e911", d.E911)
				w.close("PortDID")
			}
			w.close("dids")
		}
		w.nilInt("defaultEndpointGroup", p.DefaultEndpointGroup)
		w.close("PortDetails")
		w.bool("IsPortable", portable)
	}
}
