package main

// Emission of the typed methods: one <area>.go per service file, the enums,
// and (typed_tests.go) one <area>_gen_test.go per file.

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type generator struct {
	u       *upstream
	sp      *specFile
	rb      *resultBuilder
	methods []*method
	files   []string // in spec order
	embeds  []*embed
}

func genTyped(sp *specFile, u *upstream) error {
	g := &generator{u: u, sp: sp, rb: &resultBuilder{u: u, sp: sp, types: map[string]*rtype{}}}
	if err := g.build(); err != nil {
		return err
	}
	if err := g.applyEmbeds(); err != nil {
		return err
	}
	wsdlCount, err := g.checkCoverage()
	if err != nil {
		return err
	}
	if err := writeGo("methods_gen.go", g.methodTableFile(wsdlCount)); err != nil {
		return err
	}
	if err := writeGo(filepath.Join("voipmstest", "methods_gen.go"), g.simMethodsFile()); err != nil {
		return err
	}
	if err := writeGo("enums_gen.go", g.enumsFile()); err != nil {
		return err
	}
	for _, f := range g.files {
		if err := writeGo(f+"_gen.go", g.areaFile(f)); err != nil {
			return err
		}
		if err := writeGo(f+"_gen_test.go", g.testFile(f)); err != nil {
			return err
		}
	}
	if err := writeGo("services_gen.go", g.servicesFile()); err != nil {
		return err
	}
	if err := writeGo("stream_gen.go", g.streamFile()); err != nil {
		return err
	}
	if err := writeGo("routing_gen_test.go", g.routingTestFile()); err != nil {
		return err
	}
	if err := writeGo("validation_gen_test.go", g.validationTestFile()); err != nil {
		return err
	}
	return writeGo("typedmethods_gen_test.go", g.typedMethodsFile())
}

// typedMethodsFile lists, for TestEveryMethodTyped, the typed Go method of
// every wire method in spec.json.
func (g *generator) typedMethodsFile() []byte {
	var b gobuf
	b.WriteString(header)
	b.p("package voipms\n")
	b.p("// typedMethods maps each wire method to the typed method that sends it (Service.Method).")
	b.p("var typedMethods = map[string]string{")
	for _, m := range g.methods {
		b.p("\t%q: %q,", m.Wire(), m.Spec.Service+"."+m.Spec.Name)
	}
	b.p("}\n")
	b.p("// responseTypes makes, for TestNoSilentDropUpstreamSamples, the response struct each wire")
	b.p("// method's answer is decoded into (methods whose answer is only a status have none).")
	b.p("var responseTypes = map[string]func() any{")
	for _, m := range g.methods {
		if hasResponseType(m) {
			b.p("\t%q: func() any { return new(%s) },", m.Wire(), m.respType())
		}
	}
	b.p("}\n")
	b.p("// paramsTypes holds one zero value of every exported params type, for tests that walk them.")
	b.p("var paramsTypes = []any{")
	for _, m := range g.methods {
		if m.Exported {
			b.p("\t%s{},", m.ParamsType)
		}
	}
	b.p("}")
	return b.Bytes()
}

// hasResponseType reports whether emitResponse writes a response struct
// for m.
func hasResponseType(m *method) bool {
	switch m.Spec.Kind {
	case "list", "fetch", "map", "scalar", "create":
		return true
	case "object", "order":
		return m.Result != nil
	}
	return false
}

// checkCoverage checks that spec.json describes exactly the documented
// methods: every WSDL operation, plus the ones spec.json lists as found only
// in the HTML docs. It returns the number of WSDL operations.
func (g *generator) checkCoverage() (int, error) {
	ops, err := wsdlOperations()
	if err != nil {
		return 0, err
	}
	inSpec := map[string]bool{}
	for _, m := range g.methods {
		inSpec[m.Wire()] = true
	}
	inWSDL := map[string]bool{}
	for _, op := range ops {
		inWSDL[op] = true
		if !inSpec[op] {
			return 0, fmt.Errorf("spec: WSDL operation %s has no method entry", op)
		}
	}
	htmlOnly := map[string]bool{}
	for _, m := range g.sp.HTMLOnlyMethods {
		htmlOnly[m] = true
		if inWSDL[m] {
			return 0, fmt.Errorf("spec: html_only_methods lists %s, which is in the WSDL", m)
		}
	}
	for m := range inSpec {
		if !inWSDL[m] && !htmlOnly[m] {
			return 0, fmt.Errorf("spec: %s is neither in the WSDL nor in html_only_methods", m)
		}
	}
	return len(ops), nil
}

var (
	classes  = map[string]bool{"read": true, "write": true, "money": true}
	meanings = map[string]bool{"list": true, "fetch": true, "create": true, "delete": true, "other": true}
	// impliedMeaning is the meaning a kind states by itself.
	impliedMeaning = map[string]string{"list": "list", "map": "list", "fetch": "fetch", "create": "create"}
)

// meaningOf returns a method's meaning: the one its kind implies, or the
// one spec.json states (and it must state one when the kind implies none).
func meaningOf(ms *methodSpec) (string, error) {
	imp, ok := impliedMeaning[ms.Kind]
	switch {
	case ok && ms.Meaning != "" && ms.Meaning != imp:
		return "", fmt.Errorf("spec %s: kind %s means %s, not %s", ms.Wire, ms.Kind, imp, ms.Meaning)
	case ok:
		return imp, nil
	case !meanings[ms.Meaning]:
		return "", fmt.Errorf("spec %s: kind %s needs a meaning (list, fetch, create, delete, other), got %q", ms.Wire, ms.Kind, ms.Meaning)
	}
	return ms.Meaning, nil
}

