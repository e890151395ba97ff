package voipms

import (
	"bytes"
	"cmp"
	"encoding"
	"encoding/json"
	"math/big"
	"math/bits"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/shopspring/decimal"
)

// unmarshal decodes a response body into out. It is the one place response
// JSON is decoded (the transport calls it), and the one place the wire's
// tolerance lives: result types are plain Go types, and this decoder fills
// them from whatever VoIP.ms sent (scalar.go lists the encodings).
//
// It works in a single pass over the body: a plan per Go type maps JSON
// keys to struct fields, and scalars are parsed in place. What it does,
// by Go type:
//   - string kinds, integer kinds, float kinds, bool kinds,
//     decimal.Decimal, time.Time, DateRange: the tolerant scalars of
//     scalar.go; PHP's empty [] or {} is the zero value.
//   - Routing, IVRChoices, RingGroupMembers, Routings: their UnmarshalText.
//   - slices (not []byte) are lists: a JSON array; an object keyed "1",
//     "2", ... (in key order); {} (empty: no phantom zero record); any
//     other object (one record: VoIP.ms sends one-row answers that way);
//     null, "" or false (empty); any other scalar (one element).
//   - structs: a JSON object, matching keys exactly (VoIP.ms keys are
//     lower case; a struct field's json tag or Go name); [] (PHP's empty
//     array), null, "" and false leave the zero struct; unknown keys are
//     skipped.
//   - maps with string keys: a JSON object; [] is an empty map.
//   - pointers: null is nil, anything else decodes into a new value.
//   - anything else (interfaces, json.RawMessage, other Unmarshalers) is
//     handed to encoding/json.
//
// A value that cannot be decoded stops the decoding with a *scalarError
// that names the place ("transactions[3].date: cannot decode date: want
// YYYY-MM-DD") and never the value; out is then left untouched, as it is
// on a syntax error (the error encoding/json reports). One odd field fails
// the whole answer, money or not: a record with a silently zeroed field
// would be sent back as zero by the read-modify-write helpers.
//
// FuzzDecoderMatchesReference checks it against a slow, obviously correct
// reference (encoding/json into any, then the same scalar parsers).
func unmarshal(data []byte, out any) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return json.Unmarshal(data, out)
	}
	t := rv.Type().Elem()
	c := codecFor(t)
	if c.kind == kFallback {
		return json.Unmarshal(data, out)
	}
	// Decode into a copy so that an error found half-way leaves out
	// untouched.
	tmp := reflect.New(t)
	if !rv.Elem().IsZero() {
		tmp.Elem().Set(rv.Elem())
	}
	d := decodeState{data: data}
	d.value(c, tmp.UnsafePointer())
	if !d.syn && d.err == nil {
		d.ws()
		if d.pos != len(d.data) {
			d.syn = true
		}
	}
	if d.syn || (d.err != nil && !json.Valid(data)) {
		// Report syntax errors as encoding/json does, writing nothing.
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		return &json.SyntaxError{}
	}
	if d.err != nil {
		return d.err
	}
	rv.Elem().Set(tmp.Elem())
	return nil
}

// ---- plans ----

type codecKind uint8

const (
	kFallback   codecKind = iota // encoding/json on the raw value
	kString                      // string kinds
	kInt                         // signed integer kinds
	kUint                        // unsigned integer kinds
	kFloat                       // float kinds
	kBool                        // bool kinds
	kDecimal                     // decimal.Decimal
	kTime                        // time.Time
	kDateRange                   // DateRange
	kRouting                     // Routing
	kIVRChoices                  // IVRChoices
	kRingGroup                   // RingGroupMembers
	kRoutings                    // Routings
	kPtr                         // *T
	kSlice                       // []T (not []byte): a list
	kMap                         // map[string-kind]T
	kStruct                      // struct
)

// codec is the decoding plan of one Go type.
type codec struct {
	kind     codecKind
	typ      reflect.Type
	elem     *codec // kPtr, kSlice, kMap
	elemSize uintptr
	st       *structPlan
}

type fieldPlan struct {
	name   string   // JSON key
	names  []string // error path: embedded Go field names, then name
	index  []int    // reflect index path
	offset uintptr
	codec  *codec
	idx    int
	plain  bool   // name has no '"', '\\' or control byte: match can spell it out
	lit    string // name + `"`
	head   uint64 // lit's first 8 bytes (little-endian), mask: which bytes count
	mask   uint64
	head2  uint64 // the next 8 bytes of lit, if any
	mask2  uint64
}

type structPlan struct {
	fields []fieldPlan
	exact  map[string]*fieldPlan
}

