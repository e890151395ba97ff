package voipms

import (
	"bytes"
	"cmp"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// unmarshal decodes a response body into out. It is the one place response
// JSON is decoded, so the decoder can be tuned without touching the call
// path.
//
// It gives the result encoding/json.Unmarshal gives (with the UnmarshalJSON
// methods of this package's tolerant types) in a single pass over the body:
// a plan per Go type maps JSON keys to struct fields, and the tolerant types,
// List[T] included, are decoded in place instead of through per-field
// UnmarshalJSON calls and re-scans. Types it does not know (maps,
// interfaces, other Unmarshalers) are handed to encoding/json.
//
// Differences from encoding/json, none of which the client relies on:
//   - When out already holds data and the body is not valid JSON, pointees
//     reachable from out may have been written to (out itself is left as
//     it was). A zero out, the only kind the client passes, is untouched.
//   - A List[T] sent as an object keyed "1", "2", ... whose keys repeat a
//     number in two spellings ("1" and "01") is decoded in the keys' order of
//     appearance; encoding/json's order is then random.
//   - UnmarshalTypeError.Struct and .Offset are not filled in; .Field is.
//
// FuzzDecoderMatchesEncodingJSON checks the equivalence.
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
	// Decode into a copy so that a syntax error found half-way leaves out
	// untouched, as encoding/json (which validates first) does.
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
		// encoding/json reports syntax errors before anything else and
		// writes nothing; let it produce the exact error.
		return json.Unmarshal(data, out)
	}
	rv.Elem().Set(tmp.Elem())
	if d.err != nil {
		return d.err
	}
	return d.saved
}

// ---- plans ----

type codecKind uint8

const (
	kFallback   codecKind = iota // encoding/json on the raw value
	kString                      // String
	kInt                         // Int
	kFlag                        // Flag
	kYesNo                       // YesNo
	kDecimal                     // Decimal
	kDate                        // Date
	kDateTime                    // DateTime
	kRouting                     // Routing
	kIVRChoices                  // IVRChoices
	kRingGroup                   // RingGroupMembers
	kList                        // List[T]
	kGoString                    // a string kind without methods
	kBool                        // a bool kind without methods
	kGoInt                       // signed integer kinds
	kGoUint                      // unsigned integer kinds
	kGoFloat                     // float kinds
	kPtr                         // *T
	kSlice                       // []T (not List, not []byte)
	kStruct                      // struct without JSON methods
)

// codec is the decoding plan of one Go type.
type codec struct {
	kind     codecKind
	typ      reflect.Type
	elem     *codec // kPtr, kSlice, kList
	elemSize uintptr
	st       *structPlan
	unm      bool // kFallback: *typ implements json.Unmarshaler
}

type fieldPlan struct {
	name   string   // JSON key
	names  []string // error path: embedded Go field names, then name
	offset uintptr
	codec  *codec
	idx    int
}

type structPlan struct {
	fields []fieldPlan
	exact  map[string]*fieldPlan
	folded map[string]*fieldPlan
}

// listType is implemented by every List[T]; it names T.
type listType interface{ listElem() reflect.Type }

func (List[T]) listElem() reflect.Type { return reflect.TypeFor[T]() }

var (
	typString          = reflect.TypeFor[String]()
	typInt             = reflect.TypeFor[Int]()
	typFlag            = reflect.TypeFor[Flag]()
	typYesNo           = reflect.TypeFor[YesNo]()
	typDecimal         = reflect.TypeFor[Decimal]()
	typDate            = reflect.TypeFor[Date]()
	typDateTime        = reflect.TypeFor[DateTime]()
	typRouting         = reflect.TypeFor[Routing]()
	typIVRChoices      = reflect.TypeFor[IVRChoices]()
	typRingGroup       = reflect.TypeFor[RingGroupMembers]()
	typJSONNumber      = reflect.TypeFor[json.Number]()
	typListType        = reflect.TypeFor[listType]()
	typUnmarshaler     = reflect.TypeFor[json.Unmarshaler]()
	typTextUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

	codecCache sync.Map // reflect.Type -> *codec
	codecMu    sync.Mutex

	errUnsupportedPlan = errors.New("unsupported struct layout")
)