var kinds = map[string]bool{"list": true, "object": true, "fetch": true, "scalar": true, "write": true, "create": true, "order": true, "raw": true, "map": true}

func (g *generator) build() error {
	seenWire := map[string]bool{}
	seenName := map[string]bool{}
	for i := range g.sp.Methods {
		ms := &g.sp.Methods[i]
		if seenWire[ms.Wire] {
			return fmt.Errorf("spec: %s listed twice", ms.Wire)
		}
		seenWire[ms.Wire] = true
		svc, ok := g.sp.service(ms.Service)
		if !ok {
			return fmt.Errorf("spec %s: unknown service %s", ms.Wire, ms.Service)
		}
		if !kinds[ms.Kind] {
			return fmt.Errorf("spec %s: unknown kind %q", ms.Wire, ms.Kind)
		}
		if !classes[ms.Class] {
			return fmt.Errorf("spec %s: class must be read, write or money, got %q", ms.Wire, ms.Class)
		}
		class := classConst[ms.Class]
		meaning, err := meaningOf(ms)
		if err != nil {
			return err
		}
		for _, n := range []string{ms.Name, getName(ms)} {
			if n == "" {
				continue
			}
			if seenName[ms.Service+"."+n] {
				return fmt.Errorf("spec %s: method name %s.%s used twice", ms.Wire, ms.Service, n)
			}
			seenName[ms.Service+"."+n] = true
		}
		if err := checkName(ms, class); err != nil {
			return err
		}
		ps, err := buildParams(g.u, g.sp, ms)
		if err != nil {
			return err
		}
		// a method takes the dry-run flag when its documented parameters include test
		hasTest := false
		for _, p := range ps {
			hasTest = hasTest || p.Kind == pDryRun
		}
		if (ms.Kind == "order") != hasTest {
			return fmt.Errorf("spec %s: kind order is for the methods that take test, and only for them", ms.Wire)
		}
		if ms.Class == "read" && hasTest {
			return fmt.Errorf("spec %s: a read takes no dry-run flag", ms.Wire)
		}
		m := &method{Spec: ms, Svc: svc, Params: ps, Class: class, HasTest: hasTest, Meaning: meaning}
		m.Exported = ms.Args == nil
		m.ParamsType = paramsTypeName(svc, ms.Name, m.Exported)
		if err := g.buildResult(m); err != nil {
			return err
		}
		if !m.Exported {
			for _, a := range m.args() {
				a.ArgName = m.argName(a)
			}
		}
		if err := checkChecks(m); err != nil {
			return err
		}
		if !contains(g.files, svc.File) {
			g.files = append(g.files, svc.File)
		}
		g.methods = append(g.methods, m)
	}
	return nil
}

func getName(ms *methodSpec) string {
	if ms.Get == nil {
		return ""
	}
	return ms.Get.Name
}

func (g *generator) buildResult(m *method) error {
	ms := m.Spec
	sh := g.u.shapes[ms.Wire]
	switch ms.Kind {
	case "list", "fetch":
		if sh == nil {
			return fmt.Errorf("%s: no response shape", ms.Wire)
		}
		f := shapeFieldNamed(sh, ms.Key)
		if f == nil || f.Kind != "list" && f.Kind != "map" {
			return fmt.Errorf("%s: key %q is not a list in the response", ms.Wire, ms.Key)
		}
		el := f.Element
		if el == nil {
			el = f.Value
		}
		if el.Kind != "object" {
			if ms.Result != "" {
				return fmt.Errorf("%s: list of scalars takes no result type", ms.Wire)
			}
			m.ScalarList = true
			m.ScalarSample = cleanSample(el.Sample)
			return nil
		}
		t, err := g.rb.typeFor(ms.Result, m.Svc.File, ms.Wire, el, ms.Nested)
		m.Result = t
		return err
	case "object", "order":
		if ms.Kind == "order" && ms.Result == "" {
			return nil // a bare Receipt
		}
		if sh == nil {
			return fmt.Errorf("%s: no response shape", ms.Wire)
		}
		if ms.Key != "" {
			// the record is the object under one answer key ({"balance": {...}})
			sh = shapeFieldNamed(sh, ms.Key)
			if sh == nil || sh.Kind != "object" {
				return fmt.Errorf("%s: key %q is not an object in the response", ms.Wire, ms.Key)
			}
		}
		t, err := g.rb.typeFor(ms.Result, m.Svc.File, ms.Wire, sh, ms.Nested)
		if ms.Kind == "order" && t != nil {
			t.EmbedReceipt = true
		}
		m.Result = t
		return err
	case "map":
		f := shapeFieldNamed(sh, ms.Key)
		if f == nil || f.Kind != "map" || f.Value == nil || f.Value.Kind != "scalar" {
			return fmt.Errorf("%s: key %q is not a map of scalars in the response", ms.Wire, ms.Key)
		}
		m.ScalarSample = cleanSample(f.Value.Sample)
	case "raw":
		if sh != nil {
			return fmt.Errorf("%s: kind raw is for answers the docs do not describe, but there is a shape", ms.Wire)
		}
	case "scalar":
		if ms.Scalar != "int" && ms.Scalar != "string" && ms.Scalar != "bool" {
			return fmt.Errorf("%s: scalar must be int, string or bool", ms.Wire)
		}
		f := shapeFieldNamed(sh, ms.Key)
		if f == nil {
			return fmt.Errorf("%s: key %q not in the response", ms.Wire, ms.Key)
		}
		m.ScalarSample = cleanSample(f.Sample)
		if ms.Sample != "" {
			m.ScalarSample = ms.Sample
		}
	case "create":
		if ms.Key == "" || ms.ID == "" {
			return fmt.Errorf("%s: create needs key and id", ms.Wire)
		}
		if f := shapeFieldNamed(sh, ms.Key); f != nil {
			m.ScalarSample = cleanSample(f.Sample)
		}
	}
	return nil
}