var (
	typTime            = reflect.TypeFor[time.Time]()
	typDateRange       = reflect.TypeFor[DateRange]()
	typRouting         = reflect.TypeFor[Routing]()
	typIVRChoices      = reflect.TypeFor[IVRChoices]()
	typRingGroup       = reflect.TypeFor[RingGroupMembers]()
	typRoutings        = reflect.TypeFor[Routings]()
	typJSONNumber      = reflect.TypeFor[json.Number]()
	typUnmarshaler     = reflect.TypeFor[json.Unmarshaler]()
	typTextUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

	codecCache sync.Map // reflect.Type -> *codec
	codecMu    sync.Mutex
)

// maxDecodeDepth is encoding/json's nesting limit; deeper input is a
// syntax error.
const maxDecodeDepth = 10000

func codecFor(t reflect.Type) *codec {
	if c, ok := codecCache.Load(t); ok {
		return c.(*codec)
	}
	codecMu.Lock()
	defer codecMu.Unlock()
	if c, ok := codecCache.Load(t); ok {
		return c.(*codec)
	}
	building := map[reflect.Type]*codec{}
	c := buildCodec(t, building)
	for bt, bc := range building {
		codecCache.Store(bt, bc)
	}
	return c
}

func buildCodec(t reflect.Type, building map[reflect.Type]*codec) *codec {
	if c, ok := codecCache.Load(t); ok {
		return c.(*codec)
	}
	if c, ok := building[t]; ok {
		return c // recursive type: filled in below
	}
	c := &codec{typ: t}
	building[t] = c
	switch t {
	case typDecimal:
		c.kind = kDecimal
	case typTime:
		c.kind = kTime
	case typDateRange:
		c.kind = kDateRange
	case typRouting:
		c.kind = kRouting
	case typIVRChoices:
		c.kind = kIVRChoices
	case typRingGroup:
		c.kind = kRingGroup
	case typRoutings:
		c.kind = kRoutings
	}
	if c.kind != kFallback {
		return c
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(typUnmarshaler) || pt.Implements(typTextUnmarshaler) || t == typJSONNumber {
		return c
	}
	switch t.Kind() {
	case reflect.String:
		c.kind = kString
	case reflect.Bool:
		c.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.kind = kInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.kind = kUint
	case reflect.Float32, reflect.Float64:
		c.kind = kFloat
	case reflect.Pointer:
		c.kind, c.elem = kPtr, buildCodec(t.Elem(), building)
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 {
			c.kind, c.elem, c.elemSize = kSlice, buildCodec(t.Elem(), building), t.Elem().Size()
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			c.kind, c.elem = kMap, buildCodec(t.Elem(), building)
		}
	case reflect.Struct:
		c.kind, c.st = kStruct, buildStructPlan(t, building)
	}
	return c
}

// planField is a candidate field while a struct plan is built; the rules
// that pick among candidates (tags, embedding depth, conflicts) are those
// of encoding/json.
type planField struct {
	name   string
	tagged bool
	index  []int
	typ    reflect.Type
}

func buildStructPlan(t reflect.Type, building map[reflect.Type]*codec) *structPlan {
	current := []planField{}
	next := []planField{{typ: t}}
	var count, nextCount map[reflect.Type]int
	visited := map[reflect.Type]bool{}
	var fields []planField
	for len(next) > 0 {
		current, next = next, current[:0]
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, f := range current {
			if visited[f.typ] {
				continue
			}
			visited[f.typ] = true
			for i := 0; i < f.typ.NumField(); i++ {
				sf := f.typ.Field(i)
				if sf.Anonymous {
					et := sf.Type
					if et.Kind() == reflect.Pointer {
						et = et.Elem()
					}
					if !sf.IsExported() && et.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				if !validTagName(name) {
					name = ""
				}
				index := append(slices.Clip(f.index), i)
				ft := sf.Type
				embeddedStruct := sf.Anonymous && ft.Kind() == reflect.Struct
				if name != "" || !embeddedStruct {
					tagged := name != ""
					if name == "" {
						name = sf.Name
					}
					fields = append(fields, planField{name: name, tagged: tagged, index: index, typ: ft})
					if count[f.typ] > 1 {
						fields = append(fields, fields[len(fields)-1])
					}
					continue
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					next = append(next, planField{name: ft.Name(), index: index, typ: ft})
				}
			}
		}
	}
	slices.SortFunc(fields, func(a, b planField) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if len(a.index) != len(b.index) {
			return len(a.index) - len(b.index)
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var kept []planField
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		group := fields[i:j]
		if len(group) == 1 || len(group[0].index) != len(group[1].index) || group[0].tagged != group[1].tagged {
			kept = append(kept, group[0])
		}
		i = j
	}
	slices.SortFunc(kept, func(a, b planField) int { return slices.Compare(a.index, b.index) })

	sp := &structPlan{
		fields: make([]fieldPlan, len(kept)),
		exact:  make(map[string]*fieldPlan, len(kept)),
	}
	for i, f := range kept {
		// Offsets add up through embedded structs (embedded pointers are
		// not followed: encoding/json's rule for unexported ones, and the
		// SDK has none).
		var off uintptr
		var names []string
		cur := t
		for k, ix := range f.index {
			sf := cur.Field(ix)
			off += sf.Offset
			if k < len(f.index)-1 {
				names = append(names, sf.Name)
			}
			cur = sf.Type
		}
		names = append(names, f.name)
		plain := true // no '"', '\\' or control byte
		for _, c := range []byte(f.name) {
			plain = plain && c >= 0x20 && c != '"' && c != '\\'
		}
		sp.fields[i] = fieldPlan{name: f.name, names: names, index: f.index, offset: off, idx: i, plain: plain, lit: f.name + `"`}
		fp := &sp.fields[i]
		fp.head, fp.mask = litWord(fp.lit)
		if len(fp.lit) > 8 {
			fp.head2, fp.mask2 = litWord(fp.lit[8:])
		}
		sp.fields[i].codec = buildCodec(cur, building)
	}
	for i := range sp.fields {
		sp.exact[sp.fields[i].name] = &sp.fields[i]
	}
	return sp
}

// validTagName reports whether encoding/json accepts name as a key in a
// struct tag.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			return false
		}
	}
	return true
}

