package voipms

import (
	"encoding/json"
	"testing"
)

// Hand-written: the escapes of caller IDs and the edge cases of \u.
func TestUnescapeStringHandWritten(t *testing.T) {
	for in, want := range map[string]string{
		`\"Name\" <5551234567>`: `"Name" <5551234567>`,
		`a\/b\\c\b\f\n\r\t`:     "a/b\\c\b\f\n\r\t",
		`\u00e9\u20AC`:          "é€",
		`\ud83d\ude00`:          "😀",
		`\ud83d`:                "\uFFFD",
		`\ud83dx`:               "\uFFFDx",
		`\ude00\ud83d\ude00`:    "\uFFFD😀",
		`\ud83d\u0041`:          "\uFFFDA",
		"caf\xc3\xa9 \xff":      "café \uFFFD",
	} {
		if got := unescapeString([]byte(in)); got != want {
			t.Errorf("unescapeString(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzUnescapeMatchesEncodingJSON: every string literal encoding/json
// accepts decodes to the same Go string (no encoding/json fallback left).
func FuzzUnescapeMatchesEncodingJSON(f *testing.F) {
	for _, s := range []string{`"\"Name\" <5551234567>"`, `"\ud83d\ude00"`, `"\ud83d"`, "\"\xff\"", `"\u0000"`,
		// the word-at-a-time scan's boundaries: specials at offsets 7, 8, 15, 16
		`"abcdefg\"hijklmnopq"`, `"abcdefgh\\ijklmnopq"`, "\"abcdefghijklmno\xe9\x80pq\"", "\"abcdefghijklmnop\x01\"", `"abcdefghijklmnopqrstuvwxyz0123456789"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, lit []byte) {
		var want string
		if json.Unmarshal(lit, &want) != nil {
			// A string literal encoding/json refuses is refused too.
			var got string
			if len(lit) > 0 && lit[0] == '"' && unmarshal(lit, &got) == nil {
				t.Fatalf("unmarshal(%q) = %q, encoding/json refuses it", lit, got)
			}
			return
		}
		var got string
		if err := unmarshal(lit, &got); err != nil {
			t.Fatalf("unmarshal(%q): %v", lit, err)
		}
		if got != want {
			t.Fatalf("unmarshal(%q) = %q, encoding/json %q", lit, got, want)
		}
	})
}