func shapeFieldNamed(s *shape, name string) *shape {
	if s == nil {
		return nil
	}
	for _, f := range s.Fields {
		if f.Name == name {
			return f.Shape
		}
	}
	return nil
}

// ---- helpers for emitted code ----

type gobuf struct{ bytes.Buffer }

func (b *gobuf) p(format string, args ...any) {
	fmt.Fprintf(&b.Buffer, format, args...)
	b.WriteByte('\n')
}

func comment(b *gobuf, indent, text string) {
	for _, para := range strings.Split(text, "\n") {
		if para == "" {
			b.p("%s//", indent)
			continue
		}
		for _, line := range wrap(para, 100) {
			b.p("%s// %s", indent, commentSafe(line))
		}
	}
}

func wrap(s string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			out = append(out, line)
			line = w
			continue
		}
		if line == "" {
			line = w
		} else {
			line += " " + w
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

func (m *method) classNote() string {
	if m.HasTest && m.Class != "classRead" {
		return "It is never retried automatically; a client built WithDryRun always sends it as a dry run."
	}
	switch m.Class {
	case "classRead":
		return "It only reads, and is retried on transient failures."
	case "classMoney":
		if m.HasTest {
			return "It is never retried automatically; a client built WithDryRun always sends it as a dry run."
		}
		return "It is never retried automatically, and a client built WithDryRun refuses it (ErrDryRunRefused)."
	}
	return "It changes account state: it is never retried automatically, and a client built WithDryRun refuses it (ErrDryRunRefused)."
}

func (m *method) argName(p *param) string {
	if m.singleIDArg(p) {
		return "id"
	}
	n := lowerFirst(p.Go)
	switch n {
	case "type", "func", "range", "default", "select", "case", "go", "map", "chan", "package", "import", "var", "const", "interface", "struct", "switch", "for", "if", "else", "return", "break", "continue", "fallthrough", "goto", "defer":
		return n + "_"
	case "ctx", "p", "s", "method", "resp", "err":
		return n + "Arg"
	}
	if p.Go == "ID" {
		return "id"
	}
	return n
}

// singleIDArg reports whether p is the only argument of a Get, fetch or
// delete method and an integer id: such an argument is simply "id".
func (m *method) singleIDArg(p *param) bool {
	if p.Kind != pInt {
		return false
	}
	ms := m.Spec
	if ms.Get != nil && len(ms.Get.Args) == 1 && ms.Get.Args[0] == p.Wire {
		// only when the record calls the matched field ID (not General.GetServer's POP)
		for _, f := range m.Result.Fields {
			if f.Wire == ms.Get.Match {
				return f.Go == "ID"
			}
		}
		return false
	}
	if ms.Args != nil && len(*ms.Args) == 1 && (*ms.Args)[0] == p.Wire && (ms.Kind == "fetch" || strings.HasPrefix(ms.Wire, "del")) {
		return true
	}
	return false
}

func (m *method) args() []*param {
	if m.Spec.Args == nil {
		return nil
	}
	var out []*param
	for _, a := range *m.Spec.Args {
		out = append(out, findParam(m.Params, a))
	}
	return out
}

func (m *method) retType() (ret, zero string) {
	switch m.Spec.Kind {
	case "list":
		if m.ScalarList {
			return "([]string, error)", "nil"
		}
		return "([]" + m.Result.Name + ", error)", "nil"
	case "object", "fetch":
		return "(*" + m.Result.Name + ", error)", "nil"
	case "scalar":
		switch m.Spec.Scalar {
		case "int":
			return "(int64, error)", "0"
		case "bool":
			return "(bool, error)", "false"
		}
		return "(string, error)", `""`
	case "create":
		return "(int64, error)", "0"
	case "order":
		if m.Result != nil {
			return "(*" + m.Result.Name + ", error)", "nil"
		}
		return "(*Receipt, error)", "nil"
	case "raw":
		return "(map[string]json.RawMessage, error)", "nil"
	case "map":
		return "(map[string]string, error)", "nil"
	}
	return "error", ""
}

func ret(zero, err string) string {
	if zero == "" {
		return "return " + err
	}
	return "return " + zero + ", " + err
}

func (m *method) respType() string { return m.Spec.Wire + "Response" }

// ---- area file ----

func (g *generator) areaFile(file string) []byte {
	var b gobuf
	var ms []*method
	for _, m := range g.methods {
		if m.Svc.File == file {
			ms = append(ms, m)
		}
	}
	// result types first, in order of first use, then the shared params blocks
	for _, t := range g.rb.order {
		if t.File == file {
			g.emitResultType(&b, t)
		}
	}
	for _, e := range g.embeds {
		if e.File == file {
			g.emitEmbed(&b, e)
		}
	}
	for _, m := range ms {
		g.emitParams(&b, m)
		g.emitMethod(&b, m)
		if m.Spec.Get != nil {
			g.emitGet(&b, m)
		}
		g.emitResponse(&b, m)
	}
	return withImports(b.Bytes())
}

// withImports prepends the header, package clause and the imports body uses.
func withImports(body []byte) []byte {
	var b gobuf
	b.WriteString(header)
	b.p("package voipms\n")
	var imps []string
	for _, imp := range []struct{ path, use string }{
		{"context", "context."}, {"encoding/json", "json."}, {"errors", "errors."}, {"net/http", "http."},
		{"strconv", "strconv."}, {"strings", "strings."}, {"testing", "testing."}, {"time", "time."},
		{"unicode/utf8", "utf8."},
	} {
		if regexp.MustCompile(`(^|[^\w.])` + regexp.QuoteMeta(imp.use) + `[A-Z]`).Match(body) {
			imps = append(imps, fmt.Sprintf("%q", imp.path))
		}
	}
	if regexp.MustCompile(`(^|[^\w.])decimal\.[A-Z]`).Match(body) {
		if len(imps) > 0 {
			imps = append(imps, "")
		}
		imps = append(imps, `"github.com/shopspring/decimal"`)
	}
	if len(imps) > 0 {
		b.p("import (\n\t%s\n)\n", strings.Join(imps, "\n\t"))
	}
	b.Write(body)
	return b.Bytes()
}

// goType is the Go type of a result field of generator type t: results
// hold plain Go types, and the tolerance of the wire (numbers as strings,
// "" for 0, 0000-00-00, flags as 1/0/yes/no, one record for a list) lives
// in the decoder (decode.go).
func goType(t string) string {
	if strings.HasPrefix(t, "List[") && strings.HasSuffix(t, "]") {
		return "[]" + goType(t[len("List["):len(t)-1])
	}
	switch t {
	case "String":
		return "string"
	case "Int":
		return "int64"
	case "Flag":
		return "bool"
	case "Decimal":
		return "decimal.Decimal"
	case "Date", "DateTime":
		return "time.Time"
	}
	return t
}

func (g *generator) emitResultType(b *gobuf, t *rtype) {
	comment(b, "", t.Doc)
	b.p("type %s struct {", t.Name)
	if t.EmbedReceipt {
		b.p("\t// Receipt records how the call was sent (DryRun).\n\tReceipt `json:\"-\"`")
	}
	for _, f := range t.Fields {
		if f.Doc != "" {
			comment(b, "\t", f.Go+" is "+strings.TrimSuffix(f.Doc, ".")+".")
		}
		b.p("\t%s %s `json:\"%s\"`", f.Go, goType(f.Type), f.Wire)
	}
	b.p("}\n")
}

func (g *generator) emitParams(b *gobuf, m *method) {
	t := m.ParamsType
	if m.Exported {
		comment(b, "", fmt.Sprintf("%s holds the parameters of %s.%s (wire method %s). Required fields are values; optional fields are pointers and are sent only when set.", t, m.Svc.Type, m.Spec.Name, m.Spec.Wire))
	} else {
		comment(b, "", fmt.Sprintf("%s holds the parameters of wire method %s.", t, m.Spec.Wire))
	}
	b.p("type %s struct {", t)
	for _, p := range m.Params {
		if p.Embed != nil {
			if firstOfEmbed(m.Params, p) {
				b.p("\t%s", p.Embed.Spec.Name)
			}
			continue
		}
		g.emitParamField(b, m, p)
	}
	b.p("}\n")
	g.emitValidate(b, m)
}

// emitParamField writes one field of a params struct (m is nil for the
// field of an embedded block).
func (g *generator) emitParamField(b *gobuf, m *method, p *param) {
	doc := p.Doc
	switch {
	case p.Kind == pDryRun:
		doc = "DryRun asks VoIP.ms to check the request without carrying it out (wire parameter test)."
	case m != nil && p.Go == "ID" && m.Spec.Kind == "create":
		doc = "ID is the record to update; nil creates a new one."
	case doc != "":
		doc = upperFirst(strings.TrimSuffix(doc, ".")) + "."
	}
	if p.Required && p.Kind != pDryRun {
		doc = strings.TrimSpace(doc + " Required.")
	}
	if doc != "" {
		comment(b, "\t", doc)
	}
	b.p("\t%s %s %s", p.Go, p.GoType(), p.Tag())
}

func (g *generator) emitValidate(b *gobuf, m *method) {
	b.p("func (p %s) validate(method string) error {", m.ParamsType)
	for _, p := range m.Params {
		if p.Embed != nil {
			if firstOfEmbed(m.Params, p) {
				b.p("\tif err := p.%s.validate(method); err != nil {\n\t\treturn err\n\t}", p.Embed.Spec.Name)
			}
			continue
		}
		emitChecks(b, p)
	}
	for _, c := range m.Spec.Checks {
		emitCrossCheck(b, m, c)
	}
	b.p("\treturn nil\n}\n")
}

func verr(p *param, reason string) string {
	return fmt.Sprintf("return paramErr(method, %q, %q, %s)", p.Wire, p.Param(), reason)
}

func emitChecks(b *gobuf, p *param) {
	f := "p." + p.Go
	v := f
	ptr := p.Pointer()
	if ptr {
		v = "*" + f
	}
	guard := func(cond string) string {
		if ptr {
			return f + " != nil && " + cond
		}
		return cond
	}
	if p.Kind == pSecret {
		v = "string(" + v + ")"
	}
	switch p.Kind {
	case pString, pSecret:
		if p.Required && !p.SendEmpty {
			b.p("\tif %s == \"\" {\n\t\t%s\n\t}", f, verr(p, `"is required"`))
		}
		switch p.Check {
		case "nanp":
			b.p("\tif %s {\n\t\t%s\n\t}", guard("!isNANP("+v+")"), verr(p, `"must be a 10-digit NANP number"`))
		case "digits":
			b.p("\tif %s {\n\t\t%s\n\t}", guard(v+" != \"\" && !isDigits("+v+")"), verr(p, `"must contain only digits"`))
		case "phone":
			b.p("\tif %s {\n\t\t%s\n\t}", guard(v+" != \"\" && !isPhoneNumber("+v+")"), verr(p, `"must be a phone number: digits, optionally after a +"`))
		case "":
		default:
			panic("check " + p.Check)
		}
		if p.Len > 0 {
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("len(%s) != %d", v, p.Len)), verr(p, fmt.Sprintf(`"must be %d characters"`, p.Len)))
		}
		if p.MaxLen > 0 {
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("utf8.RuneCountInString(%s) > %d", v, p.MaxLen)), verr(p, fmt.Sprintf(`"must be at most %d characters"`, p.MaxLen)))
		}
		if p.Words != nil {
			if p.Min == nil || p.Max == nil {
				panic(p.Wire + ": words needs min and max")
			}
			step := p.Step
			if step == 0 {
				step = 1
			}
			var qw []string
			for _, w := range p.Words {
				qw = append(qw, strconv.Quote(w))
			}
			reason := fmt.Sprintf("must be %s or %d to %d", strings.Join(qw, ", "), *p.Min, *p.Max)
			if step > 1 {
				reason += fmt.Sprintf(" in steps of %d", step)
			}
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("!intOrWord(%s, %d, %d, %d, %s)", v, *p.Min, *p.Max, step, strings.Join(qw, ", "))), verr(p, strconv.Quote(reason)))
		}
	case pInt:
		if p.Required && p.Min != nil && *p.Min >= 1 {
			b.p("\tif %s == 0 {\n\t\t%s\n\t}", f, verr(p, `"is required"`))
		}
		if p.Min != nil {
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("%s < %d", v, *p.Min)), verr(p, fmt.Sprintf(`"must be at least %d"`, *p.Min)))
		}
		if p.Max != nil {
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("%s > %d", v, *p.Max)), verr(p, fmt.Sprintf(`"must be at most %d"`, *p.Max)))
		}
		if p.Step > 1 {
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("%s%%%d != 0", v, p.Step)), verr(p, fmt.Sprintf(`"must be a multiple of %d"`, p.Step)))
		}
	case pDecimal:
		switch {
		case p.Positive:
			b.p("\tif %s {\n\t\t%s\n\t}", guard("!"+f+".IsPositive()"), verr(p, `"must be greater than 0"`))
		case p.Min != nil:
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("%s.LessThan(decimal.NewFromInt(%d))", f, *p.Min)), verr(p, fmt.Sprintf(`"must be at least %d"`, *p.Min)))
		default:
			b.p("\tif %s {\n\t\t%s\n\t}", guard(f+".IsNegative()"), verr(p, `"must not be negative"`))
		}
		if p.Max != nil {
			b.p("\tif %s {\n\t\t%s\n\t}", guard(fmt.Sprintf("%s.GreaterThan(decimal.NewFromInt(%d))", f, *p.Max)), verr(p, fmt.Sprintf(`"must be at most %d"`, *p.Max)))
		}
	case pDate:
		if p.Required {
			b.p("\tif %s.IsZero() {\n\t\t%s\n\t}", f, verr(p, `"is required"`))
		}
	case pRouting:
		if p.Required {
			b.p("\tif %s.IsZero() {\n\t\t%s\n\t}", f, verr(p, `"is required"`))
		}
		cond := "err := " + f + ".Validate(); err != nil"
		if ptr {
			b.p("\tif %s != nil {\n\t\tif %s {\n\t\t\t%s\n\t\t}\n\t}", f, cond, verr(p, "err.Error()"))
		} else {
			b.p("\tif %s {\n\t\t%s\n\t}", cond, verr(p, "err.Error()"))
		}
	case pIVRChoices, pMembers, pRoutings:
		if p.Required {
			b.p("\tif len(%s) == 0 {\n\t\t%s\n\t}", f, verr(p, `"is required"`))
		}
		b.p("\tif len(%s) > 0 {\n\t\tif err := %s.Validate(); err != nil {\n\t\t\t%s\n\t\t}\n\t}", f, f, verr(p, "err.Error()"))
	case pEnum:
		if p.Required {
			b.p("\tif %s == \"\" {\n\t\t%s\n\t}", f, verr(p, `"is required"`))
		}
		b.p("\tif %s {\n\t\t%s\n\t}", guard("!"+f+".Valid()"), verr(p, fmt.Sprintf(`"unknown value " + strconv.Quote(string(%s))`, v)))
	}
}

