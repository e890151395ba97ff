package goautodial

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSpecialCharacters checks the byte-level class against the
// reference's table, multi-byte cases included.
func TestSpecialCharacters(t *testing.T) {
	rejected := []string{
		"+17275551212", "Sales-Main", "Sales_Main", "50% off", "Bob's", "a@b", "x#1", "(727)", "a|b", "a=b", "a,b", "a<b", "a>b",
		"~", "?", "{", "}", "^", "$", "&", "*",
		"São Paulo", // ã is C3 A3
		"ì",         // C3 AC
		"°",         // C2 B0
		"©",         // C2 A9
		"½",         // C2 BD
		"\u00a0",    // NBSP, C2 A0
		"£", "¬",    // the class's own characters
		"\u20ac",     // € is E2 82 AC
		"\u0423",     // У is D0 A3
		"\U0001F4AC", // 💬 is F0 9F 92 AC
		"本",          // E6 9C AC
	}
	passed := []string{
		"7275551212", "Main line", "Sales.Main", "A:B", "a;b", "a/b", "[x]", `"q"`, `back\slash`, "hi!",
		"é", "è", "ñ", "Montréal", "Zürich", "中", "",
	}
	for _, v := range rejected {
		if !HasSpecialCharacters(v) {
			t.Errorf("%q passed, the server refuses it", v)
		}
	}
	for _, v := range passed {
		if HasSpecialCharacters(v) {
			t.Errorf("%q refused, the server accepts it", v)
		}
	}
	// exhaustively: a rune is refused exactly when one of its UTF-8 bytes is in the class
	for r := rune(0); r < 0x3000; r++ {
		s := string(r)
		want := false
		for i := 0; i < len(s); i++ {
			if strings.IndexByte(`'^$%&*()}{@#~?><,|=_+-`, s[i]) >= 0 || s[i] == 0xC2 || s[i] == 0xA3 || s[i] == 0xAC {
				want = true
			}
		}
		if utf8.ValidRune(r) && HasSpecialCharacters(s) != want {
			t.Fatalf("U+%04X: got %v", r, !want)
		}
	}
	// group_id's narrower class lets _ and - through
	if groupSpecialBytes.firstSpecial("SALES_LINE-2") >= 0 || groupSpecialBytes.firstSpecial("SALES+") < 0 || groupSpecialBytes.firstSpecial("São") < 0 {
		t.Error("group class")
	}
}