// match looks for a field whose key is spelled out at data[pos:] (just
// after the opening quote) and ends with the closing quote, among the few
// fields from hint on: the keys of a VoIP.ms record come in the order of
// the struct's fields, with some left out. A key that holds escapes never
// matches (no field name has a backslash), so matching the raw bytes is
// matching the decoded key.
func (sp *structPlan) match(data []byte, pos, hint int) *fieldPlan {
	if pos+8 > len(data) {
		for k := hint; k < len(sp.fields) && k < hint+matchAhead; k++ {
			f := &sp.fields[k]
			end := pos + len(f.name)
			if f.plain && end < len(data) && data[end] == '"' && string(data[pos:end]) == f.name {
				return f
			}
		}
		return nil
	}
	// The first 8 bytes of the key and its closing quote (the whole of a
	// key of up to 7 bytes) compared as one word, then the rest.
	w := load64(data, pos)
	for k := hint; k < len(sp.fields) && k < hint+matchAhead; k++ {
		f := &sp.fields[k]
		if !f.plain || w&f.mask != f.head {
			continue
		}
		if len(f.lit) <= 8 {
			return f
		}
		end := pos + len(f.lit)
		if end > len(data) {
			continue
		}
		if pos+16 <= len(data) {
			if load64(data, pos+8)&f.mask2 != f.head2 {
				continue
			}
			if len(f.lit) <= 16 || string(data[pos+16:end]) == f.lit[16:] {
				return f
			}
		} else if string(data[pos+8:end]) == f.lit[8:] {
			return f
		}
	}
	return nil
}

// litWord is the first (up to) 8 bytes of s as a little-endian word, and
// the mask of the bytes s has.
func litWord(s string) (word, mask uint64) {
	var w [8]byte
	n := copy(w[:], s)
	return load64(w[:], 0), ^uint64(0) >> (64 - 8*n)
}

// matchAhead is how many fields match tries from the hint.
const matchAhead = 4

func (sp *structPlan) lookup(key []byte, hint int) *fieldPlan {
	if hint < len(sp.fields) && sp.fields[hint].name == string(key) {
		return &sp.fields[hint]
	}
	return sp.exact[string(key)]
}

// ---- the decoder ----

type decodeState struct {
	data  []byte
	pos   int
	depth int
	syn   bool  // the input is not valid JSON (as far as seen)
	err   error // decoding stopped: a value that does not decode
	path  []pathElem

	arena   strings.Builder // string chunk (decode_arena.go)
	ints    []big.Int       // decimal slab
	words   []big.Word      // decimal words
	slabs   int
	chunks  int    // string chunks so far
	scratch []byte // unescaping buffer
}

// pathElem is one step of the error path: a field's names, or (names nil)
// a list index. Rendered only when a value fails.
type pathElem struct {
	names []string
	idx   int
}

func (d *decodeState) failed() bool { return d.syn || d.err != nil }

