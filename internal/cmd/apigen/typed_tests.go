package main

// Emission of the tests of the typed methods. Golden form bodies are built
// here from the sample values and the wire names, never by the runtime
// encoder, so a wrong struct tag fails its test.

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

const (
	testUser = "u@example.com"
	testPass = "pw-golden"
)

type sampleVal struct{ expr, wire string }

var routingSamples = []sampleVal{
	{`RouteAccount("100001_VoIP")`, "account:100001_VoIP"},
	{`RouteVoicemail("101")`, "vm:101"},
	{`RouteForwarding(1026)`, "fwd:1026"},
	{`RouteNone()`, "none:"},
	{`RouteSystem(SysEcho)`, "sys:echo"},
	{`RouteQueue(32208)`, "queue:32208"},
	{`RouteIVR(4636)`, "ivr:4636"},
	{`RouteRingGroup(4768)`, "grp:4768"},
	{`RouteTimeCondition(1830)`, "tc:1830"},
	{`RouteCallback(2359)`, "cb:2359"},
	{`RouteDISA(2114)`, "disa:2114"},
	{`RouteSIPURI(6199)`, "sip:6199"},
	{`RouteRecording(7567)`, "recording:7567"},
}

var (
	decimalRe  = regexp.MustCompile(`^\d+(\.\d+)?$`)
	jsonNumRe  = regexp.MustCompile(`^-?(0|[1-9]\d*)(\.\d+)?$`)
	digitsOnly = regexp.MustCompile(`^\d+$`)
)

// sample returns the Go expression (as a field value or argument, pointer
// when the field is one) and the wire value of a parameter's test value.
func (g *generator) sample(m *method, p *param) sampleVal {
	var base sampleVal
	switch p.Kind {
	case pString, pSecret:
		v := p.Example
		switch {
		case p.Check == "nanp" && p.Wire == "dst":
			v = "5551234568"
		case p.Check == "nanp":
			v = "5551234567"
		case p.Len > 0:
			v = strings.Repeat("0", p.Len-1) + "1"
		case p.Check == "digits" && !digitsOnly.MatchString(v):
			v = "5551230000"
		case p.Check == "phone" && !digitsOnly.MatchString(strings.TrimPrefix(v, "+")):
			v = "5145550123"
		case p.Words != nil:
			v = p.Words[0]
		case v == "":
			v = "sample " + p.Wire
		}
		if p.MaxLen > 0 && len(v) > p.MaxLen {
			v = v[:p.MaxLen]
		}
		base = sampleVal{strconv.Quote(v), v}
		if p.Kind == pSecret {
			base.expr = "Secret(" + base.expr + ")"
		}
	case pInt:
		n := intSample(p)
		if p.Step > 1 {
			n -= n % p.Step
		}
		base = sampleVal{strconv.FormatInt(n, 10), strconv.FormatInt(n, 10)}
		if p.Pointer() {
			base.expr = "int64(" + base.expr + ")"
		}
	case pDecimal:
		v := p.Example
		if !decimalRe.MatchString(v) {
			v = "1.50"
		}
		base = sampleVal{fmt.Sprintf("decimal.RequireFromString(%q)", v), v}
	case pBool, pDryRun:
		base = sampleVal{"true", "1"}
	case pYesNo:
		base = sampleVal{"YesNo(true)", "yes"}
	case pDate:
		base = sampleVal{`testDate("2014-03-30")`, "2014-03-30"}
	case pRouting:
		i := 0
		for _, q := range m.Params {
			if q == p {
				break
			}
			if q.Kind == pRouting {
				i++
			}
		}
		base = routingSamples[i%len(routingSamples)]
	case pIVRChoices:
		base = sampleVal{`IVRChoices{{Digits: "1", Routing: RouteSIPURI(5096)}, {Digits: "2", Routing: RouteForwarding(20222)}}`, "1=sip:5096;2=fwd:20222"}
	case pRoutings:
		base = sampleVal{`Routings{RouteAccount("100001"), RouteNone(), RouteForwarding(16006)}`, "account:100001;none:;fwd:16006"}
	case pMembers:
		base = sampleVal{`RingGroupMembers{Member(RouteAccount("100001")), MemberWithOptions(RouteForwarding(16006), 10, true)}`, "account:100001;fwd:16006,10,1"}
	case pEnum:
		v := g.u.enums[p.Enum].Variants[0]
		base = sampleVal{g.enumConst(p.Enum, v), v.Wire}
	default:
		panic(p.Kind)
	}
	if p.Pointer() {
		base.expr = "Ptr(" + base.expr + ")"
	}
	return base
}

