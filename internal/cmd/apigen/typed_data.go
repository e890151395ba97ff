package main

// Loading of the typed-method inputs: spec.json (hand-maintained) and the
// upstream data (WSDL parameters, extracted docs, live corrections).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// ---- spec.json ----

type specFile struct {
	Comment      string                       `json:"comment"`
	Services     []serviceSpec                `json:"services"` // the service list of Client, in order
	EnumNames    map[string]string            `json:"enum_names"`
	VariantNames map[string]map[string]string `json:"variant_names"`
	EnumDocs     map[string]string            `json:"enum_docs"`
	ExtraEnums   map[string]enumData          `json:"extra_enums"`
	ParamDocs    map[string]string            `json:"param_docs"` // our doc of common parameters
	// ParamTypes and ResultTypes are the type choices the upstream data does
	// not state (a phone number the WSDL calls xsd:integer is a string, a
	// "(Boolean: 1/0)" in the docs' prose is a flag, a routing field is a
	// Routing): Go type -> the wire names that take it, in every method
	// unless the method's or the type's "fields" say otherwise.
	ParamTypes  map[string][]string `json:"param_types"`
	ResultTypes map[string][]string `json:"result_types"`
	Types       map[string]typeSpec `json:"types"`
	Methods     []methodSpec        `json:"methods"`
	Embeds      []embedSpec         `json:"embeds"` // parameter blocks several params types share
	// HTMLOnlyMethods are documented in the HTML docs but absent from the WSDL.
	HTMLOnlyMethods []string `json:"html_only_methods"`
	// DocFixes corrects upstream typos in generated comments: wrong -> right.
	DocFixes map[string]string `json:"doc_fixes"`
	// LiveStatuses are codes seen on the live API that the docs' table lacks
	// (reference §3.1); LiveEmptyStatuses are those of them that mean "nothing
	// matches" on a list method.
	LiveStatuses      []statusRow `json:"live_statuses"`
	LiveEmptyStatuses []string    `json:"live_empty_statuses"`
}

// serviceSpec is one service of Client: the field users call
// (c.Forwardings), its type, the file its methods are generated into
// (<file>_gen.go) and the type's doc comment.
type serviceSpec struct {
	Field string `json:"field"`
	Type  string `json:"type"`
	File  string `json:"file"`
	Doc   string `json:"doc"`
}

// service returns the service whose field is name.
func (s *specFile) service(name string) (serviceSpec, bool) {
	for _, sv := range s.Services {
		if sv.Field == name {
			return sv, true
		}
	}
	return serviceSpec{}, false
}

type typeSpec struct {
	Doc    string               `json:"doc"`
	ID     string               `json:"id"` // wire field rendered as ID
	Fields map[string]fieldSpec `json:"fields"`
	// Extra are fields real answers carry that the docs' sample does not
	// (each with its type, as the data cannot say); they follow the
	// sample's fields in wire-name order.
	Extra map[string]fieldSpec `json:"extra"`
}

// fieldSpec overrides what the generator infers for one parameter or result
// field.
type fieldSpec struct {
	Go        string `json:"go"`
	Type      string `json:"type"`
	Doc       string `json:"doc"`
	Check     string `json:"check"`
	Required  *bool  `json:"required"`
	Min       *int64 `json:"min"`
	Max       *int64 `json:"max"`
	Len       int    `json:"len"`
	MaxLen    int    `json:"maxlen"`
	SendEmpty bool   `json:"send_empty"`
	// Positive: a decimal that must be greater than 0 (a charge, a payment).
	Positive bool `json:"positive"`
	// Step: an integer (or the number of a words field) must be a multiple of it.
	Step int64 `json:"step"`
	// Words: a string parameter that takes one of these words or an integer
	// within min/max (and step): "unlimited" or 1-60.
	Words []string `json:"words"`
}

type getSpec struct {
	Name         string   `json:"name"`
	Args         []string `json:"args"`
	Match        string   `json:"match"`
	What         string   `json:"what"`
	Doc          string   `json:"doc"`
	AlsoNotFound []string `json:"also_not_found"`
}

type extraParam struct {
	Wire string `json:"wire"`
	fieldSpec
}

type methodSpec struct {
	Wire    string               `json:"wire"`
	Service string               `json:"service"`
	Name    string               `json:"name"`
	Kind    string               `json:"kind"`
	Class   string               `json:"class"`   // read, write or money: the retry class (README "Retries")
	Meaning string               `json:"meaning"` // list, fetch, create, delete, other (when the kind does not say)
	Doc     string               `json:"doc"`
	Result  string               `json:"result"`
	Key     string               `json:"key"`
	ID      string               `json:"id"`
	Scalar  string               `json:"scalar"`
	Match   string               `json:"match"`
	What    string               `json:"what"`
	Empty   string               `json:"empty"` // the no_* status of an empty list, when not no_<get.what>
	Args    *[]string            `json:"args"`
	Get     *getSpec             `json:"get"`
	Fields  map[string]fieldSpec `json:"fields"`
	NANP    []string             `json:"nanp"`
	Nested  map[string]string    `json:"nested"`
	Drop    []string             `json:"drop"`
	Extra   []extraParam         `json:"extra"`
	Checks  []checkSpec          `json:"checks"` // cross-field rules of validate()
	Sample  string               `json:"sample"` // answer value of a scalar key when the docs' sample is prose
	// NotFound lists the statuses that mean "no such record" on a fetch or
	// object method: the *APIError keeps its status and matches ErrNotFound
	// (instead of the status's category).
	NotFound []string `json:"not_found"`
}