// where renders the current path: "transactions[3].date".
func (d *decodeState) where() string {
	var b strings.Builder
	for _, p := range d.path {
		if p.names == nil {
			b.WriteString("[" + strconv.Itoa(p.idx) + "]")
			continue
		}
		for _, n := range p.names {
			if b.Len() > 0 && !strings.HasPrefix(n, "[") {
				b.WriteByte('.')
			}
			b.WriteString(n)
		}
	}
	return b.String()
}

// fail stops the decoding with err, placed at the current path.
func (d *decodeState) fail(err error) {
	if d.err != nil {
		return
	}
	if se, ok := err.(*scalarError); ok {
		cp := *se
		cp.path = d.where()
		err = &cp
	} else {
		err = &scalarError{typ: "value", why: err.Error(), path: d.where()}
	}
	d.err = err
}

func (d *decodeState) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, or 0 (marking a
// syntax error) at the end of the input.
func (d *decodeState) peek() byte {
	if d.pos < len(d.data) {
		if c := d.data[d.pos]; c > ' ' {
			return c
		}
	}
	d.ws()
	if d.pos >= len(d.data) {
		d.syn = true
		return 0
	}
	return d.data[d.pos]
}

// strClass: 0 plain ASCII, 1 ends or escapes (", \, control), 2 non-ASCII.
var strClass = func() (t [256]uint8) {
	for i := 0; i < 0x20; i++ {
		t[i] = 1
	}
	t['"'], t['\\'] = 1, 1
	for i := 0x80; i < 0x100; i++ {
		t[i] = 2
	}
	return t
}()

// scanString reads the string literal starting at d.pos (a quote). It
// returns the span of the contents and whether they hold escapes or
// non-ASCII bytes.
func (d *decodeState) scanString() (start, end int, esc, high bool) {
	data := d.data
	i := d.pos + 1
	start = i
	for {
		// Eight bytes at a time to the first quote, backslash, control
		// byte or (until one is seen) byte >= 0x80; then byte by byte.
		for i+8 <= len(data) {
			m := swarSpecial(load64(data, i), !high)
			if m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		for i < len(data) && strClass[data[i]] == 0 {
			i++
		}
		if i >= len(data) {
			d.syn = true
			return
		}
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return start, i, esc, high
		case c >= 0x80:
			high = true
			i++
		case c == '\\':
			esc = true
			if i+1 >= len(data) {
				d.syn = true
				return
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) {
					d.syn = true
					return
				}
				for _, h := range data[i+2 : i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						d.syn = true
						return
					}
				}
				i += 6
			default:
				d.syn = true
				return
			}
		default: // control character
			d.syn = true
			return
		}
	}
}

// scanLiteral reads true, false, null or a number at d.pos.
func (d *decodeState) scanLiteral() (start, end int) {
	data := d.data
	start = d.pos
	i := start
	word := func(w string) (int, int) {
		if len(data)-i >= len(w) && string(data[i:i+len(w)]) == w {
			d.pos = i + len(w)
			return start, d.pos
		}
		d.syn = true
		return start, start
	}
	switch data[i] {
	case 't':
		return word("true")
	case 'f':
		return word("false")
	case 'n':
		return word("null")
	}
	if data[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return i > j
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		digits()
	default:
		d.syn = true
		return start, start
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			d.syn = true
			return start, start
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			d.syn = true
			return start, start
		}
	}
	d.pos = i
	return start, i
}

// skip reads and validates one value without decoding it.
func (d *decodeState) skip() {
	switch d.peek() {
	case 0:
	case '{':
		d.depth++
		if d.depth > maxDecodeDepth {
			d.syn = true
			return
		}
		d.pos++
		if d.peek() == '}' {
			d.pos++
			d.depth--
			return
		}
		for !d.syn {
			if d.peek() != '"' {
				d.syn = true
				return
			}
			d.scanString()
			if d.syn || d.peek() != ':' {
				d.syn = true
				return
			}
			d.pos++
			d.skip()
			if d.syn {
				return
			}
			switch d.peek() {
			case ',':
				d.pos++
			case '}':
				d.pos++
				d.depth--
				return
			default:
				d.syn = true
			}
		}
	case '[':
		d.depth++
		if d.depth > maxDecodeDepth {
			d.syn = true
			return
		}
		d.pos++
		if d.peek() == ']' {
			d.pos++
			d.depth--
			return
		}
		for !d.syn {
			d.skip()
			if d.syn {
				return
			}
			switch d.peek() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				d.depth--
				return
			default:
				d.syn = true
			}
		}
	case '"':
		d.scanString()
	default:
		d.scanLiteral()
	}
}

// skipRaw skips one value and returns its bytes.
func (d *decodeState) skipRaw() []byte {
	d.ws()
	start := d.pos
	d.skip()
	if d.syn {
		return nil
	}
	return d.data[start:d.pos]
}