// badSamples are values each check must reject.
func (g *generator) badSamples(p *param) []sampleVal {
	var out []sampleVal
	add := func(expr string) { out = append(out, sampleVal{expr: expr}) }
	switch p.Kind {
	case pString:
		switch p.Check {
		case "nanp":
			add(`"555123"`)
			add(`"555123456a"`)
		case "digits":
			add(`"12a4"`)
		case "phone":
			add(`"514-abc-0123"`)
			add(`"+"`)
		}
		if p.Words != nil {
			add(`"bogus"`)
			add(strconv.Quote(strconv.FormatInt(*p.Max+1, 10)))
			if p.Step > 1 {
				add(strconv.Quote(strconv.FormatInt(*p.Min+1, 10)))
			}
		}
		if p.Len > 0 {
			add(strconv.Quote(strings.Repeat("0", p.Len+1)))
		}
		if p.MaxLen > 0 {
			add(fmt.Sprintf(`strings.Repeat("a", %d)`, p.MaxLen+1))
		}
	case pSecret:
		if p.Check == "digits" {
			add(`Secret("12a4")`)
		}
		if p.MaxLen > 0 {
			add(fmt.Sprintf(`Secret(strings.Repeat("a", %d))`, p.MaxLen+1))
		}
	case pInt:
		if p.Min != nil {
			add(strconv.FormatInt(*p.Min-1, 10))
		}
		if p.Max != nil {
			add(strconv.FormatInt(*p.Max+1, 10))
		}
		if p.Step > 1 {
			add(strconv.FormatInt(intSample(p)-intSample(p)%p.Step+1, 10))
		}
		if p.Pointer() {
			for i := range out {
				out[i].expr = "int64(" + out[i].expr + ")"
			}
		}
	case pDecimal:
		if p.Positive {
			add(`decimal.Zero`)
			add(`decimal.RequireFromString("-0.01")`)
		} else if p.Min == nil {
			add(`decimal.RequireFromString("-1.00")`)
		} else {
			add(fmt.Sprintf(`decimal.RequireFromString("%d.5")`, *p.Min-1))
		}
		if p.Max != nil {
			add(fmt.Sprintf(`decimal.RequireFromString("%d.5")`, *p.Max))
		}
	case pRouting:
		add(`Routing{Header: "bogus", Target: "1"}`)
		add(`Routing{Header: HeaderForwarding, Target: "abc"}`)
	case pIVRChoices:
		add(`IVRChoices{{Digits: "x", Routing: RouteNone()}}`)
	case pMembers:
		add(`RingGroupMembers{Member(Routing{Header: "bogus", Target: "1"})}`)
	case pRoutings:
		add(`Routings{{Header: "bogus", Target: "1"}}`)
	case pEnum:
		add(p.Enum + `("bogus")`)
	}
	if p.Pointer() {
		for i := range out {
			out[i].expr = "Ptr(" + out[i].expr + ")"
		}
	}
	return out
}

// golden renders a form body the way url.Values.Encode does.
func golden(wire string, pairs map[string]string) string {
	all := map[string]string{"api_username": testUser, "api_password": testPass, "method": wire}
	for k, v := range pairs {
		all[k] = v
	}
	keys := sortedKeys(all)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = url.QueryEscape(k) + "=" + url.QueryEscape(all[k])
	}
	return strings.Join(parts, "&")
}

