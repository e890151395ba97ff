package voipms

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"
)

// Tests of decode_arena.go: the word-at-a-time scan, the string arena, the
// decimal slabs (and their layout guard), the routing split.

// refScanString is the byte-at-a-time scan the SWAR one replaced.
func refScanString(data []byte, pos int) (end int, esc, high, syn bool) {
	for i := pos + 1; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			return i, esc, high, false
		case c >= 0x80:
			high = true
		case c == '\\':
			esc = true
			if i+1 >= len(data) {
				return 0, esc, high, true
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+6 > len(data) {
					return 0, esc, high, true
				}
				if _, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 16); err != nil {
					return 0, esc, high, true
				}
				i += 5
			default:
				return 0, esc, high, true
			}
		case c < 0x20:
			return 0, esc, high, true
		}
	}
	return 0, esc, high, true
}

// Every special byte at every offset of the first two words, with plain
// bytes, other special bytes and high bytes around it.
func TestScanStringWordBoundaries(t *testing.T) {
	specials := []string{`"`, `\\`, `\"`, `\u00e9`, `\u12`, `\x`, "\x00", "\x1f", "\n", "\x7f", " ", "é", "\xff", "\x80", "€"}
	fills := []string{"a", "~", "\x20", "é"}
	n := 0
	for _, sp := range specials {
		for _, fill := range fills {
			for off := 0; off < 16; off++ {
				for _, tail := range []string{`"`, `abcdefghij"`, "é\"", `\n"`, "\x01\"", ""} {
					body := `"` + strings.Repeat(fill, off) + sp + tail
					data := []byte(body)
					d := decodeState{data: data}
					s, e, esc, high := d.scanString()
					wantEnd, wantEsc, wantHigh, wantSyn := refScanString(data, 0)
					if d.syn != wantSyn {
						t.Fatalf("%q: syn %v, want %v", body, d.syn, wantSyn)
					}
					n++
					if wantSyn {
						continue
					}
					if s != 1 || e != wantEnd || esc != wantEsc || high != wantHigh || d.pos != wantEnd+1 {
						t.Fatalf("%q: (%d,%d,esc %v,high %v,pos %d), want (1,%d,%v,%v)", body, s, e, esc, high, d.pos, wantEnd, wantEsc, wantHigh)
					}
					var want string
					if json.Unmarshal(data[:e+1], &want) == nil {
						if got := d.goString(s, e, esc, high); got != want {
							t.Fatalf("%q: %q, want %q", body, got, want)
						}
					}
				}
			}
		}
	}
	if n < 5000 {
		t.Fatalf("only %d cases", n)
	}
}

// Every byte value at every position of a word: the lowest marked byte is
// the first special one, whatever comes after it.
func TestSwarSpecialEveryByte(t *testing.T) {
	special := func(c byte, high bool) bool { return c == '"' || c == '\\' || c < 0x20 || (high && c >= 0x80) }
	for _, high := range []bool{false, true} {
		for _, after := range []byte{'a', 0, '"', 0xff, 0x20, 0x80} {
			for pos := 0; pos < 8; pos++ {
				for c := 0; c < 256; c++ {
					var w [8]byte
					for i := range w {
						w[i] = 'a'
						if i > pos {
							w[i] = after
						}
					}
					w[pos] = byte(c)
					m := swarSpecial(load64(w[:], 0), high)
					want := -1
					for i := range w {
						if special(w[i], high) {
							want = i
							break
						}
					}
					got := -1
					if m != 0 {
						got = 0
						for m&0x80 == 0 {
							m >>= 8
							got++
						}
					}
					if got != want {
						t.Fatalf("high %v, word % x: first special %d, want %d", high, w, got, want)
					}
				}
			}
		}
	}
}