// jsonValueName names a JSON value by its first byte, as
// UnmarshalTypeError.Value does.
func jsonValueName(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// goString turns the string literal data[start-1:end+1] into its Go value
// with encoding/json's rules (escapes decoded, invalid UTF-8 replaced).
func (d *decodeState) goString(start, end int, esc, high bool) string {
	raw := d.data[start:end]
	if !esc && (!high || utf8.Valid(raw)) {
		return d.str(raw)
	}
	d.scratch = appendUnescaped(d.scratch[:0], raw)
	return d.str(d.scratch)
}

// unescapeString decodes the contents of a string literal whose escapes
// scanString has checked, in one pass and one allocation, with
// encoding/json's rules: \uXXXX surrogate pairs are joined, a lone
// surrogate and every invalid UTF-8 byte become U+FFFD.
func unescapeString(raw []byte) string {
	b := appendUnescaped(make([]byte, 0, len(raw)+8), raw)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// appendUnescaped appends the decoded contents of a checked string literal
// to b (see unescapeString).
func appendUnescaped(b, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			switch raw[i+1] {
			case '"', '\\', '/':
				b = append(b, raw[i+1])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r := hex4(raw[i+2 : i+6])
				i += 6
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						r2 = hex4(raw[i+2 : i+6])
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
				continue
			}
			i += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, raw[i:i+size]...)
			}
			i += size
		}
	}
	return b
}

// hex4 is the value of four hex digits (checked by scanString).
func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		switch {
		case c <= '9':
			r = r<<4 | rune(c-'0')
		case c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			r = r<<4 | rune(c-'a'+10)
		}
	}
	return r
}

// value decodes the next JSON value into the value of type c.typ at p.
func (d *decodeState) value(c *codec, p unsafe.Pointer) {
	ch := d.peek()
	if ch == 0 {
		return
	}
	switch c.kind {
	case kString:
		d.decodeString(ch, p)
	case kInt, kUint, kFloat, kBool, kDecimal, kTime, kDateRange, kRouting, kIVRChoices, kRingGroup, kRoutings:
		d.tolerant(c, ch, p)
	case kSlice:
		d.list(c, ch, p)
	case kStruct:
		switch ch {
		case '{':
			d.object(c.st, p)
		case '[', 'n', '"', 'f':
			if d.emptyish(ch) {
				return // PHP's [] (or null, "", false) for an empty object
			}
			d.fail(&scalarError{typ: "object", why: "got " + jsonValueName(ch)})
		default:
			d.skip()
			if !d.syn {
				d.fail(&scalarError{typ: "object", why: "got " + jsonValueName(ch)})
			}
		}
	case kMap:
		d.decodeMap(c, ch, p)
	case kPtr:
		if ch == 'n' {
			if d.scanLiteral(); !d.syn {
				*(*unsafe.Pointer)(p) = nil
			}
			return
		}
		q := *(*unsafe.Pointer)(p)
		if q == nil {
			q = reflect.New(c.elem.typ).UnsafePointer()
			*(*unsafe.Pointer)(p) = q
		}
		d.value(c.elem, q)
	default:
		d.fallback(c, p)
	}
}

// emptyish consumes the next value and reports whether it is one of the
// ways VoIP.ms writes "nothing" where a record or map is expected: [] (PHP's
// empty array), null, "" or false. Otherwise it is left unread.
func (d *decodeState) emptyish(ch byte) bool {
	start := d.pos
	switch ch {
	case '[':
		d.pos++
		if d.peek() == ']' {
			d.pos++
			return true
		}
	case 'n', 'f':
		s, e := d.scanLiteral()
		if !d.syn && (string(d.data[s:e]) == "null" || string(d.data[s:e]) == "false") {
			return true
		}
	case '"':
		s, e, _, _ := d.scanString()
		if !d.syn && s == e {
			return true
		}
	}
	d.syn = false
	d.pos = start
	return false
}

// decodeString decodes into a string kind: a string's contents, a number's
// digits or true/false verbatim, "" for null; PHP's empty [] or {} is "".
func (d *decodeState) decodeString(ch byte, p unsafe.Pointer) {
	switch ch {
	case '"':
		s, e, esc, high := d.scanString()
		if d.syn {
			return
		}
		v := d.goString(s, e, esc, high)
		if !d.syn {
			*(*string)(p) = v
		}
	case '{', '[':
		if d.emptyContainer() {
			*(*string)(p) = ""
		}
	default:
		s, e := d.scanLiteral()
		if d.syn {
			return
		}
		if ch == 'n' {
			*(*string)(p) = ""
			return
		}
		*(*string)(p) = d.str(d.data[s:e])
	}
}

