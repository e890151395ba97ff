package main

// The model of a typed method: its parameters with Go types, tags and checks,
// and its result type, inferred from the upstream data and corrected by
// spec.json.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

func lowerFirst(s string) string {
	// lower an initial run of capitals: DIDInfo -> didInfo, ID -> id
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	switch {
	case i == 0:
		return s
	case i == 1 || i == len(s):
		return strings.ToLower(s[:i]) + s[i:]
	default:
		return strings.ToLower(s[:i-1]) + s[i-1:]
	}
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// ---- parameters ----

// param kinds
const (
	pString     = "string"
	pSecret     = "secret" // a password or PIN: Secret prints [REDACTED], the wire gets the value
	pInt        = "int"
	pDecimal    = "decimal"
	pBool       = "bool"
	pYesNo      = "yesno"
	pDate       = "date"
	pRouting    = "routing"
	pIVRChoices = "ivrchoices"
	pMembers    = "ringmembers"
	pRoutings   = "routings"
	pEnum       = "enum"
	pDryRun     = "dryrun"
)

type param struct {
	Wire, Go, Doc string
	Kind          string
	Enum          string
	Required      bool
	SendEmpty     bool
	Check         string // nanp, digits
	Min, Max      *int64
	Len, MaxLen   int
	Example       string
	Positive      bool     // decimal > 0
	Step          int64    // multiple of
	Words         []string // string: one of these words, or an integer in Min..Max
	Embed         *embed   // the shared block (spec "embeds") this parameter is part of, if any
	ArgName       string   // the Go argument of a method that takes its parameters positionally
}

// Param is the Go name a caller uses for the parameter, as ValidationError
// reports it: the argument of a positional method, else the params field.
func (p *param) Param() string {
	if p.ArgName != "" {
		return p.ArgName
	}
	return p.Go
}

// Pointer reports whether the field is a pointer (optional scalar).
func (p *param) Pointer() bool {
	if p.Required || p.SendEmpty || p.Kind == pDryRun {
		return false
	}
	switch p.Kind {
	case pIVRChoices, pMembers, pRoutings:
		return false
	}
	return true
}

func (p *param) BaseType() string {
	switch p.Kind {
	case pString:
		return "string"
	case pSecret:
		return "Secret"
	case pInt:
		return "int64"
	case pDecimal:
		return "decimal.Decimal"
	case pBool, pDryRun:
		return "bool"
	case pYesNo:
		return "YesNo"
	case pDate:
		return "time.Time"
	case pRouting:
		return "Routing"
	case pIVRChoices:
		return "IVRChoices"
	case pMembers:
		return "RingGroupMembers"
	case pRoutings:
		return "Routings"
	case pEnum:
		return p.Enum
	}
	panic("kind " + p.Kind)
}

func (p *param) GoType() string {
	if p.Pointer() {
		return "*" + p.BaseType()
	}
	return p.BaseType()
}

func (p *param) Tag() string {
	opts := ""
	if p.Kind == pBool || p.Kind == pDryRun {
		opts += ",int"
	}
	if p.Pointer() || p.Kind == pDryRun || ((p.Kind == pIVRChoices || p.Kind == pMembers || p.Kind == pRoutings) && !p.Required) {
		opts += ",omitempty"
	}
	if p.Kind == pDate {
		// go-querystring formats a time.Time with the layout tag
		return fmt.Sprintf("`url:\"%s%s\" layout:\"2006-01-02\"`", p.Wire, opts)
	}
	return fmt.Sprintf("`url:\"%s%s\"`", p.Wire, opts)
}

var (
	requiredRe = regexp.MustCompile(`(?i)\(required\)|\[Required\]`)
	exampleRe  = regexp.MustCompile(`\(Example: ([^)]*?)(?: /[^)]*)?\)`)
)

func buildParams(u *upstream, sp *specFile, ms *methodSpec) ([]*param, error) {
	type raw struct{ name, xsd, doc string }
	var rs []raw
	seen := map[string]bool{}
	drop := map[string]bool{}
	for _, d := range ms.Drop {
		drop[d] = true
	}
	for _, w := range u.wsdl[ms.Wire] {
		doc, _ := u.paramDoc(ms.Wire, w.Name)
		rs = append(rs, raw{w.Name, w.XSD, doc})
		seen[w.Name] = true
	}
	for _, e := range u.paramDocs[ms.Wire] {
		if !seen[e.Name] {
			rs = append(rs, raw{e.Name, "string", e.Doc})
			seen[e.Name] = true
		}
	}
	var out []*param
	for _, r := range rs {
		if drop[r.name] {
			continue
		}
		fs := ms.Fields[r.name]
		p := &param{Wire: r.name}
		p.Doc, p.Example = cleanParamDoc(r.doc)
		if d, ok := sp.ParamDocs[r.name]; ok {
			p.Doc = d
		}
		p.Required = requiredRe.MatchString(r.doc)
		p.Kind, p.Enum = paramKind(u, ms.Wire, r.name, r.xsd)
		applyFieldSpec(p, fs)
		out = append(out, p)
	}
	for _, e := range ms.Extra {
		p := &param{Wire: e.Wire, Kind: pString}
		applyFieldSpec(p, e.fieldSpec)
		out = append(out, p)
	}
	for _, n := range ms.NANP {
		p := findParam(out, n)
		if p == nil {
			return nil, fmt.Errorf("%s: nanp field %s is not a parameter", ms.Wire, n)
		}
		p.Check = "nanp"
	}
	if ms.ID != "" {
		p := findParam(out, ms.ID)
		if p == nil {
			return nil, fmt.Errorf("%s: id field %s is not a parameter", ms.Wire, ms.ID)
		}
		p.Go, p.Kind, p.Required = "ID", pInt, false
	}
	if ms.Args != nil && !isListKind(ms.Kind) || ms.Args != nil && len(*ms.Args) > 0 {
		for _, a := range *ms.Args {
			p := findParam(out, a)
			if p == nil {
				return nil, fmt.Errorf("%s: arg %s is not a parameter", ms.Wire, a)
			}
			if !p.SendEmpty {
				p.Required = true
			}
		}
	}
	for f := range ms.Fields {
		if findParam(out, f) == nil {
			return nil, fmt.Errorf("%s: fields.%s is not a parameter", ms.Wire, f)
		}
	}
	for _, p := range out {
		if p.Go == "" {
			p.Go = ident(p.Wire)
		}
		if p.Kind == pDryRun {
			p.Go = "DryRun"
		}
		if p.Kind == pInt && p.Required && p.Min == nil {
			one := int64(1)
			p.Min = &one
		}
		if p.Kind == pEnum && u.enums[p.Enum].Variants == nil {
			return nil, fmt.Errorf("%s.%s: unknown enum %s", ms.Wire, p.Wire, p.Enum)
		}
	}
	return out, nil
}

func isListKind(k string) bool { return k == "list" }

func findParam(ps []*param, wire string) *param {
	for _, p := range ps {
		if p.Wire == wire {
			return p
		}
	}
	return nil
}

func applyFieldSpec(p *param, fs fieldSpec) {
	if fs.Type != "" {
		if e, ok := strings.CutPrefix(fs.Type, "enum:"); ok {
			p.Kind, p.Enum = pEnum, e
		} else {
			p.Kind = fs.Type
		}
	}
	if fs.Go != "" {
		p.Go = fs.Go
	}
	if fs.Doc != "" {
		p.Doc = fs.Doc
	}
	if fs.Required != nil {
		p.Required = *fs.Required
	}
	if fs.Check != "" {
		p.Check = fs.Check
	}
	if fs.Min != nil {
		p.Min = fs.Min
	}
	if fs.Max != nil {
		p.Max = fs.Max
	}
	if fs.Len != 0 {
		p.Len = fs.Len
	}
	if fs.MaxLen != 0 {
		p.MaxLen = fs.MaxLen
	}
	if fs.SendEmpty {
		p.SendEmpty = true
	}
	if fs.Positive {
		p.Positive = true
	}
	if fs.Step != 0 {
		p.Step = fs.Step
	}
	if fs.Words != nil {
		p.Words = fs.Words
	}
}

// paramKind is the type of a parameter when its method's "fields" do not
// say: an enum the overrides name, else the choice spec.json's param_types
// writes down, else what the WSDL's XSD type states, else a string. No
// guess from the parameter's name or the docs' prose.
func paramKind(u *upstream, method, name, xsd string) (string, string) {
	if e := u.enumFor(method, "params", name); e != "" {
		return pEnum, e
	}
	if k, ok := u.paramTypes[name]; ok {
		return k, ""
	}
	switch xsd {
	case "decimal":
		return pDecimal, ""
	case "integer":
		return pInt, ""
	case "boolean":
		return pBool, ""
	}
	return pString, ""
}

var (
	htmlRe    = regexp.MustCompile(`<[^>]+>`)
	spaceRe   = regexp.MustCompile(`\s+`)
	cutDocRes = []*regexp.Regexp{
		regexp.MustCompile(`\s*(routing, failover_busy|routings? can receive|"members" can receive|routing_match|fail_over_routing_\w+ can).*$`),
		regexp.MustCompile(`(?i)\s*\(?(required|\[Required\]|\[Not Required\])\)?`),
	}
)

// cleanParamDoc shortens a parameter's doc text to a field comment and pulls
// out its example value.
func cleanParamDoc(doc string) (comment, example string) {
	doc = strings.ReplaceAll(doc, "[email protected]", "user@example.com")
	doc = fixDoc(htmlRe.ReplaceAllString(doc, ""))
	if m := exampleRe.FindStringSubmatch(doc); m != nil {
		example = strings.Trim(strings.TrimSpace(m[1]), "'\"")
	}
	for _, re := range cutDocRes {
		doc = re.ReplaceAllString(doc, "")
	}
	doc = strings.TrimSpace(spaceRe.ReplaceAllString(doc, " "))
	doc = strings.TrimPrefix(doc, "- ")
	if len(doc) > 220 {
		if i := strings.LastIndex(doc[:220], ". "); i > 60 {
			doc = doc[:i+1]
		} else {
			doc = doc[:217] + "..."
		}
	}
	return doc, example
}

// ---- results ----

type rfield struct {
	Wire, Go, Type, Doc string
	Sample              string
	Elem                *rtype // nested list of objects
	ScalarList          bool   // List[String]
	List                bool
	Samples             []string // for scalar lists
	DataType            string   // upstream scalar type
}

type rtype struct {
	Name, Doc    string
	File         string
	Fields       []*rfield
	Methods      []string
	EmbedReceipt bool // the result of an order that answers more than a status
}

type resultBuilder struct {
	u     *upstream
	sp    *specFile
	types map[string]*rtype
	order []*rtype
}

func (rb *resultBuilder) typeFor(name, file, method string, obj *shape, nested map[string]string) (*rtype, error) {
	t := rb.types[name]
	if t == nil {
		t = &rtype{Name: name, Doc: rb.sp.Types[name].Doc, File: file}
		if t.Doc == "" {
			t.Doc = fmt.Sprintf("%s is a record returned by %s.", name, method)
		}
		rb.types[name] = t
		rb.order = append(rb.order, t)
	}
	t.Methods = append(t.Methods, method)
	ts := rb.sp.Types[name]
	seen := map[string]bool{}
	for _, f := range obj.Fields {
		// the envelope's status is not a field; a record's own status (a fax's, a port's) is
		if f.Name == "status" && obj == rb.u.shapes[method] || seen[f.Name] {
			continue
		}
		seen[f.Name] = true
		var existing *rfield
		for _, e := range t.Fields {
			if e.Wire == f.Name {
				existing = e
			}
		}
		nf, err := rb.field(name, file, method, f, ts, nested)
		if err != nil {
			return nil, err
		}
		if existing != nil {
			if existing.Type != nf.Type {
				return nil, fmt.Errorf("%s.%s: %s says %s, another method %s", name, f.Name, method, nf.Type, existing.Type)
			}
			continue
		}
		t.Fields = append(t.Fields, nf)
	}
	for _, wire := range sortedKeys(ts.Extra) {
		fs := ts.Extra[wire]
		if seen[wire] {
			return nil, fmt.Errorf("type %s: extra field %s is in %s's sample answer already", name, wire, method)
		}
		if fs.Type == "" {
			return nil, fmt.Errorf("type %s: extra field %s needs a type", name, wire)
		}
		dup := false
		for _, e := range t.Fields {
			dup = dup || e.Wire == wire
		}
		if dup {
			continue
		}
		rf := &rfield{Wire: wire, Go: ident(wire), Type: fs.Type, Doc: fs.Doc}
		if fs.Go != "" {
			rf.Go = fs.Go
		}
		t.Fields = append(t.Fields, rf)
	}
	for f := range ts.Fields {
		found := false
		for _, e := range t.Fields {
			found = found || e.Wire == f
		}
		if !found && len(t.Methods) == 1 && !rb.later(name) {
			return nil, fmt.Errorf("type %s: spec field %s not in %s's response", name, f, method)
		}
	}
	return t, nil
}

// later reports whether another spec method also produces type name (its
// spec fields may belong to that method's shape).
func (rb *resultBuilder) later(name string) bool {
	n := 0
	for _, m := range rb.sp.Methods {
		if m.Result == name {
			n++
		}
	}
	return n > 1
}

func (rb *resultBuilder) field(typeName, file, method string, f shapeField, ts typeSpec, nested map[string]string) (*rfield, error) {
	fs := ts.Fields[f.Name]
	rf := &rfield{Wire: f.Name, Go: ident(f.Name), Doc: fs.Doc}
	if ts.ID == f.Name {
		rf.Go = "ID"
	}
	if fs.Go != "" {
		rf.Go = fs.Go
	}
	s := f.Shape
	switch s.Kind {
	case "list", "map":
		el := s.Element
		if el == nil {
			el = s.Value
		}
		rf.List = true
		if el.Kind == "object" {
			n := nested[f.Name]
			if n == "" {
				n = typeName + ident(f.Name)
			}
			et, err := rb.typeFor(n, file, method, el, nil)
			if err != nil {
				return nil, err
			}
			rf.Elem = et
			rf.Type = "List[" + n + "]"
			return rf, nil
		}
		rf.ScalarList = true
		rf.Type = "List[String]"
		rf.Samples = []string{cleanSample(el.Sample)}
		return rf, nil
	case "object":
		return nil, fmt.Errorf("%s.%s: nested object not supported", typeName, f.Name)
	}
	rf.Sample = cleanSample(s.Sample)
	rf.DataType = s.Type
	if fs.Type != "" {
		rf.Type = fs.Type
		return rf, nil
	}
	if e := rb.u.enumFor(method, "response", f.Name); e != "" {
		rf.Type = e
		return rf, nil
	}
	rf.Type = rb.resultScalarType(f.Name, s)
	return rf, nil
}

// resultScalarType is the type of a result field when the type's "fields"
// and the enums do not say: the choice spec.json's result_types writes
// down, else what the response shape states, else String.
func (rb *resultBuilder) resultScalarType(name string, s *shape) string {
	if t, ok := rb.u.resultTypes[name]; ok {
		return t
	}
	switch s.Type {
	case "bool_01", "bool_yn":
		return "Flag"
	case "date":
		return "Date"
	case "datetime":
		return "DateTime"
	case "decimal":
		return "Decimal"
	case "integer":
		return "Int"
	}
	return "String"
}

var cfEmailRe = regexp.MustCompile(`<a href="/cdn-cgi/l/email-protection"[^>]*>\[email[^<]*</a>`)

// cleanSample turns a docs sample into a value the live API would send.
func cleanSample(s string) string {
	s = cfEmailRe.ReplaceAllString(s, "user@example.com")
	s = strings.TrimSuffix(strings.TrimSpace(s), ",") // print_r artefact: "151600",
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		s = s[1 : len(s)-1]
	}
	return s
}

