package voipms

import (
	"math/big"
	"math/bits"
	"reflect"
	"strings"
	"unsafe"

	"github.com/shopspring/decimal"
)

// Allocation-free building blocks of the decoder (decode.go): the string
// arena, the decimal slabs and the word-at-a-time string scan.
//
// Retention. The strings of one decoded answer are copied out of the body
// into arena chunks of at most arenaChunk bytes (never into the body
// itself: a caller who keeps 10 DIDs of 100,000 pins at most the chunks
// those 10 DIDs' strings live in, not the 100 MB body). A kept string keeps
// its whole chunk alive, so the worst case for keeping a few records of a
// large answer is about arenaChunk bytes per record kept; a caller who
// keeps a handful of strings of a very large answer for a long time and
// cares about that can strings.Clone them. Decimals likewise share slabs
// of decimalSlab big.Int values and words.

const (
	arenaChunk  = 32 << 10 // bytes per string chunk
	arenaFirst  = 1 << 10  // bytes of the first string chunk (then doubling)
	arenaSolo   = 1 << 10  // strings longer than this get their own allocation
	decimalSlab = 128      // big.Int values per decimal slab
)

// str returns b as a string whose bytes live in the decoder's arena: a
// strings.Builder grown once per chunk (Grow does not zero the memory, and
// a Builder never changes bytes it has handed out, so each string is a
// substring of what String returns).
func (d *decodeState) str(b []byte) string {
	n := len(b)
	if n == 0 {
		return ""
	}
	if n > arenaSolo {
		return string(b)
	}
	if d.arena.Cap()-d.arena.Len() < n {
		// Chunks of 1, 2, 4, ... up to arenaChunk bytes: one record (the
		// streaming form decodes each with its own decodeState) or a small
		// answer gets a small chunk. The strings still to come are no
		// longer than the bytes left in the body (give or take escapes).
		size := arenaChunk
		if d.chunks < 5 {
			size = arenaFirst << d.chunks
		}
		size = max(min(size, len(d.data)-d.pos), n, 64)
		d.chunks++
		d.arena = strings.Builder{}
		d.arena.Grow(size)
	}
	start := d.arena.Len()
	d.arena.Write(b)
	return d.arena.String()[start:]
}

// decimalLayout is shopspring/decimal's Decimal as the fast path writes it;
// decimalFast says whether the library's layout is this one (checked once by
// reflection, see decimalLayoutMatches). When it is not, decimals are built
// with decimal.New (two allocations each) and nothing else changes.
type decimalLayout struct {
	value *big.Int
	exp   int32
}

var decimalFast = decimalLayoutMatches(reflect.TypeFor[decimal.Decimal]())

// decimalLayoutMatches reports whether t has exactly decimalLayout's fields:
// value *big.Int at offset 0, exp int32 where decimalLayout has it, and the
// same size (and the machine's words are 64 bits, which the fast path's
// one-word coefficient needs).
func decimalLayoutMatches(t reflect.Type) bool {
	if bits.UintSize != 64 || t.Kind() != reflect.Struct || t.NumField() != 2 ||
		t.Size() != unsafe.Sizeof(decimalLayout{}) {
		return false
	}
	v, e := t.Field(0), t.Field(1)
	return v.Name == "value" && v.Type == reflect.TypeFor[*big.Int]() && v.Offset == unsafe.Offsetof(decimalLayout{}.value) &&
		e.Name == "exp" && e.Type == reflect.TypeFor[int32]() && e.Offset == unsafe.Offsetof(decimalLayout{}.exp)
}

// decimal builds coef×10^exp (coef != 0) without allocating: the big.Int
// and its one word come from slabs shared by the answer's decimals. Each
// value's word slice has cap 1, so big.Int arithmetic on it (shopspring
// never mutates a Decimal's value, but BigInt() copies anyway) could not
// write into a neighbour.
func (d *decodeState) decimal(coef int64, exp int32) decimal.Decimal {
	if !decimalFast {
		return decimal.New(coef, exp)
	}
	if len(d.ints) == 0 {
		n := decimalSlab
		if d.slabs == 0 {
			n = 8 // small answers: a small first slab
		}
		d.slabs++
		d.ints = make([]big.Int, n)
		d.words = make([]big.Word, n)
	}
	z := &d.ints[0]
	w := d.words[0:1:1]
	d.ints, d.words = d.ints[1:], d.words[1:]
	u := uint64(coef)
	if coef < 0 {
		u = -u
	}
	w[0] = big.Word(u)
	z.SetBits(w)
	if coef < 0 {
		z.Neg(z)
	}
	var out decimal.Decimal
	l := (*decimalLayout)(unsafe.Pointer(&out))
	l.value, l.exp = z, exp
	return out
}

// ---- word-at-a-time string scanning ----

const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// swarSpecial marks (high bit of the byte) every byte of the little-endian
// word w that is '"', '\\' or a control character (< 0x20), and, when high,
// every byte >= 0x80. Bytes above the first marked one may be marked
// wrongly (borrows); the lowest marked byte is always exact, and the scan
// only uses that one.
func swarSpecial(w uint64, high bool) uint64 {
	q := w ^ (swarOnes * '"')
	b := w ^ (swarOnes * '\\')
	m := (q - swarOnes) &^ q
	m |= (b - swarOnes) &^ b
	m |= w - swarOnes*0x20
	m &^= w // a byte >= 0x80 is none of the three
	if high {
		m |= w
	}
	return m & swarHigh
}

// load64 reads 8 bytes at i (the caller checks i+8 <= len(b)).
func load64(b []byte, i int) uint64 {
	b = b[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// internHeader returns the documented routing header spelled h, or "".
func internHeader(h []byte) string {
	switch string(h) {
	case "account":
		return string(HeaderAccount)
	case "fwd":
		return string(HeaderForwarding)
	case "vm":
		return string(HeaderVoicemail)
	case "sip":
		return string(HeaderSIPURI)
	case "grp":
		return string(HeaderRingGroup)
	case "ivr":
		return string(HeaderIVR)
	case "sys":
		return string(HeaderSystem)
	case "recording":
		return string(HeaderRecording)
	case "queue":
		return string(HeaderQueue)
	case "cb":
		return string(HeaderCallback)
	case "tc":
		return string(HeaderTimeCondition)
	case "disa":
		return string(HeaderDISA)
	case "none":
		return string(HeaderNone)
	}
	return ""
}