// Strings live in arena chunks, not in the body; chunks fill up and new
// ones start; long strings get their own allocation.
func TestArenaStrings(t *testing.T) {
	var want []string
	var b strings.Builder
	b.WriteByte('[')
	total := 0
	for i := 0; total < 5*arenaChunk; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		n := i % 97
		switch i % 50 {
		case 7:
			n = arenaSolo + i%3 // own allocation
		case 9:
			n = arenaSolo
		}
		s := strings.Repeat(string(rune('a'+i%26)), n)
		if i%11 == 0 {
			s += `é\"x` // escapes and high bytes go through scratch
		}
		b.WriteString(`"` + s + `"`)
		var v string
		if err := json.Unmarshal([]byte(`"`+s+`"`), &v); err != nil {
			t.Fatal(err)
		}
		want = append(want, v)
		total += len(v)
	}
	b.WriteByte(']')
	body := []byte(b.String())
	var got []string
	if err := unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	for i := range body {
		body[i] = 'X' // the strings must not alias the body
	}
	if !reflect.DeepEqual(got, want) {
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("string %d: %q, want %q", i, got[i], want[i])
			}
		}
		t.Fatal("differ")
	}
	// Strings are packed: far fewer chunks than strings.
	chunks := map[uintptr]bool{}
	for _, s := range got {
		if len(s) > 0 && len(s) <= arenaSolo {
			chunks[uintptr(unsafe.Pointer(unsafe.StringData(s)))/arenaChunk] = true
		}
	}
	if len(chunks) > 2*total/arenaChunk+4 {
		t.Fatalf("%d chunks for %d bytes", len(chunks), total)
	}
}

func TestArenaSmallAnswerSmallChunk(t *testing.T) {
	d := decodeState{data: []byte(`"abc"`)}
	if s := d.str([]byte("abc")); s != "abc" || d.arena.Cap() > 64 {
		t.Fatalf("%q, chunk %d bytes", s, d.arena.Cap())
	}
}

var decimalInputs = []string{
	`"0.01000000"`, `"0.99"`, `"-0.0052"`, `"1e-3"`, `"-1E+3"`, `"3"`, `"-3"`, `12.50`, `-7`, `"0"`, `"0.00"`, `""`, `null`,
	`"9223372036854775807"`, `"-9223372036854775807"`, `"922337203685477580"`, `"92233720368547758070"`,
	`"-92233720368547758070.5"`, `"123456789012345678901234567890"`, `"1.5e40"`, `"0e999999999"`, `"+4.20"`, `"00012"`,
}

func decodeDecimals(t *testing.T) []decimal.Decimal {
	t.Helper()
	var b strings.Builder
	b.WriteByte('[')
	for r := 0; r < 3*decimalSlab/len(decimalInputs)+2; r++ { // across slabs
		for i, s := range decimalInputs {
			if r+i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(s)
		}
	}
	b.WriteByte(']')
	var got []decimal.Decimal
	if err := unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestDecimalFastPathMatchesLibrary(t *testing.T) {
	if !decimalFast {
		t.Fatal("shopspring/decimal's layout changed: the fast path is off (see decimalLayoutMatches); update decimalLayout")
	}
	fast := decodeDecimals(t)
	decimalFast = false
	slow := decodeDecimals(t)
	decimalFast = true
	if len(fast) != len(slow) {
		t.Fatal(len(fast), len(slow))
	}
	for i := range fast {
		in := decimalInputs[i%len(decimalInputs)]
		want, err := parseDecimalBytes([]byte(strings.Trim(in, `"`)))
		if in == "null" {
			want, err = decimal.Decimal{}, nil
		}
		if err != nil {
			t.Fatal(in, err)
		}
		for _, got := range []decimal.Decimal{fast[i], slow[i]} {
			if got.String() != want.String() || got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: fast %v (exp %d), slow %v (exp %d), want %v (exp %d)", in, fast[i], fast[i].Exponent(), slow[i], slow[i].Exponent(), want, want.Exponent())
			}
		}
	}
	// Values share slabs: arithmetic and BigInt() must not touch the
	// neighbours.
	before := fast[1].String()
	_ = fast[0].Add(decimal.New(1, 40)).Mul(fast[0])
	bi := fast[0].BigInt()
	bi.Lsh(bi, 300)
	c := fast[0].Coefficient()
	c.SetInt64(-123456789)
	if fast[1].String() != before || fast[0].String() != "0.01" {
		t.Fatalf("neighbours changed: %v %v", fast[0], fast[1])
	}
	// The defence behind that: each slab value's words have capacity 1,
	// so no big.Int operation on one can grow into the next one's word.
	for i, v := range fast {
		l := (*decimalLayout)(unsafe.Pointer(&v))
		if l.value != nil && cap(l.value.Bits()) > 1 && len(l.value.Bits()) <= 1 {
			t.Fatalf("decimal %d (%v): coefficient words have capacity %d, want 1", i, v, cap(l.value.Bits()))
		}
	}
}

