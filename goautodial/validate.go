package goautodial

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The server's "special characters" check is a PCRE character class
// without the /u flag, written in a UTF-8 source file, so it matches bytes:
// the ASCII characters ' ^ $ % & * ( ) } { @ # ~ ? > < , | = _ + - and the
// three bytes of "£" (C2 A3) and "¬" (C2 AC). A value holding any of them
// is refused. That rejects "+17275551212", "Sales-Main", "Bob's", and every
// character whose UTF-8 form holds one of those bytes: U+0080-U+00BF
// (first byte C2: "°", "©", NBSP), "ã" (C3 A3, so "São Paulo"), "ì"
// (C3 AC), and any other rune with an A3 or AC continuation byte.
var specialBytes = byteSet(`'^$%&*()}{@#~?><,|=_+-` + "\xc2\xa3\xac")

// groupSpecialBytes is goEditDID's narrower class for group_id: the same
// without "_" and "-" (so "SALES_LINE" passes).
var groupSpecialBytes = byteSet(`'^$%&*()}{@#~?><,|=+` + "\xc2\xa3\xac")

type byteClass [256]bool

func byteSet(s string) *byteClass {
	var c byteClass
	for i := 0; i < len(s); i++ {
		c[s[i]] = true
	}
	return &c
}

// firstSpecial returns the index of the first byte of v in class, or -1.
func (c *byteClass) firstSpecial(v string) int {
	for i := 0; i < len(v); i++ {
		if c[v[i]] {
			return i
		}
	}
	return -1
}

// HasSpecialCharacters reports whether the server's "special characters"
// check (goAddDID and goEditDID, for did_pattern, did_description, phone,
// server_ip, menu_id, voicemail_ext, extension and exten_context) refuses
// v. The check works on bytes, not characters: see the package doc.
func HasSpecialCharacters(v string) bool { return specialBytes.firstSpecial(v) >= 0 }

// phpEmpty is PHP's empty() for a request string: "" and "0" count as
// missing.
func phpEmpty(v string) bool { return v == "" || v == "0" }

// MaxColumn is the width of the DID table's text columns (VARCHAR(50)), in
// characters.
const MaxColumn = 50

// NormalizePattern turns an E.164 number ("+17275551212") into the digits
// the server accepts ("17275551212"); the "+" is one of the bytes the
// server refuses. Anything else is returned unchanged (a DID pattern may be
// any text the dialer matches).
func NormalizePattern(p string) string {
	p = strings.TrimSpace(p)
	if len(p) > 1 && p[0] == '+' && allDigits(p[1:]) {
		return p[1:]
	}
	return p
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// check collects the first problem of a params struct.
type check struct {
	action string
	err    error
}

func (c *check) fail(field, reason string) {
	if c.err == nil {
		c.err = &ValidationError{Action: c.action, Field: field, Reason: reason}
	}
}

// required applies empty(): "" and "0" are missing.
func (c *check) required(field, v string) {
	switch v {
	case "":
		c.fail(field, "required")
	case "0":
		c.fail(field, `required (the server reads "0" as missing)`)
	}
}

// special applies the server's byte-level special-character check.
func (c *check) special(field, v string, class *byteClass) {
	if i := class.firstSpecial(v); i >= 0 {
		set := `' ^ £ $ % & * ( ) } { @ # ~ ? > < , | = _ + ¬ -`
		if class == groupSpecialBytes {
			set = `' ^ £ $ % & * ( ) } { @ # ~ ? > < , | = + ¬`
		}
		c.fail(field, describeSpecial(v, i)+": the server refuses the bytes of "+set)
	}
}

func describeSpecial(v string, i int) string {
	b := v[i]
	if b < utf8.RuneSelf {
		return "holds " + strconv.QuoteRune(rune(b))
	}
	// name the whole character the byte belongs to
	start := i
	for start > 0 && !utf8.RuneStart(v[start]) {
		start--
	}
	r, _ := utf8.DecodeRuneInString(v[start:])
	return "holds " + strconv.QuoteRune(r) + " (its UTF-8 byte 0x" + strconv.FormatUint(uint64(b), 16) + " is in the server's class)"
}

func (c *check) maxLen(field, v string, n int) {
	if utf8.RuneCountInString(v) > n {
		c.fail(field, "longer than "+strconv.Itoa(n)+" characters (the column's width)")
	}
	if !utf8.ValidString(v) {
		c.fail(field, "not valid UTF-8")
	}
}

func (c *check) oneOf(field, v string, allowed ...string) {
	if v == "" {
		return
	}
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	c.fail(field, "must be one of "+strings.Join(allowed, ", "))
}

func (c *check) digits(field, v string) {
	if v != "" && !allDigits(v) {
		c.fail(field, "must be digits")
	}
}

// text checks an optional text column sent to goAddDID or goEditDID.
func (c *check) text(field, v string) {
	c.special(field, v, specialBytes)
	c.maxLen(field, v, MaxColumn)
}