// checkSpec is a rule over several parameters, checked in validate() after
// the per-field checks:
//
//	{"kind": "one_of", "fields": ["answered", "noanswer"]}: at least one of these 1/0 flags is set;
//	{"kind": "date_range", "fields": ["date_from", "date_to"], "max_days": 92}: from <= to, at most max_days apart.
type checkSpec struct {
	Kind    string   `json:"kind"`
	Fields  []string `json:"fields"`
	MaxDays int      `json:"max_days"`
}

// ---- upstream data ----

type shape struct {
	Kind    string       `json:"kind"`
	Type    string       `json:"type"`
	Sample  string       `json:"sample"`
	Fields  []shapeField `json:"fields"`
	Element *shape       `json:"element"`
	Value   *shape       `json:"value"`
}

type shapeField struct {
	Name  string `json:"name"`
	Shape *shape `json:"shape"`
}

type enumVariant struct {
	Name string `json:"name"`
	Wire string `json:"wire"`
}

type enumData struct {
	Doc      string        `json:"doc"`
	Variants []enumVariant `json:"variants"`
}

type wsdlParam struct{ Name, XSD string }

// typeChoices inverts a param_types / result_types table (type -> names)
// into name -> type, checking that every type is one of allowed and every
// name is listed once.
func typeChoices(table string, t map[string][]string, allowed map[string]bool) (map[string]string, error) {
	out := map[string]string{}
	for typ, names := range t {
		if !allowed[typ] {
			return nil, fmt.Errorf("spec %s: unknown type %q", table, typ)
		}
		for _, n := range names {
			if prev, dup := out[n]; dup {
				return nil, fmt.Errorf("spec %s: %s listed as both %s and %s", table, n, prev, typ)
			}
			out[n] = typ
		}
	}
	return out, nil
}

type upstream struct {
	wsdl        map[string][]wsdlParam
	paramDocs   map[string][]docEntry // method -> params in doc order
	methodDocs  map[string]string
	shapes      map[string]*shape // corrected response shapes
	enums       map[string]enumData
	fieldTypes  map[string]string          // wire name -> enum (Go name)
	typeSkip    map[string]map[string]bool // method(lower) -> field -> skip
	typeForce   map[string]map[string]string
	emptyStatus map[string]bool
	paramTypes  map[string]string // spec.json param_types, by wire name
	resultTypes map[string]string // spec.json result_types, by wire name
}

type docEntry struct{ Name, Doc string }

func loadSpec() (*specFile, error) {
	b, err := os.ReadFile(filepath.Join(filepath.Dir(*dataDir), "spec.json"))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s specFile
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("spec.json: %w", err)
	}
	docFixes = s.DocFixes
	return &s, nil
}