// callExpr renders a call of m with the sample values (override replaces the
// value of one parameter) and returns the expression with the wire pairs.
func (g *generator) callExpr(m *method, override map[string]string) (string, map[string]string) {
	pairs := map[string]string{}
	vals := map[string]string{}
	for _, p := range m.Params {
		s := g.sample(m, p)
		vals[p.Wire] = s.expr
		pairs[p.Wire] = s.wire
	}
	for k, v := range override {
		vals[k] = v
	}
	recv := "c." + serviceField(g.sp, m.Spec.Service) + "." + m.Spec.Name
	if m.Exported {
		var fs []string
		for _, p := range m.Params {
			if p.Embed != nil {
				if firstOfEmbed(m.Params, p) {
					var inner []string
					for _, q := range p.Embed.Params {
						inner = append(inner, q.Go+": "+vals[q.Wire])
					}
					fs = append(fs, fmt.Sprintf("%s: %s{%s}", p.Embed.Spec.Name, p.Embed.Spec.Name, strings.Join(inner, ", ")))
				}
				continue
			}
			fs = append(fs, p.Go+": "+vals[p.Wire])
		}
		return fmt.Sprintf("%s(context.Background(), &%s{%s})", recv, m.ParamsType, strings.Join(fs, ", ")), pairs
	}
	args := []string{"context.Background()"}
	sent := map[string]string{}
	for _, a := range m.args() {
		args = append(args, argValue(a, vals[a.Wire]))
		sent[a.Wire] = pairs[a.Wire]
	}
	return fmt.Sprintf("%s(%s)", recv, strings.Join(args, ", ")), sent
}

// argValue turns a field expression into a positional argument (no Ptr).
func argValue(p *param, expr string) string {
	if s, ok := strings.CutPrefix(expr, "Ptr("); ok && p.Pointer() {
		return strings.TrimSuffix(s, ")")
	}
	return expr
}

func serviceField(sp *specFile, svc string) string { return svc }

func (m *method) hasResult() bool { _, zero := m.retType(); return zero != "" }

func testName(svc, name string) string { return "Test" + svc + name }

// ---- response samples ----

type jsonMode int

const (
	asStrings jsonMode = iota // every scalar a string, lists as arrays (what the docs show)
	asNative                  // numbers as numbers, one-element lists as a bare object
)

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func scalarJSON(typ, sample string, mode jsonMode) string {
	if mode == asNative && jsonNumRe.MatchString(sample) {
		switch typ {
		case "Int", "Decimal", "String", "Flag":
			return sample
		}
		if typ != "Routing" && typ != "Date" && typ != "DateTime" && typ != "IVRChoices" && typ != "RingGroupMembers" && typ != "Routings" {
			return sample // enums
		}
	}
	return jsonString(sample)
}

