package vicidial

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// LineKind is the prefix of a result line.
type LineKind int

const (
	// LineSuccess is a "SUCCESS: ..." line: a change was made.
	LineSuccess LineKind = iota + 1
	// LineError is an "ERROR: ..." line: the call failed.
	LineError
	// LineNotice is a "NOTICE: ..." line: side information (a warning).
	LineNotice
)

func (k LineKind) String() string {
	switch k {
	case LineSuccess:
		return "SUCCESS"
	case LineError:
		return "ERROR"
	case LineNotice:
		return "NOTICE"
	}
	return "?"
}

// Line is one SUCCESS, ERROR or NOTICE line of an answer, split as the
// server prints it: "<KIND>: <function> <MESSAGE><sep><data>", where sep is
// " - " (as the documentation always shows), ": " or ": |" (as much of the
// server code prints it), and data is a list of fields separated by "|"
// with at most one leading and one trailing "|".
type Line struct {
	Kind LineKind
	// Function is the function named at the start of the message
	// ("add_lead"), "auth" for the generic permission check, or "" for the
	// generic lines (login, lockout, IP block, source, no function).
	Function string
	// Message is the upper-case text between the function and the data
	// ("LEAD HAS BEEN ADDED"), or the generic text ("Login incorrect,
	// please try again").
	Message string
	// Data are the "|"-separated fields after the message; nil when there
	// are none.
	Data []string
}

// Field returns Data[i], or "" when there are fewer fields.
func (l Line) Field(i int) string {
	if i < 0 || i >= len(l.Data) {
		return ""
	}
	return l.Data[i]
}

// String prints the line in the documentation's form ("KIND: function
// MESSAGE - a|b").
func (l Line) String() string {
	var b strings.Builder
	b.WriteString(l.Kind.String())
	b.WriteString(": ")
	if l.Function != "" {
		b.WriteString(l.Function)
		b.WriteByte(' ')
	}
	b.WriteString(l.Message)
	if l.Data != nil {
		b.WriteString(" - ")
		b.WriteString(strings.Join(l.Data, "|"))
	}
	return b.String()
}

// Notice is a NOTICE line kept as a warning on a result.
type Notice = Line

// functionWords are the words a message may start with that name a
// function; any other first word is part of a generic message.
var functionWords = func() map[string]bool {
	m := map[string]bool{"auth": true}
	for name := range functions {
		m[name] = true
	}
	return m
}()

// genericMessages are the messages printed without a function name, in the
// form the server code prints them (before the data separator).
var genericMessages = []string{
	"Login incorrect, please try again",
	"Too many login attempts, try again in 15 minutes",
	"Your IP Address is not allowed",
	"Invalid Source",
	"NO FUNCTION SPECIFIED",
}

// parseLine splits one line that starts with SUCCESS:, ERROR: or NOTICE:.
// ok is false for any other line.
func parseLine(s string) (Line, bool) {
	var l Line
	var rest string
	switch {
	case strings.HasPrefix(s, "SUCCESS: "):
		l.Kind, rest = LineSuccess, s[len("SUCCESS: "):]
	case strings.HasPrefix(s, "ERROR: "):
		l.Kind, rest = LineError, s[len("ERROR: "):]
	case strings.HasPrefix(s, "NOTICE: "):
		l.Kind, rest = LineNotice, s[len("NOTICE: "):]
	default:
		return Line{}, false
	}
	for _, g := range genericMessages {
		if strings.HasPrefix(rest, g) {
			l.Message = g
			if tail := strings.TrimLeft(rest[len(g):], " -:"); tail != "" {
				l.Data = splitData(tail, g == "Your IP Address is not allowed")
			}
			return l, true
		}
	}
	if sp := strings.IndexByte(rest, ' '); sp > 0 && functionWords[rest[:sp]] {
		l.Function, rest = rest[:sp], rest[sp+1:]
	}
	// The message ends at the first " - " or ": ", whichever comes first:
	// messages are upper-case text holding neither, and data may hold
	// either further on.
	cut := -1
	sepLen := 0
	if i := strings.Index(rest, " - "); i >= 0 {
		cut, sepLen = i, 3
	}
	if i := strings.Index(rest, ": "); i >= 0 && (cut < 0 || i < cut) {
		cut, sepLen = i, 2
	}
	if cut < 0 {
		// "X: X:" with nothing after, or a bare message.
		l.Message = strings.TrimSuffix(strings.TrimRight(rest, " "), ":")
		return l, true
	}
	l.Message = strings.TrimRight(rest[:cut], " ")
	l.Data = splitData(rest[cut+sepLen:], false)
	return l, true
}