// missingField is the wire name the empty params fail on, "" if none.
func missingField(m *method) string {
	for _, p := range m.Params {
		if !p.Required || p.SendEmpty {
			continue
		}
		switch p.Kind {
		case pString, pSecret, pDate, pRouting, pIVRChoices, pMembers, pRoutings, pEnum:
			return p.Wire
		case pInt:
			if p.Min != nil && *p.Min >= 1 {
				return p.Wire
			}
		}
	}
	return ""
}

func (g *generator) emitMethod(b *gobuf, m *method) {
	ms := m.Spec
	rt, zero := m.retType()
	doc := ms.Doc + "\n\n" + m.classNote() + "\nVoIP.ms API method: " + ms.Wire + "."
	comment(b, "", doc)
	sig := m.signature()
	b.p("func (s *%s) %s(%s) %s {", m.Svc.Type, ms.Name, sig, rt)
	b.p("\tconst method = %q", ms.Wire)
	m.emitParamsInit(b)
	b.p("\tif err := p.validate(method); err != nil {\n\t\t%s\n\t}", ret(zero, "err"))
	switch ms.Kind {
	case "list":
		b.p("\tvar resp %s", m.respType())
		b.p("\tif err := s.client.callList(ctx, method, p, &resp); err != nil {\n\t\treturn nil, err\n\t}")
		if m.ScalarList {
			b.p("\treturn stringsOf(resp.Items), nil")
		} else {
			b.p("\treturn listOf(resp.Items), nil")
		}
	case "fetch":
		b.p("\tvar resp %s", m.respType())
		b.p("\tif err := s.client.callList(ctx, method, p, &resp); err != nil {\n\t\treturn nil, %s\n\t}", notFoundWrap(ms.NotFound))
		argP := m.args()[len(m.args())-1]
		g.emitMatchLoop(b, m, ms.Match, argP, m.argName(argP), ms.What)
	case "object":
		b.p("\tvar resp %s", m.respType())
		b.p("\tif err := s.client.call(ctx, method, p, &resp); err != nil {\n\t\treturn nil, %s\n\t}", notFoundWrap(ms.NotFound))
		if ms.Key != "" {
			b.p("\treturn &resp.Value, nil")
		} else {
			b.p("\treturn &resp.%s, nil", m.Result.Name)
		}
	case "map":
		b.p("\tvar resp %s", m.respType())
		b.p("\tif err := s.client.callList(ctx, method, p, &resp); err != nil {\n\t\treturn nil, err\n\t}")
		b.p("\tout := make(map[string]string, len(resp.Items))\n\tfor k, v := range resp.Items {\n\t\tout[k] = string(v)\n\t}")
		b.p("\treturn out, nil")
	case "raw":
		b.p("\tvar resp map[string]json.RawMessage")
		b.p("\tif err := s.client.call(ctx, method, p, &resp); err != nil {\n\t\treturn nil, err\n\t}")
		b.p("\tdelete(resp, \"status\")\n\tdelete(resp, \"message\")")
		b.p("\tif resp == nil {\n\t\tresp = map[string]json.RawMessage{}\n\t}")
		b.p("\treturn resp, nil")
	case "scalar":
		b.p("\tvar resp %s", m.respType())
		b.p("\tif err := s.client.call(ctx, method, p, &resp); err != nil {\n\t\t%s\n\t}", ret(zero, "err"))
		switch ms.Scalar {
		case "int":
			b.p("\treturn int64(resp.Value), nil")
		case "bool":
			b.p("\treturn bool(resp.Value), nil")
		default:
			b.p("\treturn string(resp.Value), nil")
		}
	case "create":
		b.p("\tvar resp %s", m.respType())
		b.p("\tif err := s.client.call(ctx, method, p, &resp); err != nil {\n\t\treturn 0, err\n\t}")
		b.p("\tif resp.ID > 0 {\n\t\treturn int64(resp.ID), nil\n\t}")
		b.p("\tif p.ID != nil {\n\t\treturn *p.ID, nil\n\t}")
		b.p("\treturn 0, nil")
	case "order":
		b.p("\tdry := p.DryRun || s.client.dryRunForced()")
		if m.Result != nil {
			b.p("\tvar resp %s", m.respType())
			b.p("\tif err := s.client.call(ctx, method, p, &resp); err != nil {\n\t\treturn nil, err\n\t}")
			b.p("\tresp.%s.Receipt = Receipt{DryRun: dry}", m.Result.Name)
			b.p("\treturn &resp.%s, nil", m.Result.Name)
			break
		}
		b.p("\tif err := s.client.call(ctx, method, p, nil); err != nil {\n\t\treturn nil, err\n\t}")
		b.p("\treturn &Receipt{DryRun: dry}, nil")
	case "write":
		b.p("\treturn s.client.call(ctx, method, p, nil)")
	}
	b.p("}\n")
}

