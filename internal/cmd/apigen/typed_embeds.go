package main

// Embedded params blocks (spec "embeds"): a set of parameters several
// methods share, emitted once as a struct with one validate() and embedded
// in each params type. go-querystring flattens embedded structs, so the wire
// form is unchanged (the generated request goldens build the body from wire
// names and prove it).

import (
	"fmt"
	"reflect"
)

// embedSpec names a shared block: the wire fields it holds (in order) and
// the methods whose params type embeds it.
type embedSpec struct {
	Name    string   `json:"name"`
	Doc     string   `json:"doc"`
	Fields  []string `json:"fields"`
	Methods []string `json:"methods"`
}

// embed is a built block: its canonical parameters (those of the first
// method, which every other method must match exactly).
type embed struct {
	Spec   *embedSpec
	Params []*param
	File   string // the area file the type is generated into
}

// comparable returns what must agree between two methods' copies of an
// embedded parameter: everything but the upstream doc text.
func (p *param) comparable() param {
	c := *p
	c.Doc, c.Example, c.Embed = "", "", nil
	return c
}

// applyEmbeds marks the parameters of every method that embeds a block and
// fails when a method lacks one of the block's fields or differs in type,
// tag or checks.
func (g *generator) applyEmbeds() error {
	byWire := map[string]*method{}
	for _, m := range g.methods {
		byWire[m.Wire()] = m
	}
	for i := range g.sp.Embeds {
		es := &g.sp.Embeds[i]
		e := &embed{Spec: es}
		for j, w := range es.Methods {
			m := byWire[w]
			if m == nil {
				return fmt.Errorf("embed %s: method %s not in spec", es.Name, w)
			}
			if !m.Exported {
				return fmt.Errorf("embed %s: %s takes positional arguments", es.Name, w)
			}
			for k, f := range es.Fields {
				p := findParam(m.Params, f)
				if p == nil {
					return fmt.Errorf("embed %s: %s has no parameter %s", es.Name, w, f)
				}
				if j == 0 {
					e.Params = append(e.Params, p)
					e.File = m.Svc.File
				} else if a, b := e.Params[k].comparable(), p.comparable(); !reflect.DeepEqual(a, b) {
					return fmt.Errorf("embed %s: %s.%s differs from %s's (%+v vs %+v)", es.Name, w, f, es.Methods[0], b, a)
				}
				p.Embed = e
			}
			m.Embeds = append(m.Embeds, e)
		}
		g.embeds = append(g.embeds, e)
	}
	return nil
}

// firstOfEmbed reports whether p is the first parameter of its block in ps,
// where the block is emitted (struct field, validate call, test literal).
func firstOfEmbed(ps []*param, p *param) bool {
	for _, q := range ps {
		if q.Embed == p.Embed {
			return q == p
		}
	}
	return false
}

func (g *generator) emitEmbed(b *gobuf, e *embed) {
	comment(b, "", e.Spec.Doc)
	b.p("type %s struct {", e.Spec.Name)
	for _, p := range e.Params {
		g.emitParamField(b, nil, p)
	}
	b.p("}\n")
	b.p("func (p %s) validate(method string) error {", e.Spec.Name)
	for _, p := range e.Params {
		emitChecks(b, p)
	}
	b.p("\treturn nil\n}\n")
}
