package voipinnovations

import (
	"errors"
	"html"
	"net/url"
	"strconv"
	"strings"
)

// scrub cleans err of the login and secret, in every form they can take in
// an error text (plain, XML/HTML-escaped, URL-escaped, Go-quoted). The
// package's own error types are cleaned in place, so errors.As hands back
// clean values; any other error whose text holds a credential is replaced
// by a stand-in with the cleaned text that keeps errors.Is to the
// categories and context errors the original matched.
func (c *Client) scrub(err error) error {
	if err == nil {
		return nil
	}
	r := c.redactor()
	return r.clean(err)
}

type redactor struct{ forms []string }

func (c *Client) redactor() redactor {
	var forms []string
	for _, v := range []string{c.secret.v, c.login.v} {
		if v == "" {
			continue
		}
		q := strconv.Quote(v)
		forms = append(forms, v, html.EscapeString(v), escapeXML(v), url.QueryEscape(v), url.PathEscape(v),
			strings.ToLower(url.QueryEscape(v)), q[1:len(q)-1])
	}
	return redactor{forms: forms}
}

func escapeXML(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (r redactor) str(s string) string {
	for _, f := range r.forms {
		if f != "" {
			s = strings.ReplaceAll(s, f, redacted)
		}
	}
	return s
}

func (r redactor) dirty(s string) bool {
	for _, f := range r.forms {
		if f != "" && strings.Contains(s, f) {
			return true
		}
	}
	return false
}

func (r redactor) clean(err error) error {
	switch e := err.(type) {
	case *APIError:
		e.Message = r.str(e.Message)
		return e
	case *StatusError:
		e.Message = r.str(e.Message)
		return e
	case *FaultError:
		e.Code, e.Message = r.str(e.Code), r.str(e.Message)
		return e
	case *ResponseError:
		e.Detail = r.str(e.Detail)
		return e
	case *ValidationError, *refusedError:
		return e
	case *BatchError:
		for i := range e.Failed {
			e.Failed[i].Err = r.clean(e.Failed[i].Err)
			d := &e.Failed[i].DID
			for _, f := range []*string{&d.TN, &d.Availability, &d.Rewrite, &d.Status, &d.RefID, &d.Failover, &d.Forward,
				&d.CNAMName, &d.State, &d.RateCenter, &d.DIDGroupID, &d.Network} {
				*f = r.str(*f)
			}
		}
		return e
	case *OutcomeUnknownError:
		e.Err = r.clean(e.Err)
		return e
	case *TransportError:
		e.Err = r.clean(e.Err)
		return e
	case *url.Error:
		e.URL = r.str(e.URL)
		e.Err = r.clean(e.Err)
		return e
	}
	if err == nil || !r.dirty(err.Error()) {
		if u := errors.Unwrap(err); u != nil && r.dirty(u.Error()) {
			return &redactedError{msg: r.str(err.Error()), orig: err}
		}
		return err
	}
	return &redactedError{msg: r.str(err.Error()), orig: err}
}

// redactedError stands in for a foreign error whose text held a credential.
// It keeps errors.Is (but not errors.As, which would hand back the dirty
// original) to the original's chain.
type redactedError struct {
	msg  string
	orig error
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Is(target error) bool { return errors.Is(e.orig, target) }