// emptyContainer reads an object or array where a scalar is expected: an
// empty one (PHP's encoding of an empty value) reports true; any other
// fails the decoding.
func (d *decodeState) emptyContainer() bool {
	open := d.data[d.pos]
	d.pos++
	c := d.peek()
	if (open == '[' && c == ']') || (open == '{' && c == '}') {
		d.pos++
		return true
	}
	d.pos--
	d.skip()
	if !d.syn {
		d.fail(&scalarError{typ: "scalar", why: "got an object or array"})
	}
	return false
}

// scalarText reads the next value the way the scalar parsers take it: a
// string's trimmed contents, a literal's text, nil for null and for PHP's
// empty [] or {}.
func (d *decodeState) scalarText(ch byte) ([]byte, bool) {
	switch ch {
	case '"':
		s, e, esc, _ := d.scanString()
		if d.syn {
			return nil, false
		}
		if !esc {
			b := d.data[s:e]
			if n := len(b); n > 0 && b[0] > ' ' && b[0] < utf8.RuneSelf && b[n-1] > ' ' && b[n-1] < utf8.RuneSelf {
				return b, true // nothing to trim (bytes.TrimSpace's answer, faster)
			}
			return bytes.TrimSpace(b), true
		}
		d.scratch = appendUnescaped(d.scratch[:0], d.data[s:e])
		return bytes.TrimSpace(d.scratch), true
	case '{', '[':
		if d.emptyContainer() {
			return nil, true
		}
		return nil, false
	}
	s, e := d.scanLiteral()
	if d.syn {
		return nil, false
	}
	if ch == 'n' {
		return nil, true
	}
	return d.data[s:e], true
}

// tolerant decodes the scalar kinds with the parsers of scalar.go (and
// routing.go's UnmarshalText).
func (d *decodeState) tolerant(c *codec, ch byte, p unsafe.Pointer) {
	s, ok := d.scalarText(ch)
	if !ok {
		return
	}
	var err error
	switch c.kind {
	case kInt:
		var v int64
		if v, err = parseIntBytes(s); err == nil {
			err = setInt(c.typ, p, v)
		}
	case kUint:
		var v int64
		if v, err = parseIntBytes(s); err == nil {
			if v < 0 {
				err = &scalarError{typ: "integer", why: "negative"}
			} else {
				err = setUint(c.typ, p, uint64(v))
			}
		}
	case kFloat:
		var v float64
		if v, err = parseFloatBytes(s, c.typ.Bits()); err == nil {
			if c.typ.Kind() == reflect.Float32 {
				*(*float32)(p) = float32(v)
			} else {
				*(*float64)(p) = v
			}
		}
	case kBool:
		var v bool
		if v, err = parseFlagBytes(s); err == nil {
			*(*bool)(p) = v
		}
	case kDecimal:
		var v decimal.Decimal
		if v, err = parseDecimalWith(s, d.decimal); err == nil {
			*(*decimal.Decimal)(p) = v
		}
	case kTime:
		var v time.Time
		if v, err = parseTimeBytes(s); err == nil {
			*(*time.Time)(p) = v
		}
	case kDateRange:
		var v DateRange
		if v, err = parseDateRangeBytes(s); err == nil {
			*(*DateRange)(p) = v
		}
	case kRouting:
		if i := bytes.IndexByte(s, ':'); i >= 0 {
			// Routing.UnmarshalText's split, without its copy of the
			// whole text: a documented header is a constant.
			h := RoutingHeader(internHeader(s[:i]))
			if h == "" && i > 0 {
				h = RoutingHeader(d.str(s[:i]))
			}
			*(*Routing)(p) = Routing{Header: h, Target: d.str(s[i+1:])}
		} else if string(s) == "false" {
			*(*Routing)(p) = Routing{}
		} else {
			err = (*Routing)(p).UnmarshalText(s)
		}
	case kIVRChoices:
		err = (*IVRChoices)(p).UnmarshalText(s)
	case kRingGroup:
		err = (*RingGroupMembers)(p).UnmarshalText(s)
	case kRoutings:
		err = (*Routings)(p).UnmarshalText(s)
	}
	if err != nil {
		d.fail(err)
	}
}

func setInt(t reflect.Type, p unsafe.Pointer, v int64) error {
	switch t.Kind() {
	case reflect.Int64, reflect.Int:
		*(*int64)(p) = v
		return nil
	}
	rv := reflect.NewAt(t, p).Elem()
	if rv.OverflowInt(v) {
		return &scalarError{typ: "integer", why: "out of range"}
	}
	rv.SetInt(v)
	return nil
}

