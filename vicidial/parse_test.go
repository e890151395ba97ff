package vicidial

import (
	"bufio"
	"errors"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestParseLineShapes pins the split of one line of each shape, in the
// documentation's and in the server code's forms, by hand-written
// expectations.
func TestParseLineShapes(t *testing.T) {
	tests := []struct {
		name string
		line string
		want Line
	}{
		{"doc dash", "ERROR: add_lead INVALID PHONE NUMBER LENGTH - 72755|6666",
			Line{LineError, "add_lead", "INVALID PHONE NUMBER LENGTH", []string{"72755", "6666"}}},
		{"code colon pipes", "ERROR: add_lead USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM: |6666|0|",
			Line{LineError, "add_lead", "USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM", []string{"6666", "0"}}},
		{"code colon bare", "ERROR: did_log_export INVALID SEARCH PARAMETERS: 6666|3125551212|2010-12-03",
			Line{LineError, "did_log_export", "INVALID SEARCH PARAMETERS", []string{"6666", "3125551212", "2010-12-03"}}},
		{"colon pipes empty tail", "ERROR: check_phone_number THIS IS NOT A VALID CALL TIME: |6666||",
			Line{LineError, "check_phone_number", "THIS IS NOT A VALID CALL TIME", []string{"6666", ""}}},
		{"success code order", "SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|999|193715|-4|6666",
			Line{LineSuccess, "add_lead", "LEAD HAS BEEN ADDED", []string{"7275551111", "999", "193715", "-4", "6666"}}},
		{"notice colon pipe", "NOTICE: update_lead LEADS FOUND IN THE SYSTEM: |6666|1010542|12345678901234|9998887112|3333444|0",
			Line{LineNotice, "update_lead", "LEADS FOUND IN THE SYSTEM", []string{"6666", "1010542", "12345678901234", "9998887112", "3333444", "0"}}},
		{"notice lower case", "NOTICE: add_lead NANPA options disabled, NANPA prefix data not loaded - 0|6666",
			Line{LineNotice, "add_lead", "NANPA options disabled, NANPA prefix data not loaded", []string{"0", "6666"}}},
		{"message with digit", "NOTICE: update_lead CUSTOM FIELDS ENTRY DELETED 1 - 7275551111|6666|999|193716|-4",
			Line{LineNotice, "update_lead", "CUSTOM FIELDS ENTRY DELETED 1", []string{"7275551111", "6666", "999", "193716", "-4"}}},
		{"negative number in message", "ERROR: update_user wrapup_seconds_override MUST BE A VALID DIGIT BETWEEN -1 AND 9999, THIS IS AN OPTIONAL FIELD - 6666|-2",
			Line{LineError, "update_user", "wrapup_seconds_override MUST BE A VALID DIGIT BETWEEN -1 AND 9999, THIS IS AN OPTIONAL FIELD", []string{"6666", "-2"}}},
		{"data holds dash and colon", "SUCCESS: update_log_entry RECORD HAS BEEN UPDATED - 6666|6666|TESTCAMP|M9131554060000426264|SALEX|WN|1347566056.399|",
			Line{LineSuccess, "update_log_entry", "RECORD HAS BEEN UPDATED", []string{"6666", "6666", "TESTCAMP", "M9131554060000426264", "SALEX", "WN", "1347566056.399"}}},
		{"datetime in data", "NOTICE: add_lead SCHEDULED CALLBACK ADDED - 1234|2011-09-29 12:00:01|TESTCAMP|6666|USERONLY|CALLBK",
			Line{LineNotice, "add_lead", "SCHEDULED CALLBACK ADDED", []string{"1234", "2011-09-29 12:00:01", "TESTCAMP", "6666", "USERONLY", "CALLBK"}}},
		{"no function word", "ERROR: audio store web directory does not exist: |6666|sounds_list|/srv/www/htdocs/1234|",
			Line{LineError, "", "audio store web directory does not exist", []string{"6666", "sounds_list", "/srv/www/htdocs/1234"}}},
		{"no data", "ERROR: sounds_list CENTRAL SOUND CONTROL IS NOT ACTIVE",
			Line{LineError, "sounds_list", "CENTRAL SOUND CONTROL IS NOT ACTIVE", nil}},
		{"generic permission", "ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |6666|add_lead|",
			Line{LineError, "auth", "USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION", []string{"6666", "add_lead"}}},
		{"doc generic permission", "ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION - 6666|add_lead",
			Line{LineError, "auth", "USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION", []string{"6666", "add_lead"}}},
		{"login", "ERROR: Login incorrect, please try again: |6666|s3cretpw|BAD|",
			Line{LineError, "", "Login incorrect, please try again", []string{"6666", "s3cretpw", "BAD"}}},
		{"lockout", "ERROR: Too many login attempts, try again in 15 minutes: |6666|LOCK|",
			Line{LineError, "", "Too many login attempts, try again in 15 minutes", []string{"6666", "LOCK"}}},
		{"ip block", "ERROR: Your IP Address is not allowed: 10.1.2.3: |6666|IPBLOCK|",
			Line{LineError, "", "Your IP Address is not allowed", []string{"10.1.2.3", "6666", "IPBLOCK"}}},
		{"invalid source dash", "ERROR: Invalid Source - x", Line{LineError, "", "Invalid Source", []string{"x"}}},
		{"invalid source colon", "ERROR: Invalid Source: |x|", Line{LineError, "", "Invalid Source", []string{"x"}}},
		{"no function", "ERROR: NO FUNCTION SPECIFIED", Line{LineError, "", "NO FUNCTION SPECIFIED", nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseLine(tt.line)
			if !ok {
				t.Fatalf("parseLine(%q) not a result line", tt.line)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseLine(%q)\n got %#v\nwant %#v", tt.line, got, tt.want)
			}
		})
	}
}

// TestParseSeedLines parses every SUCCESS/ERROR/NOTICE line of the seed
// document: each is recognised, names the function its message starts with
// (or is one of the generic lines), and its " - " form prints back as
// written.
func TestParseSeedLines(t *testing.T) {
	f, err := os.Open("testdata/seed_lines.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		n++
		l, ok := parseLine(line)
		if strings.HasPrefix(line, "RROR:") {
			// the page's own mangling of "<strong>ERROR:</strong>": not a
			// result line, and not taken for one
			if ok {
				t.Errorf("%q parsed as a result line", line)
			}
			continue
		}
		if !ok {
			t.Errorf("%q: not recognised", line)
			continue
		}
		if l.Message == "" {
			t.Errorf("%q: empty message", line)
		}
		rest := line[strings.Index(line, ": ")+2:]
		word, _, _ := strings.Cut(rest, " ")
		if _, known := functions[word]; known && l.Function != word {
			t.Errorf("%q: function %q, want %q", line, l.Function, word)
		}
		if l.Function != "" && strings.Contains(rest, " - ") && strings.Index(rest, " - ") < strings.Index(rest+": ", ": ") {
			// one trailing "|" is not data
			if got := l.String(); got != line && got != strings.TrimSuffix(line, "|") {
				t.Errorf("round trip:\n got %q\nwant %q", got, line)
			}
		}
		if l.Kind == LineError && classify(l.Function, l.Message, l.Data) == nil {
			t.Errorf("%q: no category", line)
		}
	}
	if n < 140 {
		t.Fatalf("read %d seed lines, want the 144 of the document", n)
	}
}

func TestParseAnswer(t *testing.T) {
	body := "NOTICE: add_lead NANPA options disabled, NANPA prefix data not loaded - 0|6666\r\n" +
		"SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|999|193715|-4|6666\n\n" +
		"NOTICE: add_lead ADDED TO HOPPER - 7275551111|6666|193715|1677922\n"
	a := parseAnswer([]byte(body))
	if a.outcome == nil || a.outcome.Message != "LEAD HAS BEEN ADDED" || len(a.notices) != 2 || len(a.rows) != 0 {
		t.Fatalf("answer = %+v", a)
	}
	if a.notices[0].Message != "NANPA options disabled, NANPA prefix data not loaded" || a.notices[1].Field(3) != "1677922" {
		t.Errorf("notices = %+v", a.notices)
	}
	// the double Invalid Source line is one error
	a = parseAnswer([]byte("ERROR: Invalid Source - x\nERROR: Invalid Source: |x|\n"))
	if a.outcome == nil || a.outcome.Message != "Invalid Source" || len(a.extra) != 1 || a.extra[0].Field(0) != "x" {
		t.Fatalf("invalid source = %+v", a)
	}
	// export rows are the lines without a prefix
	a = parseAnswer([]byte("3125551212|7275551212|2010-12-03 12:00:01|123\n3125551212|3125550000|2010-12-03 12:05:00|0\n"))
	if a.outcome != nil || len(a.rows) != 2 {
		t.Fatalf("rows = %+v", a)
	}
}

func TestSplitRow(t *testing.T) {
	for _, tt := range []struct {
		row  string
		d    Delimiter
		want []string
	}{
		{"a|b||d", DelimPipe, []string{"a", "b", "", "d"}},
		{"a\tb c\t\td", DelimTab, []string{"a", "b c", "", "d"}},
		{"SALESLINE SUPPORT,31,0,75", DelimCSV, []string{"SALESLINE SUPPORT", "31", "0", "75"}},
		{`"Smith, Bob",2`, DelimCSV, []string{"Smith, Bob", "2"}},
	} {
		if got := splitRow(tt.row, tt.d); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitRow(%q, %s) = %q, want %q", tt.row, tt.d, got, tt.want)
		}
	}
}