func TestDecimalLayoutGuard(t *testing.T) {
	if !decimalLayoutMatches(reflect.TypeFor[decimal.Decimal]()) {
		t.Fatal("guard refuses the real decimal.Decimal")
	}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[struct {
			value *big.Int
			exp   int64
		}](),
		reflect.TypeFor[struct {
			exp   int32
			value *big.Int
		}](),
		reflect.TypeFor[struct {
			value *big.Int
			exp   uint32
		}](),
		reflect.TypeFor[struct {
			Value *big.Int
			Exp   int32
		}](),
		reflect.TypeFor[struct {
			value *big.Int
			exp   int32
			more  int32
		}](),
		reflect.TypeFor[struct {
			value big.Int
			exp   int32
		}](),
		reflect.TypeFor[int](),
	} {
		if decimalLayoutMatches(typ) {
			t.Errorf("guard accepts %v", typ)
		}
	}
}

func TestRoutingFastSplitMatchesUnmarshalText(t *testing.T) {
	for _, s := range []string{
		"account:100001_VoIP", "fwd:1026", "vm:101", "sip:5096", "sip:user@host:5060", "grp:2718", "ivr:1401",
		"sys:echo", "recording:2271", "queue:31", "cb:1021", "tc:51", "disa:102", "none:", "newhdr:7", ":x", ":",
		"account", "", " fwd:1 ", "false", "ACCOUNT:1", `\u0061ccount:1`, "vm:é",
	} {
		var want Routing
		werr := want.UnmarshalText([]byte(strings.TrimSpace(s)))
		if s == "false" {
			want, werr = Routing{}, nil
		}
		var got struct {
			R Routing `json:"r"`
		}
		gerr := unmarshal([]byte(`{"r":"`+s+`"}`), &got)
		if s == `\u0061ccount:1` {
			want = Routing{HeaderAccount, "1"}
		}
		if (werr == nil) != (gerr == nil) || got.R != want {
			t.Errorf("%q: %#v %v, want %#v %v", s, got.R, gerr, want, werr)
		}
	}
}

// The fast path of parseTimeBytes against time.Date (the general path),
// every day from year 1 to 9999 in steps, every day of 1890-2110, odd
// times, and near-misses that must fall back.
func TestFastTimeMatchesTimeDate(t *testing.T) {
	check := func(s string) {
		t.Helper()
		got, ok := fastTime([]byte(s))
		y, _ := strconv.Atoi(s[:4])
		mo, _ := strconv.Atoi(s[5:7])
		d, _ := strconv.Atoi(s[8:10])
		var h, mi, sec int
		if len(s) == 19 {
			h, _ = strconv.Atoi(s[11:13])
			mi, _ = strconv.Atoi(s[14:16])
			sec, _ = strconv.Atoi(s[17:19])
		}
		want := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
		valid := want.Day() == d && want.Month() == time.Month(mo) && y >= 1 && sec < 60 && mi < 60 && h < 24
		if ok != valid || (ok && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%s: %v %v, want %v (valid %v)", s, got, ok, want, valid)
		}
		slow, err := parseTimeBytes([]byte(s))
		if ok && (err != nil || !reflect.DeepEqual(slow, got)) {
			t.Fatalf("%s: parseTimeBytes %v %v", s, slow, err)
		}
	}
	for day := time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2110; day = day.AddDate(0, 0, 1) {
		check(day.Format("2006-01-02"))
		check(day.Format("2006-01-02 15:04:05"))
	}
	for y := 1; y <= 9999; y += 7 {
		for _, md := range []string{"01-01", "02-28", "02-29", "02-30", "03-01", "12-31", "04-31", "06-30"} {
			check(fmt.Sprintf("%04d-%s", y, md))
			check(fmt.Sprintf("%04d-%s 23:59:59", y, md))
		}
	}
	for _, s := range []string{"2024-01-31 23:59:60", "2024-01-31 24:00:00", "2024-01-31 12:60:00", "0000-01-01", "2024-00-10", "2024-13-01", "2024-01-00", "2024-01-32", "2000-02-29", "1900-02-29", "2100-02-29", "2400-02-29"} {
		check(s)
	}
	for _, s := range []string{"2024-01-31T10:00:00", "2024/01/31", "2024-01-3a", "2024-01-31x10:00:00", "2024-01-31 10-00-00", "+024-01-01", "2024-1-031"} {
		if _, ok := fastTime([]byte(s)); ok && s != "2024-01-31T10:00:00" {
			t.Errorf("%s: fast path took it", s)
		}
	}
}