// emitMatchLoop returns the element of resp.Items whose match field equals
// the argument, or a not-found error.
func (g *generator) emitMatchLoop(b *gobuf, m *method, match string, argP *param, arg, what string) {
	var rf *rfield
	for _, f := range m.Result.Fields {
		if f.Wire == match {
			rf = f
		}
	}
	if rf == nil {
		panic(fmt.Sprintf("%s: match field %s not in %s", m.Spec.Wire, match, m.Result.Name))
	}
	var cond string
	switch {
	case rf.Type == "Int" && argP.Kind == pInt:
		cond = fmt.Sprintf("int64(resp.Items[i].%s) == %s", rf.Go, arg)
	case rf.Type == "String" && argP.Kind == pString && argP.Check == "nanp":
		cond = fmt.Sprintf("normalizeDID(string(resp.Items[i].%s)) == normalizeDID(%s)", rf.Go, arg)
	case rf.Type == "String" && argP.Kind == pString:
		cond = fmt.Sprintf("string(resp.Items[i].%s) == %s", rf.Go, arg)
	case rf.Type == "String" && argP.Kind == pInt:
		cond = fmt.Sprintf("string(resp.Items[i].%s) == strconv.FormatInt(%s, 10)", rf.Go, arg)
	default:
		panic(fmt.Sprintf("%s: cannot match %s (%s) with %s", m.Spec.Wire, match, rf.Type, argP.Kind))
	}
	b.p("\tfor i := range resp.Items {\n\t\tif %s {\n\t\t\treturn &resp.Items[i], nil\n\t\t}\n\t}", cond)
	b.p("\treturn nil, notFound(method, %q)", what)
}