func TestParseVersion(t *testing.T) {
	v, err := parseVersion(parseAnswer([]byte("VERSION: 2.4-34|BUILD: 110424-0854|DATE: 2011-05-29 12:19:22|EPOCH: 1306685962|DST: 1|TZ: -5|TZNOW: -4|\n")))
	if err != nil {
		t.Fatal(err)
	}
	if v.API != "2.4-34" || v.Build != "110424-0854" || v.Epoch != 1306685962 || !v.DST || v.TZ != -5 || v.TZNow != -4 ||
		v.Date.Format("2006-01-02 15:04:05") != "2011-05-29 12:19:22" {
		t.Errorf("version = %+v", v)
	}
	if v.Supports("update_did") || !v.Supports("did_log_export") {
		t.Errorf("Supports wrong for build %s", v.Build)
	}
	if _, err := parseVersion(parseAnswer([]byte("hello\n"))); !errors.Is(err, ErrBadResponse) {
		t.Errorf("bad version line: %v", err)
	}
}

func TestBuildAtLeast(t *testing.T) {
	for _, tt := range []struct {
		build, min string
		want       bool
	}{
		{"170601-0747", BuildUpdateDID, false},
		{"180331-1716", BuildUpdateDID, true},
		{"180331-1715", BuildUpdateDID, false},
		{"201113-0000", BuildDeleteDID, true},
		{"210209-2013", BuildAddDID, false},
		{"250718-1200", BuildCopyDID, true},
		{"garbage", BuildUpdateDID, false},
		{"", BuildUpdateDID, false},
	} {
		if got := BuildAtLeast(tt.build, tt.min); got != tt.want {
			t.Errorf("BuildAtLeast(%q, %q) = %v", tt.build, tt.min, got)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		fn, msg string
		want    error
	}{
		{"", "Login incorrect, please try again", ErrAuth},
		{"", "Too many login attempts, try again in 15 minutes", ErrLockedOut},
		{"", "Your IP Address is not allowed", ErrIPBlocked},
		{"add_lead", "USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM", ErrPermission},
		{"add_lead", "NOT AN ALLOWED LIST ID", ErrPermission},
		{"add_lead", "INVALID PHONE NUMBER LENGTH", ErrInvalidParameter},
		{"add_did", "DID DESCRIPTION MUST BE FROM 6 TO 50 CHARACTERS, THIS IS AN OPTIONAL FIELD", ErrInvalidParameter},
		{"", "Invalid Source", ErrInvalidParameter},
		{"add_lead", "DUPLICATE PHONE NUMBER IN LIST", ErrConflict},
		{"add_did", "DID ALREADY EXISTS", ErrConflict},
		{"update_did", "DID DOES NOT EXIST", ErrNotFound},
		{"did_log_export", "NO RECORDS FOUND", ErrNotFound},
		{"update_lead", "NO MATCHES FOUND IN THE SYSTEM", ErrNotFound},
		{"agent_status", "AGENT NOT LOGGED IN", ErrNotFound},
		{"add_did", "NO FUNCTION SPECIFIED", ErrUnsupported},
		{"add_lead", "NO FUNCTION SPECIFIED", ErrInvalidParameter},
		{"add_lead", "PHONE NUMBER IN DNC", ErrRejected},
		{"sounds_list", "CENTRAL SOUND CONTROL IS NOT ACTIVE", ErrRejected},
	} {
		if got := classify(tt.fn, tt.msg, nil); got != tt.want {
			t.Errorf("classify(%q, %q) = %v, want %v", tt.fn, tt.msg, got, tt.want)
		}
	}
}

// TestRedactor: a field equal to a secret, a secret inside a field (in its
// encoded forms), and the password field of the login line whatever it
// holds (the server echoes the password after stripping it) are redacted;
// short secrets are only redacted as whole fields, so that they cannot mangle
// unrelated values.
func TestRedactor(t *testing.T) {
	r := newRedactor([]string{"s3cret pw", "ab1"})
	login, _ := parseLine("ERROR: Login incorrect, please try again: |6666|s3cretp|BAD|")
	if got := r.fields(login); !reflect.DeepEqual(got, []string{"6666", "[REDACTED]", "BAD"}) {
		t.Errorf("login = %q", got)
	}
	l := Line{Kind: LineSuccess, Message: "X", Data: []string{"ab1", "xab1x", "pre s3cret+pw post", "s3cret%20pw", "s3cret pw"}}
	if got := r.fields(l); !reflect.DeepEqual(got, []string{"[REDACTED]", "xab1x", "pre [REDACTED] post", "[REDACTED]", "[REDACTED]"}) {
		t.Errorf("fields = %q", got)
	}
}

// FuzzParseAnswer: any body parses without panicking, every line lands in
// exactly one place, and a line built from a function, an upper-case
// message and fields splits back into them.
func FuzzParseAnswer(f *testing.F) {
	data, _ := os.ReadFile("testdata/seed_lines.txt")
	for _, l := range strings.Split(string(data), "\n") {
		f.Add(l+"\n", "add_lead", "LEAD HAS BEEN ADDED", "a|b")
	}
	f.Add("VERSION: 2.14-96|BUILD: 170601-0747|\n", "update_did", "DID DOES NOT EXIST", "6666|")
	f.Fuzz(func(t *testing.T, body, fn, msg, data string) {
		a := parseAnswer([]byte(body))
		n := len(a.notices) + len(a.extra) + len(a.rows)
		if a.outcome != nil {
			n++
		}
		lines := 0
		for _, l := range strings.Split(body, "\n") {
			if strings.TrimSpace(strings.TrimRight(l, "\r")) != "" {
				lines++
			}
		}
		if n != lines {
			t.Fatalf("%d lines sorted into %d places", lines, n)
		}
		if _, ok := functions[fn]; !ok || !upperMsg.MatchString(msg) || strings.ContainsAny(data, "\r\n") ||
			strings.HasPrefix(data, "|") || strings.HasSuffix(data, "|") || data == "" {
			return
		}
		l, ok := parseLine("ERROR: " + fn + " " + msg + " - " + data)
		if !ok || l.Function != fn || l.Message != msg || strings.Join(l.Data, "|") != data {
			t.Fatalf("round trip of %q %q %q: %#v", fn, msg, data, l)
		}
	})
}

var upperMsg = regexp.MustCompile(`^[A-Z][A-Z0-9 ,_]*[A-Z0-9]$`)