// ---- methods ----

type method struct {
	Spec         *methodSpec
	Svc          serviceSpec
	Params       []*param
	ParamsType   string
	Exported     bool // params type is part of the method signature
	Result       *rtype
	ScalarList   bool // list of scalars (List[String])
	ScalarSample string
	Class        string // classRead, classWrite, classMoney
	HasTest      bool   // takes the dry-run flag test
	Meaning      string // list, fetch, create, delete, other
	Embeds       []*embed
}

func (m *method) Wire() string { return m.Spec.Wire }

// paramsTypeName names the params type of a method after the Go method it
// serves, the way go-github names RepositoryListOptions: the service's
// record noun (its type minus "Service") and the method name, DIDListParams
// for DIDs.List, ForwardingSetParams for Forwardings.Set. A params type that
// is not part of the signature (positional arguments) is unexported:
// forwardingDeleteParams.
func paramsTypeName(svc serviceSpec, name string, exported bool) string {
	n := strings.TrimSuffix(svc.Type, "Service") + name + "Params"
	if exported {
		return n
	}
	return lowerFirst(n)
}

func intSample(p *param) int64 {
	v := int64(7)
	if n, err := strconv.ParseInt(p.Example, 10, 64); err == nil {
		v = n
	}
	if p.Min != nil && v < *p.Min {
		v = *p.Min
	}
	if p.Max != nil && v > *p.Max {
		v = *p.Max
	}
	return v
}
