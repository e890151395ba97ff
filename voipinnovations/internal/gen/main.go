// Command gen writes voipinnovations/ops_gen.go from the production WSDL
// (internal/viwsdl/production.wsdl) and spec.txt beside this file.
//
// For every one of the WSDL's operations it emits the operation's metadata
// (wire name, SOAPAction, retry class), its params type with the request
// encoder and the checks made before any I/O, the response types (plain Go
// types), the lenient wire decoders that fill them, the call, and — for the
// operations spec.txt does not mark "seed" — the public service method.
// Run it with `go generate ./...` from the module; output is deterministic.
package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"sort"
	"strings"
	"unicode"
)

type xsdElement struct {
	Name      string      `xml:"name,attr"`
	Type      string      `xml:"type,attr"`
	MinOccurs string      `xml:"minOccurs,attr"`
	MaxOccurs string      `xml:"maxOccurs,attr"`
	Nillable  string      `xml:"nillable,attr"`
	Complex   *xsdComplex `xml:"complexType"`
}

type xsdComplex struct {
	Name string       `xml:"name,attr"`
	Seq  []xsdElement `xml:"sequence>element"`
}

type wsdlDoc struct {
	Elements     []xsdElement `xml:"types>schema>element"`
	ComplexTypes []xsdComplex `xml:"types>schema>complexType"`
	Bindings     []struct {
		Name string `xml:"name,attr"`
		Ops  []struct {
			Name   string `xml:"name,attr"`
			SoapOp struct {
				Action string `xml:"soapAction,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ operation"`
		} `xml:"operation"`
	} `xml:"binding"`
}

type opSpec struct {
	wire, service, method, class, shape, params string
}

type spec struct {
	ops      []opSpec
	services [][2]string         // field, type
	number   map[string]bool     // "op.field"
	anyof    map[string][]string // op -> fields
	digits   map[string]int      // "op.field" -> n
	positive map[string]bool     // "op.field"
	kind     map[string]string   // "Type.field" -> kind
	name     map[string]string   // "Type.field" -> Go name
}

func readSpec(path string) *spec {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	s := &spec{number: map[string]bool{}, anyof: map[string][]string{}, digits: map[string]int{},
		positive: map[string]bool{}, kind: map[string]string{}, name: map[string]string{}}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if i := strings.IndexByte(t, '#'); i >= 0 {
			t = t[:i]
		}
		w := strings.Fields(t)
		if len(w) == 0 {
			continue
		}
		bad := func() { log.Fatalf("%s:%d: bad %q line", path, line, w[0]) }
		switch w[0] {
		case "op":
			if len(w) != 7 {
				bad()
			}
			s.ops = append(s.ops, opSpec{w[1], w[2], w[3], w[4], w[5], w[6]})
		case "service":
			if len(w) != 3 {
				bad()
			}
			s.services = append(s.services, [2]string{w[1], w[2]})
		case "number":
			if len(w) != 3 {
				bad()
			}
			s.number[w[1]+"."+w[2]] = true
		case "anyof":
			if len(w) != 3 {
				bad()
			}
			s.anyof[w[1]] = strings.Split(w[2], ",")
		case "digits":
			if len(w) != 4 {
				bad()
			}
			var n int
			fmt.Sscan(w[3], &n)
			s.digits[w[1]+"."+w[2]] = n
		case "positive":
			if len(w) != 3 {
				bad()
			}
			s.positive[w[1]+"."+w[2]] = true
		case "type":
			if len(w) != 3 {
				bad()
			}
			s.kind[w[1]] = w[2]
		case "name":
			if len(w) != 3 {
				bad()
			}
			s.name[w[1]] = w[2]
		default:
			bad()
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return s
}

// initialisms are written in capitals in Go names (lower-case key -> Go form).
var initialisms = map[string]string{
	"tn": "TN", "tns": "TNs", "did": "DID", "dids": "DIDs", "id": "ID", "epg": "EPG", "cnam": "CNAM",
	"pin": "PIN", "lata": "LATA", "t38": "T38", "sms": "SMS", "npa": "NPA", "nxx": "NXX", "foc": "FOC",
	"vi": "VI", "intl": "Intl", "ip": "IP",
}

// goName is the one naming function: camelCase wire names split into words,
// initialisms capitalised ("didGroupId" -> "DIDGroupID", "DIDLocators" -> "DIDLocators").
func goName(s string) string {
	var words []string
	rs := []rune(s)
	start := 0
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		if unicode.IsUpper(cur) && (unicode.IsLower(prev) || unicode.IsDigit(prev) ||
			(unicode.IsUpper(prev) && unicode.IsLower(next))) {
			words = append(words, string(rs[start:i]))
			start = i
		}
	}
	words = append(words, string(rs[start:]))
	var b strings.Builder
	for _, w := range words {
		if g, ok := initialisms[strings.ToLower(w)]; ok {
			b.WriteString(g)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

type gen struct {
	doc     *wsdlDoc
	sp      *spec
	types   map[string]*xsdComplex
	elems   map[string]*xsdElement
	actions map[string]string
	out     bytes.Buffer
	emitted map[string]bool // result types already written
	order   []string
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(&g.out, format, args...) }

func local(t string) string {
	if i := strings.IndexByte(t, ':'); i >= 0 {
		return t[i+1:]
	}
	return t
}

func (g *gen) fieldName(typ, wire string) string {
	if n, ok := g.sp.name[typ+"."+wire]; ok {
		return n
	}
	return goName(wire)
}

func (g *gen) fieldKind(typ string, e xsdElement) string {
	if k, ok := g.sp.kind[typ+"."+e.Name]; ok {
		return k
	}
	if e.Name == "responseCode" {
		return "rcode"
	}
	switch e.Type {
	case "s:string":
		return "string"
	case "s:int":
		return "int"
	case "s:boolean":
		return "bool"
	case "s:dateTime":
		return "time"
	case "s:decimal":
		return "decimal"
	}
	t := local(e.Type)
	if strings.HasPrefix(t, "ArrayOf") {
		return "array"
	}
	if _, ok := g.types[t]; ok {
		return "struct"
	}
	log.Fatalf("%s.%s: unknown type %s", typ, e.Name, e.Type)
	return ""
}

var goTypes = map[string]string{
	"string": "string", "int": "int64", "tier": "int64", "bool": "bool", "time": "time.Time",
	"decimal": "decimal.Decimal", "status": "StatusCode", "rcode": "ResponseCode", "flag": "*bool",
}

// arrayItem returns the element name and type of an ArrayOfX complex type.
func (g *gen) arrayItem(t string) (name, typ string) {
	ct := g.types[t]
	if ct == nil || len(ct.Seq) != 1 {
		log.Fatalf("%s: not an array type", t)
	}
	return ct.Seq[0].Name, local(ct.Seq[0].Type)
}

// resultType writes the public result type t, its wire form and decoder,
// and those of every type it contains.
func (g *gen) resultType(t string) {
	if g.emitted[t] {
		return
	}
	g.emitted[t] = true
	ct := g.types[t]
	for _, e := range ct.Seq {
		switch g.fieldKind(t, e) {
		case "struct":
			g.resultType(local(e.Type))
		case "array":
			if _, it := g.arrayItem(local(e.Type)); it != "string" {
				g.resultType(it)
			}
		}
	}
	g.order = append(g.order, t)
}

func (g *gen) writeResultType(t string) {
	ct := g.types[t]
	g.p("// %s is the WSDL type %s.\ntype %s struct {\n", t, t, t)
	for _, e := range ct.Seq {
		name := g.fieldName(t, e.Name)
		k := g.fieldKind(t, e)
		var gt string
		switch k {
		case "struct":
			gt = local(e.Type)
		case "array":
			_, it := g.arrayItem(local(e.Type))
			gt = "[]" + it
		default:
			gt = goTypes[k]
		}
		note := ""
		switch k {
		case "time":
			note = " // zero when absent, nil or 1900-01-01T00:00:00; the wire has no zone: read as UTC"
		case "tier":
			note = " // 0 when absent (the dummy record's -99999)"
		}
		g.p("\t%s %s `json:%q`%s\n", name, gt, e.Name+",omitempty", note)
	}
	g.p("}\n\n")

	// wire form
	g.p("type wire%s struct {\n\tNil string `xml:\"http://www.w3.org/2001/XMLSchema-instance nil,attr\"`\n", t)
	for _, e := range ct.Seq {
		name := g.fieldName(t, e.Name)
		switch k := g.fieldKind(t, e); k {
		case "struct":
			g.p("\t%s *wire%s `xml:%q`\n", name, local(e.Type), e.Name)
		case "array":
			in, it := g.arrayItem(local(e.Type))
			if it == "string" {
				g.p("\t%s []wireString `xml:%q`\n", name, e.Name+">"+in)
			} else {
				g.p("\t%s []wire%s `xml:%q`\n", name, it, e.Name+">"+in)
			}
		default:
			g.p("\t%s string `xml:%q`\n", name, e.Name)
		}
	}
	g.p("}\n\n")

	g.p("func (w *wire%s) decode(d *decoder, path string) %s {\n\tvar v %s\n\tif w == nil {\n\t\treturn v\n\t}\n", t, t, t)
	for _, e := range ct.Seq {
		name := g.fieldName(t, e.Name)
		switch k := g.fieldKind(t, e); k {
		case "string":
			g.p("\tv.%s = w.%s\n", name, name)
		case "struct":
			g.p("\tv.%s = w.%s.decode(d, path+%q)\n", name, name, "."+e.Name)
		case "array":
			_, it := g.arrayItem(local(e.Type))
			g.p("\tfor i := range w.%s {\n\t\tif w.%s[i].Nil == \"true\" {\n\t\t\tcontinue\n\t\t}\n", name, name)
			if it == "string" {
				g.p("\t\tv.%s = append(v.%s, w.%s[i].Value)\n\t}\n", name, name, name)
			} else {
				g.p("\t\tv.%s = append(v.%s, w.%s[i].decode(d, index(path, %q, i)))\n\t}\n", name, name, name, e.Name)
			}
		default:
			g.p("\tv.%s = d.%s(path, %q, w.%s)\n", name, k, e.Name, name)
		}
	}
	g.p("\treturn v\n}\n\n")
}

// paramField is one input of an operation (after login and secret).
type paramField struct {
	wire, name, kind string
	required         bool
	itemType         string // for arrays: the item's complex type
	itemWire         string // for arrays: the item element name
}

func (g *gen) paramFields(owner string, seq []xsdElement) []paramField {
	var fs []paramField
	for _, e := range seq {
		if e.Name == "login" || e.Name == "secret" {
			continue
		}
		f := paramField{wire: e.Name, name: g.fieldName(owner, e.Name), required: e.MinOccurs == "1"}
		if k, ok := g.sp.kind[owner+"."+e.Name]; ok {
			f.kind = k
		} else {
			switch e.Type {
			case "s:string":
				f.kind = "string"
			case "s:int":
				f.kind = "int"
			default:
				t := local(e.Type)
				if !strings.HasPrefix(t, "ArrayOf") {
					log.Fatalf("%s.%s: unsupported input type %s", owner, e.Name, e.Type)
				}
				f.kind = "array"
				f.itemWire, f.itemType = g.arrayItem(t)
			}
		}
		fs = append(fs, f)
	}
	return fs
}

func (g *gen) writeParamsType(goType, owner, doc string, fs []paramField) {
	g.p("%s\ntype %s struct {\n", doc, goType)
	for _, f := range fs {
		var gt string
		switch f.kind {
		case "array":
			gt = "[]" + f.itemType
		case "int":
			gt = "int64"
		default:
			gt = goTypes[f.kind]
		}
		comment := ""
		switch {
		case g.sp.number[owner+"."+f.wire]:
			comment = " // a North American number: 10 digits, +1 or 1 and punctuation accepted"
		case f.kind == "flag":
			comment = " // nil: not sent"
		case f.kind == "string":
			comment = " // empty: not sent"
		}
		g.p("\t%s %s `json:%q`%s\n", f.name, gt, f.wire+",omitempty", comment)
	}
	g.p("}\n\n")

	// encoder
	g.p("func (p *%s) encode(w *xmlWriter) {\n", goType)
	for _, f := range fs {
		switch f.kind {
		case "string":
			g.p("\tw.str(%q, p.%s)\n", f.wire, f.name)
		case "int":
			g.p("\tw.int(%q, p.%s, %v)\n", f.wire, f.name, f.required)
		case "flag":
			g.p("\tw.flag(%q, p.%s)\n", f.wire, f.name)
		case "array":
			g.p("\tw.open(%q)\n\tfor i := range p.%s {\n\t\tw.open(%q)\n\t\tp.%s[i].encode(w)\n\t\tw.close(%q)\n\t}\n\tw.close(%q)\n",
				f.wire, f.name, f.itemWire, f.name, f.itemWire, f.wire)
		}
	}
	g.p("}\n\n")

	// checks before I/O; numbers are normalised in place (on the caller's copy)
	g.p("func (p *%s) prepare(op, path string) error {\n", goType)
	for _, f := range fs {
		key := owner + "." + f.wire
		if g.sp.number[key] {
			g.p("\tif n, err := normalizeNANP(p.%s); err != nil {\n\t\treturn validationErr(op, path+%q, %q, err.Error())\n\t} else {\n\t\tp.%s = n\n\t}\n",
				f.name, f.wire, f.name, f.name)
		}
		if n, ok := g.sp.digits[key]; ok {
			g.p("\tif p.%s != \"\" && !isDigits(p.%s, %d) {\n\t\treturn validationErr(op, path+%q, %q, %q)\n\t}\n",
				f.name, f.name, n, f.wire, f.name, fmt.Sprintf("must be %d digits", n))
		}
		if g.sp.positive[key] {
			g.p("\tif p.%s <= 0 {\n\t\treturn validationErr(op, path+%q, %q, \"must be a positive number\")\n\t}\n", f.name, f.wire, f.name)
		}
		if f.kind == "array" {
			g.p("\tfor i := range p.%s {\n\t\tif err := p.%s[i].prepare(op, index(path, %q, i)+\".\"); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n",
				f.name, f.name, f.wire)
		}
	}
	if af, ok := g.sp.anyof[owner]; ok {
		var conds []string
		for _, w := range af {
			conds = append(conds, fmt.Sprintf("p.%s == \"\"", g.fieldName(owner, w)))
		}
		g.p("\tif %s {\n\t\treturn validationErr(op, path+\"*\", \"*\", %q)\n\t}\n", strings.Join(conds, " && "),
			"at least one search criterion is required ("+strings.Join(af, ", ")+")")
	}
	g.p("\treturn nil\n}\n\n")
}

func main() {
	wsdlPath := flag.String("wsdl", "../internal/viwsdl/production.wsdl", "production WSDL")
	specPath := flag.String("spec", "internal/gen/spec.txt", "spec file")
	outPath := flag.String("out", "ops_gen.go", "output file")
	flag.Parse()

	raw, err := os.ReadFile(*wsdlPath)
	if err != nil {
		log.Fatal(err)
	}
	var doc wsdlDoc
	if err := xml.Unmarshal(raw, &doc); err != nil {
		log.Fatal(err)
	}
	g := &gen{doc: &doc, sp: readSpec(*specPath), types: map[string]*xsdComplex{}, elems: map[string]*xsdElement{},
		actions: map[string]string{}, emitted: map[string]bool{}}
	for i := range doc.ComplexTypes {
		g.types[doc.ComplexTypes[i].Name] = &doc.ComplexTypes[i]
	}
	for i := range doc.Elements {
		g.elems[doc.Elements[i].Name] = &doc.Elements[i]
	}
	for _, b := range doc.Bindings {
		if b.Name != "APIServiceSoap" {
			continue
		}
		for _, o := range b.Ops {
			g.actions[o.Name] = o.SoapOp.Action
		}
	}
	// every WSDL operation must be in the spec, and nothing else
	inSpec := map[string]bool{}
	for _, o := range g.sp.ops {
		if _, ok := g.actions[o.wire]; !ok {
			log.Fatalf("spec names %s, which the WSDL does not have", o.wire)
		}
		if inSpec[o.wire] {
			log.Fatalf("spec names %s twice", o.wire)
		}
		inSpec[o.wire] = true
	}
	var missing []string
	for name := range g.actions {
		if !inSpec[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		log.Fatalf("spec lacks WSDL operations: %v", missing)
	}

	g.p("// Code generated by internal/gen from internal/viwsdl/production.wsdl and internal/gen/spec.txt; DO NOT EDIT.\n\n")
	g.p("package voipinnovations\n\nimport (\n\t\"context\"\n\t\"time\"\n\n\t\"github.com/shopspring/decimal\"\n)\n\n")
	g.p("var (\n\t_ time.Time\n\t_ decimal.Decimal\n)\n\n")

	// operations table
	g.p("// Operation metadata, one per WSDL operation.\nvar (\n")
	for _, o := range g.sp.ops {
		class := "classRead"
		if o.class == "write" {
			class = "classWrite"
		} else if o.class != "read" {
			log.Fatalf("%s: class %q", o.wire, o.class)
		}
		g.p("\top%s = &opInfo{name: %q, action: %q, class: %s, service: %q, method: %q}\n",
			strings.ToUpper(o.wire[:1])+o.wire[1:], o.wire, g.actions[o.wire], class, o.service, o.method)
	}
	g.p(")\n\n// operations lists every operation of the production WSDL, in spec order.\nvar operations = []*opInfo{\n")
	for _, o := range g.sp.ops {
		g.p("\top%s,\n", strings.ToUpper(o.wire[:1])+o.wire[1:])
	}
	g.p("}\n\n")

	// services: the fields are declared on Client (so go doc shows them); a
	// missing one fails to compile here.
	svcType := map[string]string{}
	g.p("func (c *Client) initServices() {\n")
	for _, sv := range g.sp.services {
		svcType[sv[0]] = sv[1]
		g.p("\tc.%s = (*%s)(&c.common)\n", sv[0], sv[1])
	}
	g.p("}\n\n")
	for _, sv := range g.sp.services {
		var wires []string
		for _, o := range g.sp.ops {
			if o.service == sv[0] {
				wires = append(wires, o.wire)
			}
		}
		if len(wires) == 0 {
			log.Fatalf("service %s has no operations", sv[0])
		}
		g.p("// %s groups the operations %s (Client.%s).\ntype %s service\n\n", sv[1], strings.Join(wires, ", "), sv[0], sv[1])
	}
	for _, o := range g.sp.ops {
		if svcType[o.service] == "" {
			log.Fatalf("%s: service %s not declared", o.wire, o.service)
		}
	}

	// DIDParam, the one complex input type
	g.writeParamsType("DIDParam", "DIDParam",
		"// DIDParam is one number of a batch (reserveDID, assignDID, configDID, releaseDID): the WSDL type\n"+
			"// DIDParam. The answer has one result per DIDParam, in order. EndpointGroup (wire \"epg\") is always\n"+
			"// sent, 0 when the operation does not use it.",
		g.paramFields("DIDParam", g.types["DIDParam"].Seq))

	// per operation
	for i := range g.sp.ops {
		o := &g.sp.ops[i]
		switch o.params {
		case "-":
		case "type":
			o.params = strings.TrimSuffix(svcType[o.service], "Service") + o.method + "Params"
		case "args":
			o.params = o.wire + "Params"
		default:
			log.Fatalf("%s: params %q", o.wire, o.params)
		}
	}
	for _, o := range g.sp.ops {
		in := g.elems[o.wire]
		outEl := g.elems[o.wire+"Response"]
		if in == nil || outEl == nil || in.Complex == nil || outEl.Complex == nil || len(outEl.Complex.Seq) != 1 {
			log.Fatalf("%s: unexpected element shape", o.wire)
		}
		resEl := outEl.Complex.Seq[0]
		resType := local(resEl.Type)
		g.resultType(resType)
		opVar := "op" + strings.ToUpper(o.wire[:1]) + o.wire[1:]
		fs := g.paramFields(o.wire, in.Complex.Seq)
		hasParams := o.params != "-"
		if hasParams != (len(fs) > 0) {
			log.Fatalf("%s: params %q but %d inputs", o.wire, o.params, len(fs))
		}
		if hasParams {
			g.writeParamsType(o.params, o.wire, fmt.Sprintf("// %s are the inputs of %s after login and secret.", o.params, o.wire), fs)
		}
		wrap := "wire" + strings.ToUpper(o.wire[:1]) + o.wire[1:] + "Response"
		g.p("type %s struct {\n\tResult *wire%s `xml:%q`\n}\n\n", wrap, resType, resEl.Name)
		fn := "do" + strings.ToUpper(o.wire[:1]) + o.wire[1:]
		if hasParams {
			g.p("func (c *Client) %s(ctx context.Context, in *%s) (*%s, error) {\n", fn, o.params, resType)
			g.p("\tvar p %s\n\tif in != nil {\n\t\tp = *in\n\t}\n", o.params)
			for _, f := range fs {
				if f.kind == "array" {
					g.p("\tp.%s = append([]%s(nil), p.%s...)\n", f.name, f.itemType, f.name)
				}
			}
			g.p("\tif err := p.prepare(%s.name, \"\"); err != nil {\n\t\treturn nil, err\n\t}\n", opVar)
			g.p("\tvar w %s\n\tif err := c.call(ctx, %s, p.encode, &w); err != nil {\n\t\treturn nil, err\n\t}\n", wrap, opVar)
		} else {
			g.p("func (c *Client) %s(ctx context.Context) (*%s, error) {\n", fn, resType)
			g.p("\tvar w %s\n\tif err := c.call(ctx, %s, nil, &w); err != nil {\n\t\treturn nil, err\n\t}\n", wrap, opVar)
		}
		g.p("\tif w.Result == nil {\n\t\treturn nil, noResult(%s)\n\t}\n", opVar)
		g.p("\td := decoder{op: %s.name}\n\tr := w.Result.decode(&d, %q)\n\tif d.err != nil {\n\t\treturn nil, d.err\n\t}\n\treturn &r, nil\n}\n\n", opVar, resEl.Name)

		if o.shape == "seed" {
			continue
		}
		empty := o.shape == "list"
		if o.shape != "list" && o.shape != "one" {
			log.Fatalf("%s: shape %q", o.wire, o.shape)
		}
		doc := fmt.Sprintf("// %s calls %s and returns its whole answer; a responseCode other than 100%s is an\n// *APIError.", o.method, o.wire,
			map[bool]string{true: " or 101 (no records: empty lists)", false: ""}[empty])
		if resType == "DIDResponse" {
			if empty {
				doc += " The API's dummy \"no records\" DID is dropped."
			} else {
				doc += " An answer holding only the API's dummy \"no records\" DID is an\n// error matching ErrNotFound."
			}
		}
		if o.class == "write" {
			doc += " It is sent at most once: a failure after the request may have reached VoIP\n// Innovations is an *OutcomeUnknownError."
		}
		doc += fmt.Sprintf("\n//\n// VoIP Innovations API method: %s.", o.wire)
		if hasParams {
			g.p("%s\nfunc (s *%s) %s(ctx context.Context, p *%s) (*%s, error) {\n\tr, err := s.c.%s(ctx, p)\n", doc, svcType[o.service], o.method, o.params, resType, fn)
		} else {
			g.p("%s\nfunc (s *%s) %s(ctx context.Context) (*%s, error) {\n\tr, err := s.c.%s(ctx)\n", doc, svcType[o.service], o.method, resType, fn)
		}
		g.p("\tif err != nil {\n\t\treturn nil, err\n\t}\n\tif err := s.c.checkCode(%s, r.ResponseCode, r.ResponseMessage, %v); err != nil {\n\t\treturn nil, err\n\t}\n", opVar, empty)
		if resType == "DIDResponse" {
			// VoIP Innovations answers "no record" with a dummy DID: drop it
			g.p("\tif err := s.c.dropDummies(%s, r, %v); err != nil {\n\t\treturn nil, err\n\t}\n", opVar, empty)
		}
		g.p("\treturn r, nil\n}\n\n")
	}

	for _, t := range g.order {
		g.writeResultType(t)
	}

	src, err := format.Source(g.out.Bytes())
	if err != nil {
		os.WriteFile(*outPath+".broken", g.out.Bytes(), 0o644)
		log.Fatalf("gofmt: %v", err)
	}
	if err := os.WriteFile(*outPath, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