func loadUpstream(sp *specFile) (*upstream, error) {
	u := &upstream{wsdl: map[string][]wsdlParam{}, paramDocs: map[string][]docEntry{},
		typeSkip: map[string]map[string]bool{}, typeForce: map[string]map[string]string{}, emptyStatus: map[string]bool{}}

	w, err := os.ReadFile(filepath.Join(*dataDir, "server.wsdl"))
	if err != nil {
		return nil, err
	}
	typeRe := regexp.MustCompile(`(?s)<xsd:complexType name="([A-Za-z0-9_]+)Input">(.*?)</xsd:complexType>`)
	elemRe := regexp.MustCompile(`<xsd:element name="([^"]+)" type="xsd:([a-zA-Z]+)"`)
	for _, m := range typeRe.FindAllSubmatch(w, -1) {
		var ps []wsdlParam
		for _, e := range elemRe.FindAllSubmatch(m[2], -1) {
			n := string(e[1])
			if n == "api_username" || n == "api_password" {
				continue
			}
			ps = append(ps, wsdlParam{n, string(e[2])})
		}
		u.wsdl[string(m[1])] = ps
	}

	var raw struct {
		Methods    map[string]*shape          `json:"methods"`
		ParamDocs  map[string]json.RawMessage `json:"param_docs"`
		MethodDocs map[string]string          `json:"method_docs"`
	}
	if err := readJSON("api-responses.json", &raw); err != nil {
		return nil, err
	}
	u.shapes = raw.Methods
	u.methodDocs = raw.MethodDocs
	for m, r := range raw.ParamDocs {
		entries, err := orderedStrings(r)
		if err != nil {
			return nil, fmt.Errorf("param_docs %s: %w", m, err)
		}
		u.paramDocs[m] = entries
	}

	var ov struct {
		Enums             map[string]enumData `json:"enums"`
		FieldTypes        map[string]string   `json:"field_types"`
		FieldTypeSkip     []string            `json:"field_type_skip"`
		FieldTypeOverride map[string]string   `json:"field_type_override"`
		EmptyStatuses     []string            `json:"empty_statuses"`
		Methods           map[string]struct {
			Shape   *shape `json:"shape"`
			Patches []struct {
				Path string `json:"path"`
				Type string `json:"type"`
			} `json:"patches"`
		} `json:"methods"`
	}
	if err := readJSON("api-response-overrides.json", &ov); err != nil {
		return nil, err
	}
	for _, s := range ov.EmptyStatuses {
		u.emptyStatus[s] = true
	}
	var err2 error
	if u.paramTypes, err2 = typeChoices("param_types", sp.ParamTypes, map[string]bool{pDryRun: true, pRouting: true, pBool: true, pYesNo: true, pDate: true, pDecimal: true, pString: true, pSecret: true, pInt: true}); err2 != nil {
		return nil, err2
	}
	if u.resultTypes, err2 = typeChoices("result_types", sp.ResultTypes, map[string]bool{"Routing": true, "Flag": true, "Decimal": true, "String": true, "Int": true, "Date": true, "DateTime": true}); err2 != nil {
		return nil, err2
	}
	for _, s := range sp.LiveEmptyStatuses {
		u.emptyStatus[s] = true
	}
	enumName := func(n string) string {
		if g, ok := sp.EnumNames[n]; ok {
			return g
		}
		return n
	}
	u.enums = map[string]enumData{}
	for n, e := range ov.Enums {
		u.enums[enumName(n)] = e
	}
	for n, e := range sp.ExtraEnums {
		u.enums[n] = e
	}
	u.fieldTypes = map[string]string{}
	for f, e := range ov.FieldTypes {
		u.fieldTypes[f] = enumName(e)
	}
	// Keys look like "SMSListParams.type" or "GetVoicemailsResponseVoicemail.urgent":
	// the method is the part before Params/Response, matched case-insensitively.
	structMethod := func(key string) (method, field string, ok bool) {
		st, field, ok := strings.Cut(key, ".")
		if !ok {
			return "", "", false
		}
		for _, suffix := range []string{"Params", "Response"} {
			if i := strings.Index(st, suffix); i > 0 {
				return strings.ToLower(st[:i]) + "/" + strings.ToLower(suffix), field, true
			}
		}
		return "", "", false
	}
	for _, k := range ov.FieldTypeSkip {
		if m, f, ok := structMethod(k); ok {
			if u.typeSkip[m] == nil {
				u.typeSkip[m] = map[string]bool{}
			}
			u.typeSkip[m][f] = true
		}
	}
	for k, e := range ov.FieldTypeOverride {
		if m, f, ok := structMethod(k); ok {
			if u.typeForce[m] == nil {
				u.typeForce[m] = map[string]string{}
			}
			u.typeForce[m][f] = enumName(e)
		}
	}
	for m, o := range ov.Methods {
		if o.Shape != nil {
			u.shapes[m] = o.Shape
		}
		for _, p := range o.Patches {
			s := u.shapes[m]
			if s == nil {
				return nil, fmt.Errorf("override patch for %s: no shape", m)
			}
			if err := patchShape(s, p.Path, p.Type); err != nil {
				return nil, fmt.Errorf("override patch %s %s: %w", m, p.Path, err)
			}
		}
	}
	return u, nil
}

// patchShape sets the scalar type at path ("dids[].cnam", "dids[]").
func patchShape(s *shape, path, typ string) error {
	cur := s
	for _, part := range strings.Split(path, ".") {
		name, list := strings.CutSuffix(part, "[]")
		var next *shape
		for _, f := range cur.Fields {
			if f.Name == name {
				next = f.Shape
				break
			}
		}
		if next == nil {
			return fmt.Errorf("no field %q", name)
		}
		if list {
			if next.Element == nil {
				return fmt.Errorf("%q is not a list", name)
			}
			next = next.Element
		}
		cur = next
	}
	if cur.Kind != "scalar" {
		return fmt.Errorf("not a scalar")
	}
	cur.Type = typ
	return nil
}

// orderedStrings decodes a JSON object of strings keeping the key order.
func orderedStrings(r json.RawMessage) ([]docEntry, error) {
	dec := json.NewDecoder(bytes.NewReader(r))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var out []docEntry
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, docEntry{k.(string), v})
	}
	return out, nil
}

func (u *upstream) paramDoc(method, param string) (string, bool) {
	for _, e := range u.paramDocs[method] {
		if e.Name == param {
			return e.Doc, true
		}
	}
	return "", false
}

// enumFor returns the enum a parameter (side "params") or result field
// (side "response") of method takes, if any.
func (u *upstream) enumFor(method, side, field string) string {
	key := strings.ToLower(method) + "/" + side
	if e, ok := u.typeForce[key][field]; ok {
		return e
	}
	if u.typeSkip[key][field] {
		return ""
	}
	return u.fieldTypes[field]
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