// The result slice is sized from the first element: a first element much
// shorter than the rest (estimate too large: the tail is trimmed) or much
// longer (too small: the slice grows) decodes the same, errors at the
// right index included.
func TestListSizeEstimate(t *testing.T) {
	long := `{"did":"5551234567","description":"` + strings.Repeat("x", 400) + `","pop":"3","routing":"account:100001_VoIP"}`
	short := `{"did":"1"}`
	build := func(first, rest string, n int) []byte {
		var b strings.Builder
		b.WriteString(`{"status":"success","dids":[` + first)
		for i := 1; i < n; i++ {
			b.WriteString("," + rest)
		}
		b.WriteString("]}")
		return []byte(b.String())
	}
	for _, n := range []int{1, 2, 3, 17, 1000} {
		for _, c := range [][2]string{{short, long}, {long, short}, {long, long}, {short, short}, {long, `{"did":"1","pop":"x"}`}} {
			body := build(c[0], c[1], n)
			compareInto[getDIDsInfoResponse](t, body)
			var got getDIDsInfoResponse
			if err := unmarshal(body, &got); err == nil {
				if len(got.Items) != n || cap(got.Items)-n > n/4+4 {
					t.Fatalf("n=%d: len %d cap %d", n, len(got.Items), cap(got.Items))
				}
			} else if !strings.Contains(err.Error(), "dids[1].pop") {
				t.Fatalf("n=%d: %v", n, err)
			}
		}
	}
}

type matchProbe struct {
	A       string `json:"a"`
	AB      string `json:"ab"`
	A7      string `json:"abcdefg"`
	A8      string `json:"abcdefgh"`
	A9      string `json:"abcdefghi"`
	A16     string `json:"abcdefghijklmnop"`
	CB      string `json:"sms_url_callback"`
	CBE     string `json:"sms_url_callback_enabled"`
	CBR     string `json:"sms_url_callback_retry"`
	Quote   string `json:"q\"k"`
	Unicode string `json:"clé"`
}

// Keys matched in place (match) against the plan's fields: prefixes of one
// another, sharing the first 8 bytes, in order, out of order, escaped, near
// the end of the input, unknown.
func TestKeyMatchInPlace(t *testing.T) {
	keys := []string{"a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "sms_url_callback",
		"sms_url_callback_enabled", "sms_url_callback_retry", `q\"k`, "clé", `cl\u00e9`, "abc", "abcdefgh_", "sms_url_callback_", "x"}
	for shift := range keys {
		for _, rev := range []bool{false, true} {
			var b strings.Builder
			b.WriteByte('{')
			for i := range keys {
				k := keys[(i+shift)%len(keys)]
				if rev {
					k = keys[len(keys)-1-(i+shift)%len(keys)]
				}
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(`"` + k + `":"v` + strconv.Itoa(i) + `"`)
			}
			b.WriteByte('}')
			compareInto[matchProbe](t, []byte(b.String()))
			compareInto[[]matchProbe](t, []byte("["+b.String()+","+b.String()+"]"))
		}
	}
	for _, k := range keys { // the key is the last thing in the input (no room for a word)
		for _, tail := range []string{`":1}`, `"`, ``, `":"x"}`} {
			compareInto[matchProbe](t, []byte(`{"`+k+tail))
		}
	}
	var got matchProbe
	if err := unmarshal([]byte(`{"abcdefgh":"1","abcdefghi":"2","a":"3","sms_url_callback_retry":"4","sms_url_callback":"5"}`), &got); err != nil ||
		got.A8 != "1" || got.A9 != "2" || got.A != "3" || got.CBR != "4" || got.CB != "5" {
		t.Fatalf("%+v %v", got, err)
	}
}

// The streaming form decodes each record with its own decodeState over a
// large read buffer: the record's strings must get a small chunk, not an
// arenaChunk one (a 32 KiB allocation per record).
func TestArenaFirstChunkSmall(t *testing.T) {
	rec := `{"did":"5551234567","description":"MIAMI, FL 1","routing":"account:100001_VoIP","note":"client 1"}`
	buf := []byte(rec + strings.Repeat(" ", 1<<20))
	d := decodeState{data: buf}
	var got DID
	d.value(codecFor(reflect.TypeFor[DID]()), unsafe.Pointer(&got))
	if d.failed() || got.Note != "client 1" || got.Routing.Target != "100001_VoIP" {
		t.Fatalf("%+v %v", got, d.err)
	}
	if c := d.arena.Cap(); c > arenaFirst {
		t.Fatalf("one record's strings got a %d-byte chunk", c)
	}
	// Then chunks double up to arenaChunk.
	for range 200 {
		d.str([]byte(strings.Repeat("x", 1000)))
	}
	if c := d.arena.Cap(); c != arenaChunk {
		t.Fatalf("chunk %d bytes after 200 KB of strings, want %d", c, arenaChunk)
	}
}