func objectJSON(t *rtype, mode jsonMode) string {
	var parts []string
	for _, f := range t.Fields {
		parts = append(parts, jsonString(f.Wire)+":"+fieldJSON(f, mode))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func fieldJSON(f *rfield, mode jsonMode) string {
	switch {
	case f.Elem != nil:
		o := objectJSON(f.Elem, mode)
		if mode == asNative {
			return o
		}
		return "[" + o + "]"
	case f.ScalarList:
		return "[" + jsonString(f.Samples[0]) + "]"
	}
	return scalarJSON(f.Type, f.Sample, mode)
}

func (g *generator) responseJSON(m *method, mode jsonMode) string {
	ms := m.Spec
	head := `{"status":"success"`
	switch ms.Kind {
	case "list", "fetch":
		if m.ScalarList {
			return head + "," + jsonString(ms.Key) + ":[" + scalarJSON("String", m.ScalarSample, mode) + "]}"
		}
		o := objectJSON(m.Result, mode)
		if mode == asStrings {
			o = "[" + o + "]"
		}
		return head + "," + jsonString(ms.Key) + ":" + o + "}"
	case "object", "order":
		if m.Result == nil {
			return head + "}"
		}
		o := objectJSON(m.Result, mode)
		if ms.Key != "" {
			return head + "," + jsonString(ms.Key) + ":" + o + "}"
		}
		if o == "{}" {
			return head + "}"
		}
		return head + "," + o[1:]
	case "raw":
		return head + `,"sample":["1"]}`
	case "map":
		// the live answer has an empty-string key next to the codes
		return head + "," + jsonString(ms.Key) + `:{"":` + jsonString(m.ScalarSample) + `,"other":"x"}}`
	case "scalar":
		return head + "," + jsonString(ms.Key) + ":" + scalarJSON("Int", m.ScalarSample, mode) + "}"
	case "create":
		return head + "," + jsonString(ms.Key) + ":" + scalarJSON("Int", g.createAnswerID(m), mode) + "}"
	}
	return head + "}"
}

// createAnswerID is the id a create-or-update decode test's answer carries:
// the docs' sample unless it equals the id the request sends (then the test
// could pass by echoing p.ID), else a number the request does not send.
func (g *generator) createAnswerID(m *method) string {
	sent := g.sample(m, findParam(m.Params, m.Spec.ID)).wire
	if m.ScalarSample != "" && m.ScalarSample != sent {
		return m.ScalarSample
	}
	n, err := strconv.ParseInt(sent, 10, 64)
	if err != nil {
		n = 0
	}
	return strconv.FormatInt(n+80000, 10)
}

// ---- assertions ----

func flagValue(s string) bool {
	switch strings.ToLower(s) {
	case "1", "yes", "true", "y":
		return true
	}
	return false
}

func (g *generator) asserts(b *gobuf, t *rtype, access, indent string) {
	for _, f := range t.Fields {
		x := access + "." + f.Go
		switch {
		case f.Elem != nil:
			b.p("%sif len(%s) != 1 {\n%s\tt.Fatalf(\"len(%s) = %%d, want 1\", len(%s))\n%s}", indent, x, indent, x, x, indent)
			g.asserts(b, f.Elem, x+"[0]", indent)
			continue
		case f.ScalarList:
			b.p("%sif len(%s) != 1 || string(%s[0]) != %q {\n%s\tt.Errorf(\"%s = %%v, want [%s]\", %s)\n%s}", indent, x, x, f.Samples[0], indent, x, f.Samples[0], x, indent)
			continue
		}
		cond, want := assertCond(f, x)
		if cond == "" {
			continue
		}
		b.p("%sif %s {\n%s\tt.Errorf(\"%s = %%v, want %%v\", %s, %s)\n%s}", indent, cond, indent, x, x, want, indent)
	}
}

func assertCond(f *rfield, x string) (cond, want string) {
	s := f.Sample
	switch f.Type {
	case "String":
		return fmt.Sprintf("%s != %q", x, s), strconv.Quote(s)
	case "Int":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return "", ""
		}
		return fmt.Sprintf("%s != %d", x, n), strconv.FormatInt(n, 10)
	case "Decimal":
		if !decimalRe.MatchString(s) {
			return "", ""
		}
		return fmt.Sprintf("!%s.Equal(decimal.RequireFromString(%q))", x, s), strconv.Quote(s)
	case "Flag":
		v := flagValue(s)
		return fmt.Sprintf("%s != %v", x, v), strconv.FormatBool(v)
	case "Date", "DateTime":
		layout := "2006-01-02"
		if f.Type == "DateTime" {
			layout = "2006-01-02 15:04:05"
		}
		if strings.HasPrefix(s, "0000-00-00") {
			return fmt.Sprintf("!%s.IsZero()", x), `"zero time"`
		}
		return fmt.Sprintf("%s.Format(%q) != %q", x, layout, s), strconv.Quote(s)
	case "DateRange", "Routing", "IVRChoices", "RingGroupMembers", "Routings":
		return fmt.Sprintf("%s.String() != %q", x, s), strconv.Quote(s)
	}
	// enums
	return fmt.Sprintf("string(%s) != %q", x, s), strconv.Quote(s)
}

// ---- per-file test ----

func (g *generator) testFile(file string) []byte {
	var b gobuf
	for _, m := range g.methods {
		if m.Svc.File != file {
			continue
		}
		g.emitMethodTest(&b, m)
		if m.Spec.Get != nil {
			g.emitGetTest(&b, m)
		}
	}
	return withImports(b.Bytes())
}

func (g *generator) emitMethodTest(b *gobuf, m *method) {
	ms := m.Spec
	call, pairs := g.callExpr(m, nil)
	if ms.Kind == "fetch" {
		// the argument must match the record in the sample response
		var argList string
		argList, pairs = g.fetchCall(m, ms.Match, m.args())
		call = fmt.Sprintf("c.%s.%s(%s)", ms.Service, ms.Name, argList)
	}
	b.p("func %s(t *testing.T) {", testName(ms.Service, ms.Name))
	b.p("\tt.Run(\"request\", func(t *testing.T) {")
	b.p("\t\tc, mock, body := newGenClient(t, %s)", "`"+g.responseJSON(m, asStrings)+"`")
	lhs := "err :="
	if m.hasResult() {
		lhs = "_, err :="
	}
	b.p("\t\t%s %s\n\t\tif err != nil {\n\t\t\tt.Fatal(err)\n\t\t}", lhs, call)
	b.p("\t\tconst want = %q", golden(ms.Wire, pairs))
	b.p("\t\tif got := body(); got != want {\n\t\t\tt.Errorf(\"form body\\n got: %%s\\nwant: %%s\", got, want)\n\t\t}")
	b.p("\t\tif n := mock.GetTotalCallCount(); n != 1 {\n\t\t\tt.Errorf(\"%%d requests, want 1\", n)\n\t\t}")
	b.p("\t})")
	modes := []jsonMode{asStrings}
	if g.responseJSON(m, asNative) != g.responseJSON(m, asStrings) {
		modes = append(modes, asNative)
	}
	for _, mode := range modes {
		name := "decode"
		if mode == asNative {
			name = "decode_native"
		}
		b.p("\tt.Run(%q, func(t *testing.T) {", name)
		b.p("\t\tc, _, _ := newGenClient(t, %s)", "`"+g.responseJSON(m, mode)+"`")
		if m.hasResult() {
			b.p("\t\tgot, err := %s\n\t\tif err != nil {\n\t\t\tt.Fatal(err)\n\t\t}", call)
		} else {
			b.p("\t\tif err := %s; err != nil {\n\t\t\tt.Fatal(err)\n\t\t}", call)
		}
		g.emitResultAsserts(b, m)
		b.p("\t})")
	}
	if ms.Kind == "order" {
		// a client built WithDryRun sends test=1 even when DryRun is false
		forced, _ := g.callExpr(m, map[string]string{"test": "false"})
		pairs2 := map[string]string{}
		for k, v := range pairs {
			pairs2[k] = v
		}
		pairs2["test"] = "1"
		b.p("\tt.Run(\"forced_dry_run\", func(t *testing.T) {")
		b.p("\t\tc, _, body := newGenClient(t, `{\"status\":\"success\"}`, WithDryRun())")
		b.p("\t\tgot, err := %s\n\t\tif err != nil {\n\t\t\tt.Fatal(err)\n\t\t}", forced)
		b.p("\t\tif !got.DryRun {\n\t\t\tt.Error(\"Receipt.DryRun = false for a client built WithDryRun\")\n\t\t}")
		b.p("\t\tif got, want := body(), %q; got != want {\n\t\t\tt.Errorf(\"form body\\n got: %%s\\nwant: %%s\", got, want)\n\t\t}", golden(ms.Wire, pairs2))
		b.p("\t})")
	}
	if ms.Kind == "create" && m.Exported && ms.Key != "" {
		// without an id the call creates, and the id comes from the answer
		var idp *param
		for _, p := range m.Params {
			if p.Wire == ms.ID && p.Pointer() {
				idp = p
			}
		}
		if idp != nil {
			createCall, _ := g.callExpr(m, map[string]string{ms.ID: "nil"})
			b.p("\tt.Run(\"create\", func(t *testing.T) {")
			b.p("\t\tc, _, body := newGenClient(t, `{\"status\":\"success\",%s:\"4711\"}`)", jsonString(ms.Key))
			b.p("\t\tgot, err := %s\n\t\tif err != nil {\n\t\t\tt.Fatal(err)\n\t\t}", createCall)
			b.p("\t\tif got != 4711 {\n\t\t\tt.Errorf(\"new id = %%d, want 4711\", got)\n\t\t}")
			b.p("\t\tif strings.Contains(\"&\"+body(), %q) {\n\t\t\tt.Errorf(\"a create sent an id: %%s\", body())\n\t\t}", "&"+ms.ID+"=")
			b.p("\t})")
			// an update answered without an id returns the id it updated
			sent := g.sample(m, idp).wire
			b.p("\tt.Run(\"update_without_id_in_answer\", func(t *testing.T) {")
			b.p("\t\tc, _, _ := newGenClient(t, `{\"status\":\"success\"}`)")
			b.p("\t\tgot, err := %s\n\t\tif err != nil {\n\t\t\tt.Fatal(err)\n\t\t}", call)
			b.p("\t\tif got != %s {\n\t\t\tt.Errorf(\"got %%d, want %s (the id updated)\", got)\n\t\t}", sent, sent)
			b.p("\t})")
		}
	}
	if len(ms.NotFound) > 0 {
		// an unknown id answers an invalid_* status: ErrNotFound, status kept
		b.p("\tt.Run(\"not_found\", func(t *testing.T) {")
		b.p("\t\tfor _, st := range []Status{%s} {", quoteList(ms.NotFound))
		b.p("\t\t\tc, _, _ := newGenClient(t, `{\"status\":\"`+string(st)+`\",\"message\":\"no such record\"}`)")
		b.p("\t\t\t_, err := %s", call)
		b.p("\t\t\tvar ae *APIError")
		b.p("\t\t\tif !errors.Is(err, ErrNotFound) || !errors.As(err, &ae) || ae.Status != st {\n\t\t\t\tt.Errorf(\"answer %%s: err = %%v, want ErrNotFound with the status kept\", st, err)\n\t\t\t}")
		b.p("\t\t}")
		b.p("\t})")
	}
	if ms.Kind == "list" {
		empties := []string{`{"status":"success"}`}
		if st := g.emptyStatusOf(ms); st != "" {
			empties = append(empties, `{"status":"`+st+`"}`)
		}
		b.p("\tt.Run(\"empty\", func(t *testing.T) {")
		b.p("\t\tfor _, resp := range []string{%s} {", quoteList(empties))
		b.p("\t\t\tc, _, _ := newGenClient(t, resp)")
		b.p("\t\t\tgot, err := %s\n\t\t\tif err != nil {\n\t\t\t\tt.Fatalf(\"answer %%s: %%v\", resp, err)\n\t\t\t}", call)
		b.p("\t\t\tif got == nil || len(got) != 0 {\n\t\t\t\tt.Errorf(\"answer %%s: got %%#v, want an empty non-nil slice\", resp, got)\n\t\t\t}")
		b.p("\t\t}")
		b.p("\t})")
	}
	b.p("}\n")
}

func (g *generator) emitResultAsserts(b *gobuf, m *method) {
	ms := m.Spec
	switch ms.Kind {
	case "list":
		if m.ScalarList {
			b.p("\t\tif len(got) != 1 || got[0] != %q {\n\t\t\tt.Errorf(\"got %%v, want [%s]\", got)\n\t\t}", m.ScalarSample, m.ScalarSample)
			return
		}
		b.p("\t\tif len(got) != 1 {\n\t\t\tt.Fatalf(\"got %%d records, want 1\", len(got))\n\t\t}")
		g.asserts(b, m.Result, "got[0]", "\t\t")
	case "object", "fetch":
		g.asserts(b, m.Result, "got", "\t\t")
	case "map":
		b.p("\t\tif len(got) != 2 || got[\"\"] != %q || got[\"other\"] != \"x\" {\n\t\t\tt.Errorf(\"got %%v\", got)\n\t\t}", m.ScalarSample)
	case "raw":
		b.p("\t\tif _, ok := got[\"status\"]; ok || string(got[\"sample\"]) != `[\"1\"]` {\n\t\t\tt.Errorf(\"got %%v, want the answer minus status\", got)\n\t\t}")
	case "scalar":
		switch {
		case ms.Scalar == "int":
			b.p("\t\tif got != %s {\n\t\t\tt.Errorf(\"got %%d, want %s\", got)\n\t\t}", m.ScalarSample, m.ScalarSample)
		case ms.Scalar == "bool":
			b.p("\t\tif got != %v {\n\t\t\tt.Errorf(\"got %%v, want %v\", got)\n\t\t}", flagValue(m.ScalarSample), flagValue(m.ScalarSample))
		default:
			b.p("\t\tif got != %q {\n\t\t\tt.Errorf(\"got %%q, want %s\", got)\n\t\t}", m.ScalarSample, m.ScalarSample)
		}
	case "create":
		// the answer's id, which differs from the id sent
		want := g.createAnswerID(m)
		b.p("\t\tif got != %s {\n\t\t\tt.Errorf(\"got %%d, want %s (the id in the answer, not the one sent)\", got)\n\t\t}", want, want)
	case "order":
		b.p("\t\tif !got.DryRun {\n\t\t\tt.Error(\"Receipt.DryRun = false, want true (DryRun was set)\")\n\t\t}")
		if m.Result != nil {
			g.asserts(b, m.Result, "got", "\t\t")
		}
	}
}

// fetchCall renders a call whose last argument is the sample value of the
// result's match field, so the record is found.
func (g *generator) fetchCall(m *method, match string, args []*param) (string, map[string]string) {
	var rf *rfield
	for _, f := range m.Result.Fields {
		if f.Wire == match {
			rf = f
		}
	}
	pairs := map[string]string{}
	parts := []string{"context.Background()"}
	for i, a := range args {
		s := g.sample(m, a)
		val := argValue(a, s.expr)
		if i == len(args)-1 {
			s.wire = rf.Sample
			if a.Kind == pString {
				val = strconv.Quote(rf.Sample)
			} else {
				val = rf.Sample
			}
		}
		parts = append(parts, val)
		pairs[a.Wire] = s.wire
	}
	return strings.Join(parts, ", "), pairs
}

func (g *generator) emitGetTest(b *gobuf, m *method) {
	gs := m.Spec.Get
	var args []*param
	for _, a := range gs.Args {
		args = append(args, findParam(m.Params, a))
	}
	argList, pairs := g.fetchCall(m, gs.Match, args)
	call := fmt.Sprintf("c.%s.%s(%s)", m.Spec.Service, gs.Name, argList)
	b.p("func %s(t *testing.T) {", testName(m.Spec.Service, gs.Name))
	b.p("\tt.Run(\"found\", func(t *testing.T) {")
	b.p("\t\tc, _, body := newGenClient(t, %s)", "`"+g.responseJSON(m, asStrings)+"`")
	b.p("\t\tgot, err := %s\n\t\tif err != nil {\n\t\t\tt.Fatal(err)\n\t\t}", call)
	b.p("\t\tif got, want := body(), %q; got != want {\n\t\t\tt.Errorf(\"form body\\n got: %%s\\nwant: %%s\", got, want)\n\t\t}", golden(m.Spec.Wire, pairs))
	g.asserts(b, m.Result, "got", "\t\t")
	b.p("\t})")
	notFoundBodies := []string{`{"status":"success"}`}
	if g.u.emptyStatus["no_"+gs.What] {
		notFoundBodies = append(notFoundBodies, `{"status":"no_`+gs.What+`"}`)
	}
	for _, s := range gs.AlsoNotFound {
		notFoundBodies = append(notFoundBodies, `{"status":"`+s+`"}`)
	}
	// a list holding another record is not a match either
	other := strings.Replace(g.responseJSON(m, asStrings), jsonString(gs.Match)+":"+jsonString(matchSample(m, gs.Match)), jsonString(gs.Match)+":"+jsonString("99999"), 1)
	notFoundBodies = append(notFoundBodies, other)
	b.p("\tfor _, resp := range []string{%s} {", quoteList(notFoundBodies))
	b.p("\t\tc, _, _ := newGenClient(t, resp)")
	b.p("\t\tif _, err := %s; !errors.Is(err, ErrNotFound) {\n\t\t\tt.Errorf(\"answer %%s: err = %%v, want ErrNotFound\", resp, err)\n\t\t}", call)
	b.p("\t}")
	b.p("}\n")
}

// emptyStatusOf is the no_* status a list method answers when nothing
// matches, if known.
func (g *generator) emptyStatusOf(ms *methodSpec) string {
	st := ms.Empty
	if st == "" && ms.Get != nil {
		st = "no_" + ms.Get.What
	}
	if !g.u.emptyStatus[st] {
		if ms.Empty != "" {
			panic(ms.Wire + ": empty status " + st + " is not a curated empty status")
		}
		return ""
	}
	return st
}

func matchSample(m *method, match string) string {
	for _, f := range m.Result.Fields {
		if f.Wire == match {
			return f.Sample
		}
	}
	return ""
}

func quoteList(ss []string) string {
	var out []string
	for _, s := range ss {
		out = append(out, "`"+s+"`")
	}
	return strings.Join(out, ", ")
}

// ---- validation table ----

func (g *generator) validationTestFile() []byte {
	var b gobuf
	b.p("// validationCases walk every typed method with a missing or malformed")
	b.p("// parameter; each must fail with a *ValidationError naming the field before")
	b.p("// anything reaches the transport.")
	b.p("var validationCases = []struct {\n\tname, method, field, param string\n\tcall func(c *Client) error\n}{")
	var rows []string
	for _, m := range sortedMethods(g.methods) {
		lhs := "err :="
		if m.hasResult() {
			lhs = "_, err :="
		}
		row := func(name, field, call string) {
			rows = append(rows, fmt.Sprintf("\t{%q, %q, %q, %q, func(c *Client) error {\n\t\t%s %s\n\t\treturn err\n\t}},", name, m.Spec.Wire, field, findParam(m.Params, field).Param(), lhs, call))
		}
		if m.Class != "classRead" || missingField(m) != "" {
			f := missingField(m)
			if f == "" {
				if m.Class != "classRead" {
					panic(m.Spec.Wire + ": state-changing method without a required parameter")
				}
			} else {
				row(m.Spec.Wire+"/missing", f, g.zeroCall(m))
			}
		}
		for _, p := range m.Params {
			if !m.Exported && !isArg(m, p) {
				continue // not reachable through the method
			}
			for i, bad := range g.badSamples(p) {
				call, _ := g.callExpr(m, map[string]string{p.Wire: bad.expr})
				row(fmt.Sprintf("%s/%s/%d", m.Spec.Wire, p.Wire, i), p.Wire, call)
			}
		}
		for _, c := range g.crossCheckCases(m) {
			row(c[0], c[1], c[2])
		}
	}
	sort.Strings(rows)
	for _, r := range rows {
		b.p("%s", r)
	}
	b.p("}\n")
	b.p(`func TestValidationBeforeIO(t *testing.T) {
	for _, tc := range validationCases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock, _ := newGenClient(t, ` + "`" + `{"status":"success"}` + "`" + `)
			err := tc.call(c)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %%v, want a *ValidationError", err)
			}
			if ve.Field != tc.field || ve.Method != tc.method || ve.Param != tc.param {
				t.Errorf("ValidationError{Method: %%q, Field: %%q, Param: %%q}, want {%%q, %%q, %%q}", ve.Method, ve.Field, ve.Param, tc.method, tc.field, tc.param)
			}
			if !errors.Is(err, ErrInvalidParameter) {
				t.Error("error does not match ErrInvalidParameter")
			}
			if n := mock.GetTotalCallCount(); n != 0 {
				t.Errorf("%%d requests reached the transport, want 0", n)
			}
		})
	}
}
`)
	return withImports(b.Bytes())
}

func isArg(m *method, p *param) bool {
	for _, a := range m.args() {
		if a == p {
			return true
		}
	}
	return false
}

func (g *generator) zeroCall(m *method) string {
	recv := "c." + m.Spec.Service + "." + m.Spec.Name
	if m.Exported {
		return fmt.Sprintf("%s(context.Background(), &%s{})", recv, m.ParamsType)
	}
	args := []string{"context.Background()"}
	for _, a := range m.args() {
		z := "0"
		switch a.Kind {
		case pString, pSecret, pEnum:
			z = `""`
		case pRouting:
			z = "Routing{}"
		case pIVRChoices, pMembers, pRoutings, pDate:
			z = a.BaseType() + "{}"
		case pBool:
			z = "false"
		}
		args = append(args, z)
	}
	return fmt.Sprintf("%s(%s)", recv, strings.Join(args, ", "))
}

// routingTestFile pins every routing kind (each header of reference §2.3) in
// a golden request of setDIDRouting, the body built here from the wire form.
func (g *generator) routingTestFile() []byte {
	var m *method
	for _, x := range g.methods {
		if x.Wire() == "setDIDRouting" {
			m = x
		}
	}
	if m == nil {
		panic("routing goldens need setDIDRouting")
	}
	var b gobuf
	b.p("// TestRoutingKindsGolden sends every routing kind through DIDs.SetRouting and compares")
	b.p("// the form body with one the generator built from the wire form (reference §2.3).")
	b.p("func TestRoutingKindsGolden(t *testing.T) {")
	b.p("\tfor _, tc := range []struct {\n\t\trouting Routing\n\t\twant    string\n\t}{")
	for _, s := range routingSamples {
		b.p("\t\t{%s, %q},", s.expr, golden("setDIDRouting", map[string]string{"did": "5551234567", "routing": s.wire}))
	}
	b.p("\t} {")
	b.p("\t\tc, mock, body := newGenClient(t, `{\"status\":\"success\"}`)")
	b.p("\t\tif err := c.%s.%s(context.Background(), \"5551234567\", tc.routing); err != nil {\n\t\t\tt.Fatalf(\"%%v: %%v\", tc.routing, err)\n\t\t}", m.Spec.Service, m.Spec.Name)
	b.p("\t\tif got := body(); got != tc.want || mock.GetTotalCallCount() != 1 {\n\t\t\tt.Errorf(\"%%v: form body\\n got: %%s\\nwant: %%s\", tc.routing, got, tc.want)\n\t\t}")
	b.p("\t}")
	b.p("}")
	return withImports(b.Bytes())
}