const (
	// maxDecodeDepth is encoding/json's nesting limit; deeper input is left
	// to encoding/json, which reports it.
	maxDecodeDepth = 10000
	// The messages of the tolerant types' UnmarshalJSON errors.
	listScalarErrorWhy  = "want an array or object"
	scalarObjectArrayMs = "got an object or array"
)

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
	case typString:
		c.kind = kString
	case typInt:
		c.kind = kInt
	case typFlag:
		c.kind = kFlag
	case typYesNo:
		c.kind = kYesNo
	case typDecimal:
		c.kind = kDecimal
	case typDate:
		c.kind = kDate
	case typDateTime:
		c.kind = kDateTime
	case typRouting:
		c.kind = kRouting
	case typIVRChoices:
		c.kind = kIVRChoices
	case typRingGroup:
		c.kind = kRingGroup
	}
	if c.kind != kFallback {
		return c
	}
	pt := reflect.PointerTo(t)
	if t.Kind() == reflect.Slice && t.Implements(typListType) {
		elem := reflect.Zero(t).Interface().(listType).listElem()
		if elem == t.Elem() {
			c.kind, c.elem, c.elemSize = kList, buildCodec(elem, building), elem.Size()
			return c
		}
	}
	if pt.Implements(typUnmarshaler) {
		c.unm = true
		return c
	}
	if pt.Implements(typTextUnmarshaler) || t == typJSONNumber {
		return c
	}
	switch t.Kind() {
	case reflect.String:
		c.kind = kGoString
	case reflect.Bool:
		c.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.kind = kGoInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.kind = kGoUint
	case reflect.Float32, reflect.Float64:
		c.kind = kGoFloat
	case reflect.Pointer:
		c.kind, c.elem = kPtr, buildCodec(t.Elem(), building)
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 {
			c.kind, c.elem, c.elemSize = kSlice, buildCodec(t.Elem(), building), t.Elem().Size()
		}
	case reflect.Struct:
		if st, err := buildStructPlan(t, building); err == nil {
			c.kind, c.st = kStruct, st
		}
	}
	return c
}

// planField is a candidate field while a struct plan is built; the rules
// that pick among candidates are those of encoding/json.
type planField struct {
	name   string
	tagged bool
	index  []int
	typ    reflect.Type
	quoted bool
}

func buildStructPlan(t reflect.Type, building map[reflect.Type]*codec) (*structPlan, error) {
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
				name, opts, _ := strings.Cut(tag, ",")
				if !validTagName(name) {
					name = ""
				}
				index := append(slices.Clip(f.index), i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				quoted := false
				if hasTagOption(opts, "string") {
					switch ft.Kind() {
					case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
						reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
						reflect.Float32, reflect.Float64, reflect.String:
						quoted = true
					}
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					tagged := name != ""
					if name == "" {
						name = sf.Name
					}
					fields = append(fields, planField{name: name, tagged: tagged, index: index, typ: ft, quoted: quoted})
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
		folded: make(map[string]*fieldPlan, len(kept)),
	}
	for i, f := range kept {
		if f.quoted {
			return nil, errUnsupportedPlan
		}
		// Walk the index path: offsets add up through embedded structs;
		// an embedded pointer would need allocation, left to encoding/json.
		var off uintptr
		var names []string
		cur := t
		for k, ix := range f.index {
			if cur.Kind() != reflect.Struct {
				return nil, errUnsupportedPlan
			}
			sf := cur.Field(ix)
			off += sf.Offset
			if k < len(f.index)-1 {
				names = append(names, sf.Name)
			}
			cur = sf.Type
		}
		names = append(names, f.name)
		sp.fields[i] = fieldPlan{name: f.name, names: names, offset: off, idx: i}
		sp.fields[i].codec = buildCodec(cur, building)
	}
	for i := range sp.fields {
		f := &sp.fields[i]
		sp.exact[f.name] = f
		k := string(foldKey(nil, []byte(f.name)))
		if _, ok := sp.folded[k]; !ok {
			sp.folded[k] = f
		}
	}
	return sp, nil
}

func hasTagOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
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

// foldKey appends the case-folded form of a key: two keys match without
// regard to case (encoding/json's fallback after an exact match) exactly
// when their folded forms are equal.
func foldKey(dst, key []byte) []byte {
	for i := 0; i < len(key); {
		c := key[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(key[i:])
		// The smallest rune of r's case-folding orbit stands for the orbit.
		low := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < low {
				low = f
			}
		}
		dst = utf8.AppendRune(dst, low)
		i += n
	}
	return dst
}

func (sp *structPlan) lookup(key []byte, hint int) *fieldPlan {
	if hint < len(sp.fields) && sp.fields[hint].name == string(key) {
		return &sp.fields[hint]
	}
	if f, ok := sp.exact[string(key)]; ok {
		return f
	}
	var buf [64]byte
	if f, ok := sp.folded[string(foldKey(buf[:0], key))]; ok {
		return f
	}
	return nil
}

// ---- the decoder ----

type decodeState struct {
	data  []byte
	pos   int
	depth int
	syn   bool  // the input is not valid JSON (as far as seen)
	err   error // decoding stopped: an UnmarshalJSON-style error
	saved error // first type mismatch; decoding went on
	path  []string
}

func (d *decodeState) failed() bool { return d.syn || d.err != nil }

// context puts the current field path in front of a type error, as
// encoding/json does.
func (d *decodeState) context(err error) error {
	if te, ok := err.(*json.UnmarshalTypeError); ok && len(d.path) > 0 {
		p := slices.Clone(d.path)
		if te.Field != "" {
			p = append(p, te.Field)
		}
		te.Field = strings.Join(p, ".")
	}
	return err
}

func (d *decodeState) typeError(what string, t reflect.Type) {
	if d.saved == nil {
		d.saved = &json.UnmarshalTypeError{Value: what, Type: t, Offset: int64(d.pos), Field: strings.Join(d.path, ".")}
	}
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
		return string(raw)
	}
	var s string
	if err := json.Unmarshal(d.data[start-1:end+1], &s); err != nil {
		d.syn = true
	}
	return s
}