func (g *generator) emitGet(b *gobuf, m *method) {
	gs := m.Spec.Get
	doc := gs.Doc + " It fails with an error matching ErrNotFound when there is none.\n\nIt only reads, and is retried on transient failures.\nVoIP.ms API method: " + m.Spec.Wire + "."
	comment(b, "", doc)
	var parts []string
	var inits []string
	var ps []*param
	for _, a := range gs.Args {
		p := findParam(m.Params, a)
		if p == nil {
			panic(m.Spec.Wire + ": get arg " + a)
		}
		ps = append(ps, p)
		parts = append(parts, m.argName(p)+" "+p.BaseType())
		val := m.argName(p)
		if p.Pointer() {
			val = "&" + val
		}
		inits = append(inits, p.Go+": "+val)
	}
	b.p("func (s *%s) %s(ctx context.Context, %s) (*%s, error) {", m.Svc.Type, gs.Name, strings.Join(parts, ", "), m.Result.Name)
	b.p("\tconst method = %q", m.Spec.Wire)
	for _, p := range ps {
		zero := "0"
		if p.Kind == pString || p.Kind == pSecret {
			zero = `""`
		}
		b.p("\tif %s == %s {\n\t\treturn nil, paramErr(method, %q, %q, \"is required\")\n\t}", m.argName(p), zero, p.Wire, m.argName(p))
	}
	b.p("\tp := &%s{%s}", m.ParamsType, strings.Join(inits, ", "))
	b.p("\tif err := p.validate(method); err != nil {\n\t\treturn nil, err\n\t}")
	b.p("\tvar resp %s", m.respType())
	b.p("\tif err := s.client.callList(ctx, method, p, &resp); err != nil {\n\t\treturn nil, %s\n\t}", notFoundWrap(gs.AlsoNotFound))
	last := ps[len(ps)-1]
	g.emitMatchLoop(b, m, gs.Match, last, m.argName(last), gs.What)
	b.p("}\n")
}