func setUint(t reflect.Type, p unsafe.Pointer, v uint64) error {
	rv := reflect.NewAt(t, p).Elem()
	if rv.OverflowUint(v) {
		return &scalarError{typ: "integer", why: "out of range"}
	}
	rv.SetUint(v)
	return nil
}

// fallback hands one value to the type's own UnmarshalJSON, or to
// encoding/json.
func (d *decodeState) fallback(c *codec, p unsafe.Pointer) {
	raw := d.skipRaw()
	if d.syn {
		return
	}
	if err := json.Unmarshal(raw, reflect.NewAt(c.typ, p).Interface()); err != nil {
		d.fail(err)
	}
}

func (d *decodeState) object(sp *structPlan, p unsafe.Pointer) {
	d.depth++
	if d.depth > maxDecodeDepth {
		d.syn = true
		return
	}
	d.pos++ // {
	if d.peek() == '}' {
		d.pos++
		d.depth--
		return
	}
	hint := 0
	for !d.syn {
		if d.peek() != '"' {
			d.syn = true
			return
		}
		f := sp.match(d.data, d.pos+1, hint)
		if f != nil {
			d.pos += len(f.name) + 2
		} else {
			s, e, esc, high := d.scanString()
			if d.syn {
				return
			}
			key := d.data[s:e]
			if esc || (high && !utf8.Valid(key)) {
				d.scratch = appendUnescaped(d.scratch[:0], key)
				key = d.scratch
			}
			f = sp.lookup(key, hint)
		}
		if d.peek() != ':' {
			d.syn = true
			return
		}
		d.pos++
		if f == nil {
			d.skip()
		} else {
			hint = f.idx + 1
			d.path = append(d.path, pathElem{names: f.names})
			d.value(f.codec, unsafe.Add(p, f.offset))
			d.path = d.path[:len(d.path)-1]
		}
		if d.failed() {
			return
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return
		default:
			d.syn = true
		}
	}
}

// decodeMap decodes an object into a map with string keys; [] (PHP's empty
// array) is an empty map, null a nil one.
func (d *decodeState) decodeMap(c *codec, ch byte, p unsafe.Pointer) {
	m := reflect.NewAt(c.typ, p).Elem()
	switch ch {
	case '{':
	case '[', '"', 'f', 'n':
		start := d.pos
		if d.emptyish(ch) {
			if d.data[start] == '[' {
				m.Set(reflect.MakeMap(c.typ))
			} else if d.data[start] == 'n' {
				m.SetZero()
			}
			return
		}
		fallthrough
	default:
		d.skip()
		if !d.syn {
			d.fail(&scalarError{typ: "map", why: "got " + jsonValueName(ch)})
		}
		return
	}
	d.depth++
	if d.depth > maxDecodeDepth {
		d.syn = true
		return
	}
	if m.IsNil() {
		m.Set(reflect.MakeMap(c.typ))
	}
	d.pos++
	if d.peek() == '}' {
		d.pos++
		d.depth--
		return
	}
	ev := reflect.New(c.elem.typ).Elem()
	for !d.syn {
		if d.peek() != '"' {
			d.syn = true
			return
		}
		s, e, esc, high := d.scanString()
		if d.syn {
			return
		}
		key := d.goString(s, e, esc, high)
		if d.peek() != ':' {
			d.syn = true
			return
		}
		d.pos++
		ev.SetZero()
		d.path = append(d.path, pathElem{names: []string{"[" + strconv.Quote(key) + "]"}})
		d.value(c.elem, ev.Addr().UnsafePointer())
		d.path = d.path[:len(d.path)-1]
		if d.failed() {
			return
		}
		m.SetMapIndex(reflect.ValueOf(key).Convert(c.typ.Key()), ev)
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return
		default:
			d.syn = true
		}
	}
}

// list decodes a List: an array, an object keyed "1", "2", ..., {} (empty),
// any other object (one element), null/""/false (empty), or any other
// scalar (one element).
func (d *decodeState) list(c *codec, ch byte, p unsafe.Pointer) {
	out := reflect.NewAt(c.typ, p).Elem()
	switch ch {
	case '[':
		s := d.freshArray(c)
		if d.failed() {
			return
		}
		out.Set(s)
	case '{':
		d.keyedOrSingle(c, out)
	default:
		start := d.pos
		if ch == '"' {
			d.scanString()
		} else {
			d.scanLiteral()
		}
		if d.syn {
			return
		}
		end := d.pos
		switch string(d.data[start:end]) {
		case "null", `""`, "false":
			out.SetZero()
			return
		}
		one := reflect.MakeSlice(c.typ, 1, 1)
		d.pos = start
		d.element(c, one.UnsafePointer(), 0)
		if d.failed() {
			return
		}
		d.pos = end
		out.Set(one)
	}
}