// value decodes the next JSON value into the value of type c.typ at p.
func (d *decodeState) value(c *codec, p unsafe.Pointer) {
	ch := d.peek()
	if ch == 0 {
		return
	}
	switch c.kind {
	case kString:
		d.decodeString(ch, (*String)(p))
	case kInt, kFlag, kYesNo, kDecimal, kDate, kDateTime, kRouting, kIVRChoices, kRingGroup:
		d.tolerant(c.kind, ch, p)
	case kList:
		d.list(c, ch, p)
	case kStruct:
		if ch == '{' {
			d.object(c.st, p)
			return
		}
		d.mismatch(ch, c.typ)
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
	case kSlice:
		d.slice(c, ch, p)
	case kGoString:
		if ch != '"' {
			d.mismatch(ch, c.typ)
			return
		}
		s, e, esc, high := d.scanString()
		if d.syn {
			return
		}
		v := d.goString(s, e, esc, high)
		if !d.syn {
			*(*string)(p) = v
		}
	case kBool, kGoInt, kGoUint, kGoFloat:
		d.number(c, ch, p)
	default:
		d.fallback(c, p)
	}
}

// mismatch handles a JSON value of the wrong kind for a Go type that
// cannot be nil: null is ignored, anything else is a type error and the
// decoding goes on.
func (d *decodeState) mismatch(ch byte, t reflect.Type) {
	if ch == 'n' {
		d.scanLiteral()
		return
	}
	d.skip()
	if !d.syn {
		d.typeError(jsonValueName(ch), t)
	}
}

func (d *decodeState) number(c *codec, ch byte, p unsafe.Pointer) {
	if ch == '{' || ch == '[' || ch == '"' || ch == 'n' {
		d.mismatch(ch, c.typ)
		return
	}
	s, e := d.scanLiteral()
	if d.syn {
		return
	}
	item := d.data[s:e]
	v := reflect.NewAt(c.typ, p).Elem()
	if ch == 't' || ch == 'f' {
		if c.kind != kBool {
			d.typeError("bool", c.typ)
			return
		}
		v.SetBool(ch == 't')
		return
	}
	switch c.kind {
	case kBool:
		d.typeError("number", c.typ)
	case kGoInt:
		n, err := strconv.ParseInt(string(item), 10, 64)
		if err != nil || v.OverflowInt(n) {
			d.typeError("number "+string(item), c.typ)
			return
		}
		v.SetInt(n)
	case kGoUint:
		n, err := strconv.ParseUint(string(item), 10, 64)
		if err != nil || v.OverflowUint(n) {
			d.typeError("number "+string(item), c.typ)
			return
		}
		v.SetUint(n)
	case kGoFloat:
		n, err := strconv.ParseFloat(string(item), c.typ.Bits())
		if err != nil || v.OverflowFloat(n) {
			d.typeError("number "+string(item), c.typ)
			return
		}
		v.SetFloat(n)
	}
}