func TestNormalizePattern(t *testing.T) {
	for in, want := range map[string]string{
		"+17275551212": "17275551212", " +442071234567 ": "442071234567", "7275551212": "7275551212",
		"+": "+", "+1 727": "+1 727", "default": "default", "+1-727-555": "+1-727-555",
	} {
		if got := NormalizePattern(in); got != want {
			t.Errorf("NormalizePattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func field(err error) string {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Field
	}
	return ""
}

// TestValidation: every params check, with the field it names.
func TestValidation(t *testing.T) {
	long := strings.Repeat("é", 51)
	ok50 := strings.Repeat("é", 50)
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"add ok", (&DIDAddParams{Pattern: "+13125550100", Description: ok50, UserGroup: "ADMIN"}).check(), ""},
		{"add empty pattern", (&DIDAddParams{Description: "d", UserGroup: "ADMIN"}).check(), "did_pattern"},
		{"add pattern 0", (&DIDAddParams{Pattern: "0", Description: "d", UserGroup: "ADMIN"}).check(), "did_pattern"},
		{"add description 0 passes", (&DIDAddParams{Pattern: "1", Description: "0", UserGroup: "ADMIN"}).check(), ""},
		{"add empty description", (&DIDAddParams{Pattern: "1", UserGroup: "ADMIN"}).check(), "did_description"},
		{"add pattern special", (&DIDAddParams{Pattern: "312-555-0100", Description: "d", UserGroup: "ADMIN"}).check(), "did_pattern"},
		{"add description multibyte", (&DIDAddParams{Pattern: "1", Description: "São Paulo", UserGroup: "ADMIN"}).check(), "did_description"},
		{"add description plus", (&DIDAddParams{Pattern: "1", Description: "+1 line", UserGroup: "ADMIN"}).check(), "did_description"},
		{"add long", (&DIDAddParams{Pattern: "1", Description: long, UserGroup: "ADMIN"}).check(), "did_description"},
		{"add long pattern", (&DIDAddParams{Pattern: strings.Repeat("1", 51), Description: "d", UserGroup: "ADMIN"}).check(), "did_pattern"},
		{"add no group", (&DIDAddParams{Pattern: "1", Description: "d"}).check(), "user_group"},
		{"add bad utf8", (&DIDAddParams{Pattern: "1", Description: "a\xffb", UserGroup: "ADMIN"}).check(), "did_description"},
		{"edit ok", (&DIDUpdateParams{ID: 1, Route: CallMenu("MAINMENU")}).check(), ""},
		{"edit no id", (&DIDUpdateParams{Route: CallMenu("MAINMENU")}).check(), "did_id"},
		{"edit no route", (&DIDUpdateParams{ID: 1}).check(), "did_route"},
		{"edit bad route", (&DIDUpdateParams{ID: 1, Route: Route{Kind: "QUEUE"}}).check(), "did_route"},
		{"edit pattern special", (&DIDUpdateParams{ID: 1, Pattern: "1_2", Route: Voicemail("1")}).check(), "did_pattern"},
		{"agent no user", (&DIDUpdateParams{ID: 1, Route: Agent("", "", "")}).check(), "user"},
		{"agent bad action", (&DIDUpdateParams{ID: 1, Route: Agent("1001", "HANGUP", "")}).check(), "user_unavailable_action"},
		{"agent ok", (&DIDUpdateParams{ID: 1, Route: Agent("1001", UnavailableVoicemailNoInstructions, "SALES_LINE")}).check(), ""},
		{"ingroup none", (&DIDUpdateParams{ID: 1, Route: InGroup("", "", "", "")}).check(), "group_id"},
		{"ingroup 0", (&DIDUpdateParams{ID: 1, Route: InGroup("0", "", "", "")}).check(), "group_id"},
		{"ingroup underscore ok", (&DIDUpdateParams{ID: 1, Route: InGroup("SALES_LINE-2", "", "", "")}).check(), ""},
		{"ingroup special", (&DIDUpdateParams{ID: 1, Route: InGroup("SALES+", "", "", "")}).check(), "group_id"},
		{"ingroup search", (&DIDUpdateParams{ID: 1, Route: InGroup("S", "", "XX", "")}).check(), "agent_search_method"},
		{"ingroup list", (&DIDUpdateParams{ID: 1, Route: InGroup("S", "", "", "12a")}).check(), "list_id"},
		{"phone no ip", (&DIDUpdateParams{ID: 1, Route: Phone("8001", "")}).check(), "server_ip"},
		{"phone special", (&DIDUpdateParams{ID: 1, Route: Phone("80-01", "10.0.0.1")}).check(), "phone"},
		{"menu underscore", (&DIDUpdateParams{ID: 1, Route: CallMenu("MAIN_MENU")}).check(), "menu_id"},
		{"voicemail none", (&DIDUpdateParams{ID: 1, Route: Voicemail("")}).check(), "voicemail_ext"},
		{"vmail no inst none", (&DIDUpdateParams{ID: 1, Route: VoicemailNoInstructions("0")}).check(), "voicemail_ext"},
		{"exten no context", (&DIDUpdateParams{ID: 1, Route: Route{Kind: RouteExtension, Extension: "8300"}}).check(), "exten_context"},
		{"exten special", (&DIDUpdateParams{ID: 1, Route: Extension("*97", "")}).check(), "extension"},
		{"foreign target", (&DIDUpdateParams{ID: 1, Route: Route{Kind: RouteCallMenu, MenuID: "M", GroupID: "G"}}).check(), "group_id"},
		{"foreign ua", (&DIDUpdateParams{ID: 1, Route: Route{Kind: RouteVoicemail, VoicemailBox: "1", UnavailableAction: UnavailableExtension}}).check(), "user_unavailable_action"},
	} {
		if got := field(tc.err); got != tc.field || (tc.field == "") != (tc.err == nil) {
			t.Errorf("%s: %v (field %q, want %q)", tc.name, tc.err, got, tc.field)
		}
		if tc.err != nil && !errors.Is(tc.err, ErrInvalidParameter) {
			t.Errorf("%s: not ErrInvalidParameter", tc.name)
		}
	}
	// the reason names the offending character, multi-byte ones whole
	err := (&DIDAddParams{Pattern: "1", Description: "São Paulo", UserGroup: "ADMIN"}).check()
	if !strings.Contains(err.Error(), `'ã'`) || !strings.Contains(err.Error(), "0xa3") {
		t.Errorf("reason: %v", err)
	}
}

func (p *DIDAddParams) check() error    { _, err := p.form(); return err }
func (p *DIDUpdateParams) check() error { _, err := p.form(); return err }