// element decodes list element i at p, with its index in the error path.
func (d *decodeState) element(c *codec, p unsafe.Pointer, i int) {
	d.path = append(d.path, pathElem{idx: i})
	d.value(c.elem, p)
	d.path = d.path[:len(d.path)-1]
}

// freshArray decodes an array into a new slice of type c.typ.
func (d *decodeState) freshArray(c *codec) reflect.Value {
	d.depth++
	if d.depth > maxDecodeDepth {
		d.syn = true
		return reflect.Value{}
	}
	d.pos++ // [
	if d.peek() == ']' {
		d.pos++
		d.depth--
		return reflect.MakeSlice(c.typ, 0, 0)
	}
	var s reflect.Value
	var base unsafe.Pointer
	n, capacity := 0, 0
	first := d.pos
	guessed := false
	for !d.syn {
		if n == capacity {
			switch {
			case n == 0:
				capacity = 1
			case n == 1 && d.depth <= 2:
				// A list at the top of a response is usually the bulk of
				// it: guess its length from the size of the first element
				// so that it is allocated once (bounded, and trimmed below
				// when the guess was poor).
				per := max(d.pos-first, 1)
				capacity = min((len(d.data)-d.pos)/per+2, 4*len(d.data)/max(int(c.elemSize), 1)+16)
				capacity = max(capacity, 2)
				guessed = true
			default:
				capacity = 2 * n
			}
			ns := reflect.MakeSlice(c.typ, capacity, capacity)
			if n > 0 {
				reflect.Copy(ns, s)
			}
			s, base = ns, ns.UnsafePointer()
		}
		d.element(c, unsafe.Add(base, uintptr(n)*c.elemSize), n)
		n++
		if d.failed() {
			return reflect.Value{}
		}
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			if guessed && capacity-n > n/4+4 {
				// A poor guess: do not keep a large unused tail.
				ns := reflect.MakeSlice(c.typ, n, n)
				reflect.Copy(ns, s)
				return ns
			}
			return s.Slice(0, n)
		default:
			d.syn = true
		}
	}
	return reflect.Value{}
}

type keyedValue struct {
	n     int
	key   string
	start int
}

// keyedOrSingle decodes an object into a list: {} is empty; by numeric
// keys in key order when every key is a
// number (ties by spelling); otherwise the object is one element.
func (d *decodeState) keyedOrSingle(c *codec, out reflect.Value) {
	start := d.pos
	var rows []keyedValue
	var seen map[string]int
	keyed := true
	d.depth++
	if d.depth > maxDecodeDepth {
		d.syn = true
		return
	}
	d.pos++
	if d.peek() == '}' {
		d.pos++
		d.depth--
		out.Set(reflect.MakeSlice(c.typ, 0, 0))
		return
	}
members:
	for !d.syn {
		if d.peek() != '"' {
			d.syn = true
			return
		}
		s, e, esc, high := d.scanString()
		if d.syn {
			return
		}
		if d.peek() != ':' {
			d.syn = true
			return
		}
		d.pos++
		d.ws()
		vstart := d.pos
		d.skip()
		if d.syn {
			return
		}
		if keyed {
			key := d.goString(s, e, esc, high)
			n, err := strconv.Atoi(key)
			if err != nil {
				keyed = false
			} else {
				// Later duplicates win, as in a map.
				if seen == nil {
					seen = make(map[string]int)
				}
				if i, dup := seen[key]; dup {
					rows[i].start = vstart
				} else {
					seen[key] = len(rows)
					rows = append(rows, keyedValue{n, key, vstart})
				}
			}
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			break members
		default:
			d.syn = true
			return
		}
	}
	if d.syn {
		return
	}
	d.depth--
	end := d.pos
	var s reflect.Value
	if keyed {
		slices.SortFunc(rows, func(a, b keyedValue) int {
			if c := cmp.Compare(a.n, b.n); c != 0 {
				return c
			}
			return strings.Compare(a.key, b.key)
		})
		s = reflect.MakeSlice(c.typ, len(rows), len(rows))
		for i, r := range rows {
			d.pos = r.start
			d.element(c, unsafe.Add(s.UnsafePointer(), uintptr(i)*c.elemSize), i)
			if d.failed() {
				return
			}
		}
	} else {
		s = reflect.MakeSlice(c.typ, 1, 1)
		d.pos = start
		d.element(c, s.UnsafePointer(), 0)
		if d.failed() {
			return
		}
	}
	d.pos = end
	out.Set(s)
}