// decodeString is String.UnmarshalJSON.
func (d *decodeState) decodeString(ch byte, p *String) {
	switch ch {
	case '"':
		s, e, esc, _ := d.scanString()
		if d.syn {
			return
		}
		if !esc {
			*p = String(d.data[s:e])
			return
		}
		var v string
		if err := json.Unmarshal(d.data[s-1:e+1], &v); err != nil {
			d.syn = true
			return
		}
		*p = String(v)
	case '{', '[':
		if d.skip(); !d.syn {
			d.err = &scalarError{"string", scalarObjectArrayMs}
		}
	default:
		s, e := d.scanLiteral()
		if d.syn {
			return
		}
		if ch == 'n' {
			*p = ""
			return
		}
		*p = String(d.data[s:e])
	}
}

// scalarText reads the next value the way scalarBytes reduces it: a
// string's trimmed contents, a literal's text, nil for null.
func (d *decodeState) scalarText(ch byte, typ string) ([]byte, bool) {
	switch ch {
	case '"':
		s, e, esc, _ := d.scanString()
		if d.syn {
			return nil, false
		}
		if !esc {
			return bytes.TrimSpace(d.data[s:e]), true
		}
		var v string
		if err := json.Unmarshal(d.data[s-1:e+1], &v); err != nil {
			d.syn = true
			return nil, false
		}
		return bytes.TrimSpace([]byte(v)), true
	case '{', '[':
		if d.skip(); !d.syn {
			d.err = &scalarError{typ, scalarObjectArrayMs}
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

var tolerantNames = [...]string{
	kInt: "integer", kFlag: "flag", kYesNo: "flag", kDecimal: "decimal", kDate: "date", kDateTime: "datetime",
	kRouting: "routing", kIVRChoices: "IVR choices", kRingGroup: "ring-group members",
}

// tolerant decodes the scalar types of types.go and routing.go with the
// parsers their UnmarshalJSON methods use.
func (d *decodeState) tolerant(k codecKind, ch byte, p unsafe.Pointer) {
	s, ok := d.scalarText(ch, tolerantNames[k])
	if !ok {
		return
	}
	var err error
	switch k {
	case kInt:
		var v int64
		if v, err = parseIntBytes(s); err == nil {
			*(*Int)(p) = Int(v)
		}
	case kFlag, kYesNo:
		var v bool
		if v, err = parseFlagBytes(s); err == nil {
			*(*bool)(p) = v
		}
	case kDecimal:
		var v Decimal
		if v, err = parseDecimalBytes(s); err == nil {
			*(*Decimal)(p) = v
		}
	case kDate:
		if t, e := parseTimeBytes(s, false); e == nil {
			(*Date)(p).Time = t
		} else {
			err = e
		}
	case kDateTime:
		if t, e := parseTimeBytes(s, true); e == nil {
			(*DateTime)(p).Time = t
		} else {
			err = e
		}
	case kRouting:
		if string(s) == "false" {
			*(*Routing)(p) = Routing{}
		} else {
			err = (*Routing)(p).UnmarshalText(s)
		}
	case kIVRChoices:
		err = (*IVRChoices)(p).UnmarshalText(s)
	case kRingGroup:
		err = (*RingGroupMembers)(p).UnmarshalText(s)
	}
	if err != nil {
		d.err = err
	}
}

// fallback hands one value to the type's own UnmarshalJSON, or to
// encoding/json.
func (d *decodeState) fallback(c *codec, p unsafe.Pointer) {
	raw := d.skipRaw()
	if d.syn {
		return
	}
	ptr := reflect.NewAt(c.typ, p).Interface()
	if c.unm {
		if err := ptr.(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			d.err = d.context(err)
		}
		return
	}
	err := json.Unmarshal(raw, ptr)
	if err == nil {
		return
	}
	switch err.(type) {
	case *json.UnmarshalTypeError, base64.CorruptInputError:
		// encoding/json records these and goes on.
		if d.saved == nil {
			d.saved = d.context(err)
		}
	default:
		d.err = d.context(err)
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
		s, e, esc, high := d.scanString()
		if d.syn {
			return
		}
		key := d.data[s:e]
		if esc || (high && !utf8.Valid(key)) {
			key = []byte(d.goString(s, e, esc, high))
		}
		f := sp.lookup(key, hint)
		if d.peek() != ':' {
			d.syn = true
			return
		}
		d.pos++
		if f == nil {
			d.skip()
		} else {
			hint = f.idx + 1
			n := len(d.path)
			d.path = append(d.path, f.names...)
			d.value(f.codec, unsafe.Add(p, f.offset))
			d.path = d.path[:n]
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

// slice decodes into a plain slice the way encoding/json does: the
// existing backing array is reused and elements are decoded into what
// they held.
func (d *decodeState) slice(c *codec, ch byte, p unsafe.Pointer) {
	v := reflect.NewAt(c.typ, p).Elem()
	switch ch {
	case '[':
	case 'n':
		if d.scanLiteral(); !d.syn {
			v.SetZero()
		}
		return
	default:
		d.mismatch(ch, c.typ)
		return
	}
	d.depth++
	if d.depth > maxDecodeDepth {
		d.syn = true
		return
	}
	d.pos++
	i := 0
	if d.peek() == ']' {
		d.pos++
	} else {
		for !d.syn {
			if i >= v.Cap() {
				v.Grow(1)
			}
			if i >= v.Len() {
				v.SetLen(i + 1)
			}
			d.value(c.elem, v.Index(i).Addr().UnsafePointer())
			i++
			if d.failed() {
				return
			}
			if ch := d.peek(); ch == ',' {
				d.pos++
				continue
			} else if ch == ']' {
				d.pos++
				break
			}
			d.syn = true
			return
		}
	}
	if d.syn {
		return
	}
	d.depth--
	if i < v.Len() {
		v.SetLen(i)
	}
	if i == 0 {
		v.Set(reflect.MakeSlice(c.typ, 0, 0))
	}
}

// list is List.UnmarshalJSON: an array, a single object, an object keyed
// "1", "2", ..., or null/""/false; anything else is one element.
func (d *decodeState) list(c *codec, ch byte, p unsafe.Pointer) {
	out := reflect.NewAt(c.typ, p).Elem()
	switch ch {
	case '[':
		saved := d.saved
		d.saved = nil
		s := d.freshArray(c)
		inner := d.saved
		d.saved = saved
		if d.failed() {
			return
		}
		if inner != nil {
			d.err = inner // List.UnmarshalJSON returns the first mismatch
			return
		}
		out.Set(s)
	case '{':
		d.keyedOrSingle(c, out)
	default:
		start := d.pos
		var end int
		if ch == '"' {
			d.scanString()
		} else {
			d.scanLiteral()
		}
		if d.syn {
			return
		}
		end = d.pos
		switch string(d.data[start:end]) {
		case "null", `""`, "false":
			out.SetZero()
			return
		}
		one := reflect.MakeSlice(c.typ, 1, 1)
		d.pos = start
		saved := d.saved
		d.saved = nil
		d.value(c.elem, one.UnsafePointer())
		inner := d.saved
		d.saved = saved
		d.pos = end
		if d.syn {
			return
		}
		if d.err != nil || inner != nil {
			d.err = &scalarError{"list", listScalarErrorWhy}
			return
		}
		out.Set(one)
	}
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
		d.value(c.elem, unsafe.Add(base, uintptr(n)*c.elemSize))
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

// keyedOrSingle decodes an object into a List: by numeric keys in key
// order when every key is a number, otherwise as one element.
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
		keyed = false
	} else {
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
	}
	if d.syn {
		return
	}
	d.depth--
	end := d.pos
	var s reflect.Value
	if keyed {
		slices.SortStableFunc(rows, func(a, b keyedValue) int { return cmp.Compare(a.n, b.n) })
		s = reflect.MakeSlice(c.typ, len(rows), len(rows))
		for i, r := range rows {
			d.pos = r.start
			saved := d.saved
			d.saved = nil
			d.value(c.elem, unsafe.Add(s.UnsafePointer(), uintptr(i)*c.elemSize))
			inner := d.saved
			d.saved = saved
			if d.failed() {
				return
			}
			if inner != nil {
				d.err = inner
				return
			}
		}
	} else {
		s = reflect.MakeSlice(c.typ, 1, 1)
		d.pos = start
		saved := d.saved
		d.saved = nil
		d.value(c.elem, s.UnsafePointer())
		inner := d.saved
		d.saved = saved
		if d.failed() {
			return
		}
		if inner != nil {
			d.err = inner
			return
		}
	}
	d.pos = end
	out.Set(s)
}