func (g *generator) emitResponse(b *gobuf, m *method) {
	ms := m.Spec
	switch ms.Kind {
	case "list", "fetch":
		el := "String"
		if !m.ScalarList {
			el = m.Result.Name
		}
		b.p("type %s struct {\n\tenvelope\n\tItems []%s `json:\"%s\"`\n}\n", m.respType(), goType(el), ms.Key)
	case "object", "order":
		switch {
		case m.Result == nil:
		case ms.Key != "":
			b.p("type %s struct {\n\tenvelope\n\tValue %s `json:\"%s\"`\n}\n", m.respType(), m.Result.Name, ms.Key)
		default:
			b.p("type %s struct {\n\tenvelope\n\t%s\n}\n", m.respType(), m.Result.Name)
		}
	case "map":
		b.p("type %s struct {\n\tenvelope\n\tItems map[string]string `json:\"%s\"`\n}\n", m.respType(), ms.Key)
	case "scalar":
		t := "Int"
		switch ms.Scalar {
		case "string":
			t = "String"
		case "bool":
			t = "Flag"
		}
		b.p("type %s struct {\n\tenvelope\n\tValue %s `json:\"%s\"`\n}\n", m.respType(), goType(t), ms.Key)
	case "create":
		b.p("type %s struct {\n\tenvelope\n\tID int64 `json:\"%s\"`\n}\n", m.respType(), ms.Key)
	}
}

// ---- enums ----

var identRe = regexp.MustCompile(`^[A-Za-z0-9]+$`)

func (g *generator) enumConst(enum string, v enumVariant) string {
	n := v.Name
	if r, ok := g.sp.VariantNames[enum][n]; ok {
		n = r
	}
	if !identRe.MatchString(n) {
		panic("variant name " + n)
	}
	return enum + n
}

