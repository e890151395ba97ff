package vicidial

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// check collects the first validation failure of a params struct.
type check struct {
	fn  string
	err error
}

func (c *check) fail(field, reason string) {
	if c.err == nil {
		c.err = &ValidationError{Function: c.fn, Field: field, Reason: reason}
	}
}

func (c *check) required(field, v string) {
	if v == "" {
		c.fail(field, "required")
	}
}

// length checks an optional text field's length in characters.
func (c *check) length(field, v string, min, max int) {
	if v == "" {
		return
	}
	if n := utf8.RuneCountInString(v); n < min || n > max {
		c.fail(field, "must be "+strconv.Itoa(min)+"-"+strconv.Itoa(max)+" characters")
	}
}

var digitsRE = regexp.MustCompile(`^[0-9]+$`)

// digits checks an optional all-digit field of min to max digits.
func (c *check) digits(field, v string, min, max int) {
	if v == "" {
		return
	}
	if !digitsRE.MatchString(v) {
		c.fail(field, "must be digits only")
		return
	}
	if len(v) < min || len(v) > max {
		c.fail(field, "must be "+strconv.Itoa(min)+"-"+strconv.Itoa(max)+" digits")
	}
}

// chars checks an optional field against the character class the server
// keeps (it strips the others silently, which would change the value).
func (c *check) chars(field, v string, re *regexp.Regexp, what string) {
	if v != "" && !re.MatchString(v) {
		c.fail(field, "may hold only "+what+" (the server strips other characters)")
	}
}

func (c *check) oneOf(field, v string, opts ...string) {
	if v == "" {
		return
	}
	for _, o := range opts {
		if v == o {
			return
		}
	}
	c.fail(field, "must be one of "+strings.Join(opts, ", "))
}

func (c *check) intRange(field string, v *int, min, max int) {
	if v != nil && (*v < min || *v > max) {
		c.fail(field, "must be from "+strconv.Itoa(min)+" to "+strconv.Itoa(max))
	}
}

// noTime checks that a date field carries no time of day (the server takes
// YYYY-MM-DD).
func (c *check) date(field string, t time.Time, req bool) {
	if t.IsZero() {
		if req {
			c.fail(field, "required")
		}
		return
	}
	if t.Year() < 1000 || t.Year() > 9999 {
		c.fail(field, "year out of range")
	}
}

// extra checks custom field names: a label, not one of the fields the
// client sets, and not a field of the params struct (which it would
// silently replace).
func (c *check) extra(field string, m map[string]string, params any) {
	var names map[string]bool
	if len(m) > 0 {
		names = formNames(params)
	}
	for k := range m {
		if reserved[k] || names[k] || !fieldNameRE.MatchString(k) {
			c.fail(field, "custom field name "+strconv.Quote(k)+" is reserved, a standard field, or not a field label")
			return
		}
	}
}

var (
	fieldNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,49}$`)
	idChars     = regexp.MustCompile(`^[-_0-9a-zA-Z]+$`) // campaign, user, group ids
	ipChars     = regexp.MustCompile(`^[.0-9]+$`)
	alnum       = regexp.MustCompile(`^[0-9a-zA-Z]+$`)
	didChars    = regexp.MustCompile(`^\+?[0-9]+$`)
	phoneList   = regexp.MustCompile(`^[0-9]+(,[0-9]+)*$`)
)