// splitData trims one leading and one trailing "|" and splits on "|". The IP
// block line prints "<ip>: |user|IPBLOCK|": with ipFirst the address before
// ": " becomes the first field.
func splitData(s string, ipFirst bool) []string {
	var head []string
	if ipFirst {
		if i := strings.Index(s, ": "); i >= 0 {
			head = []string{s[:i]}
			s = s[i+2:]
		}
	}
	s = strings.TrimPrefix(s, "|")
	s = strings.TrimSuffix(s, "|")
	if s == "" && head == nil {
		return []string{}
	}
	if s == "" {
		return head
	}
	return append(head, strings.Split(s, "|")...)
}

// answer is a parsed response body.
type answer struct {
	// outcome is the first SUCCESS or ERROR line, nil when there is none
	// (exports, values, a notice-only answer).
	outcome *Line
	// notices are the NOTICE lines, in order.
	notices []Line
	// extra are further SUCCESS/ERROR lines after the outcome (the Invalid
	// Source line is printed twice).
	extra []Line
	// rows are the lines that have no SUCCESS/ERROR/NOTICE prefix, in order,
	// without their line terminator.
	rows []string
}

// parseAnswer splits a body into lines ("\n" or "\r\n"), drops empty ones
// and sorts them into the outcome, notices and data rows.
func parseAnswer(body []byte) answer {
	var a answer
	for _, raw := range bytes.Split(body, []byte("\n")) {
		s := strings.TrimRight(string(raw), "\r")
		if strings.TrimSpace(s) == "" {
			continue
		}
		l, ok := parseLine(s)
		switch {
		case !ok:
			a.rows = append(a.rows, s)
		case l.Kind == LineNotice:
			a.notices = append(a.notices, l)
		case a.outcome == nil:
			lc := l
			a.outcome = &lc
		default:
			a.extra = append(a.extra, l)
		}
	}
	return a
}

// Delimiter is the column separator of an export, chosen with the stage
// field.
type Delimiter string

const (
	// DelimPipe separates columns with "|" (stage=pipe, the server default).
	DelimPipe Delimiter = "pipe"
	// DelimCSV separates columns with "," (stage=csv).
	DelimCSV Delimiter = "csv"
	// DelimTab separates columns with a tab (stage=tab). The client asks for
	// it: a tab is the character least likely to occur inside a value.
	DelimTab Delimiter = "tab"
)

// splitRow splits one export row on d.
func splitRow(row string, d Delimiter) []string {
	switch d {
	case DelimTab:
		return strings.Split(row, "\t")
	case DelimCSV:
		r := csv.NewReader(strings.NewReader(row))
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		if rec, err := r.Read(); err == nil {
			return rec
		}
		return strings.Split(row, ",")
	}
	return strings.Split(row, "|")
}

// keyValues splits "KEY: v|KEY2: w|" (version) or "KEY: a|b#KEY2: c|d"
// (check_phone_number, with sep "#") into ordered pairs.
func keyValues(s, sep string) (keys []string, vals []string) {
	for _, part := range strings.Split(s, sep) {
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, ":")
		if !ok {
			continue
		}
		keys = append(keys, strings.TrimSpace(k))
		vals = append(vals, strings.TrimPrefix(v, " "))
	}
	return keys, vals
}