func (g *generator) enumsFile() []byte {
	var b gobuf
	b.WriteString(header)
	b.p("package voipms\n")
	names := sortedKeys(g.u.enums)
	for _, n := range names {
		e := g.u.enums[n]
		doc := g.sp.EnumDocs[n]
		if doc == "" {
			doc = n + " is a value VoIP.ms takes from a fixed set."
		}
		comment(&b, "", doc+" Valid reports whether a value is one of the documented ones; decoding accepts any value, as a JSON string or number.")
		b.p("type %s string\n", n)
		b.p("// The documented values of %s.\nconst (", n)
		for _, v := range e.Variants {
			b.p("\t%s %s = %q", g.enumConst(n, v), n, v.Wire)
		}
		b.p(")\n")
		var cs []string
		for _, v := range e.Variants {
			cs = append(cs, g.enumConst(n, v))
		}
		b.p("// Valid reports whether v is one of the documented values.")
		b.p("func (v %s) Valid() bool {\n\tswitch v {\n\tcase %s:\n\t\treturn true\n\t}\n\treturn false\n}\n", n, strings.Join(cs, ", "))
	}
	return b.Bytes()
}

func sortedMethods(ms []*method) []*method {
	out := append([]*method(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Svc.File < out[j].Svc.File })
	return out
}

// notFoundWrap is the expression a fetch-one method returns for a failed
// call: err itself, or err marked as not found when its status is one of
// statuses.
func notFoundWrap(statuses []string) string {
	if len(statuses) == 0 {
		return "err"
	}
	q := make([]string, len(statuses))
	for i, st := range statuses {
		q[i] = strconv.Quote(st)
	}
	return "notFoundIf(err, " + strings.Join(q, ", ") + ")"
}

// servicesFile declares the service types of spec.json's service list and
// wires them into a Client. The list lives in spec.json only: Client's
// exported fields (client.go) must name the same services, which the
// compiler checks through initServices and TestServicesWired checks the
// other way round.
func (g *generator) servicesFile() []byte {
	var b gobuf
	b.WriteString(header)
	b.p("package voipms\n")
	b.p("// The services of a Client, one per API area, in the style of go-github: every service is a")
	b.p("// named type over the shared service struct, so methods can be added without breaking anyone.")
	b.p("type (")
	for _, s := range g.sp.Services {
		comment(&b, "\t", s.Doc)
		b.p("\t%s service", s.Type)
	}
	b.p(")\n")
	b.p("// serviceFields are the names of Client's service fields, in spec order.")
	b.p("var serviceFields = []string{")
	for _, s := range g.sp.Services {
		b.p("\t%q,", s.Field)
	}
	b.p("}\n")
	b.p("func (c *Client) initServices() {")
	b.p("\ts := &c.common")
	for _, s := range g.sp.Services {
		b.p("\tc.%s = (*%s)(s)", s.Field, s.Type)
	}
	b.p("}")
	return b.Bytes()
}

// checkName enforces the naming rule of doc.go: a method that returns a
// collection is List or List<Things> (Search<...> for inventory searches), a
// read that returns one record or value is Get or Get<Thing>, and a method
// that changes something is named by its verb, never List or Get.
func checkName(ms *methodSpec, class string) error {
	isList := strings.HasPrefix(ms.Name, "List") || strings.HasPrefix(ms.Name, "Search")
	isGet := strings.HasPrefix(ms.Name, "Get")
	switch {
	case ms.Kind == "list" || ms.Kind == "map":
		if !isList {
			return fmt.Errorf("spec %s: %s.%s returns a collection: name it List... or Search...", ms.Wire, ms.Service, ms.Name)
		}
	case ms.Kind == "fetch" || class == "classRead" && (ms.Kind == "object" || ms.Kind == "scalar"):
		if !isGet {
			return fmt.Errorf("spec %s: %s.%s reads one record or value: name it Get...", ms.Wire, ms.Service, ms.Name)
		}
	case class != "classRead":
		if isList || isGet {
			return fmt.Errorf("spec %s: %s.%s changes state: name it by its verb, not List/Get", ms.Wire, ms.Service, ms.Name)
		}
	}
	if ms.Get != nil && !strings.HasPrefix(ms.Get.Name, "Get") {
		return fmt.Errorf("spec %s: fetch-one wrapper %s.%s must be named Get...", ms.Wire, ms.Service, ms.Get.Name)
	}
	return nil
}

// signature is the Go parameter list of m's method: ctx and its params
// struct, or ctx and its positional arguments.
func (m *method) signature() string {
	if m.Exported {
		return "ctx context.Context, p *" + m.ParamsType
	}
	parts := []string{"ctx context.Context"}
	for _, a := range m.args() {
		parts = append(parts, m.argName(a)+" "+a.BaseType())
	}
	return strings.Join(parts, ", ")
}

// emitParamsInit writes the statement that gives m's method body its params
// value p: a nil params struct becomes the zero one, positional arguments are
// gathered into the params struct.
func (m *method) emitParamsInit(b *gobuf) {
	if m.Exported {
		b.p("\tif p == nil {\n\t\tp = &%s{}\n\t}", m.ParamsType)
	} else {
		var inits []string
		for _, a := range m.args() {
			val := m.argName(a)
			if a.Pointer() {
				val = "&" + val
			}
			inits = append(inits, a.Go+": "+val)
		}
		b.p("\tp := &%s{%s}", m.ParamsType, strings.Join(inits, ", "))
	}
}
