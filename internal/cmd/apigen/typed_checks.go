package main

// Cross-field rules (spec "checks"): validate() code and the validation test
// cases that break each rule.

import (
	"fmt"
	"strings"
	"time"
)

func checkChecks(m *method) error {
	for _, c := range m.Spec.Checks {
		var ps []*param
		for _, f := range c.Fields {
			p := findParam(m.Params, f)
			if p == nil {
				return fmt.Errorf("%s: check field %s is not a parameter", m.Wire(), f)
			}
			if !m.Exported && !isArg(m, p) {
				return fmt.Errorf("%s: check field %s is not reachable through the method", m.Wire(), f)
			}
			ps = append(ps, p)
		}
		switch c.Kind {
		case "one_of":
			for _, p := range ps {
				if p.Kind != pBool {
					return fmt.Errorf("%s: one_of field %s is not a 1/0 flag", m.Wire(), p.Wire)
				}
			}
			if len(ps) < 2 {
				return fmt.Errorf("%s: one_of needs two fields or more", m.Wire())
			}
		case "date_range":
			if len(ps) != 2 || ps[0].Kind != pDate || ps[1].Kind != pDate || c.MaxDays <= 0 {
				return fmt.Errorf("%s: date_range needs two date fields and max_days", m.Wire())
			}
		default:
			return fmt.Errorf("%s: unknown check kind %q", m.Wire(), c.Kind)
		}
	}
	return nil
}

func (c checkSpec) reason() string {
	switch c.Kind {
	case "one_of":
		return "at least one of " + strings.Join(c.Fields, ", ") + " must be set"
	}
	return fmt.Sprintf("must be at most %d days after %s", c.MaxDays, c.Fields[0])
}

func emitCrossCheck(b *gobuf, m *method, c checkSpec) {
	var ps []*param
	for _, f := range c.Fields {
		ps = append(ps, findParam(m.Params, f))
	}
	switch c.Kind {
	case "one_of":
		var set []string
		for _, p := range ps {
			if p.Pointer() {
				set = append(set, fmt.Sprintf("(p.%s != nil && *p.%s)", p.Go, p.Go))
			} else {
				set = append(set, "p."+p.Go)
			}
		}
		b.p("\tif !(%s) {\n\t\treturn paramErr(method, %q, %q, %q)\n\t}", strings.Join(set, " || "), ps[0].Wire, ps[0].Param(), c.reason())
	case "date_range":
		from, to := dateExpr(ps[0]), dateExpr(ps[1])
		var guards []string
		for _, p := range ps {
			if p.Pointer() {
				guards = append(guards, "p."+p.Go+" != nil")
			}
			guards = append(guards, "!"+dateExpr(p)+".IsZero()")
		}
		b.p("\tif %s {", strings.Join(guards, " && "))
		b.p("\t\tif %s.Before(%s) {\n\t\t\treturn paramErr(method, %q, %q, %q)\n\t\t}", to, from, ps[1].Wire, ps[1].Param(), "must not be before "+ps[0].Wire)
		b.p("\t\tif %s.Sub(%s) > %d*24*time.Hour {\n\t\t\treturn paramErr(method, %q, %q, %q)\n\t\t}", to, from, c.MaxDays, ps[1].Wire, ps[1].Param(), c.reason())
		b.p("\t}")
	}
}

func dateExpr(p *param) string {
	if p.Pointer() {
		return "(*p." + p.Go + ")"
	}
	return "p." + p.Go
}

// crossCheckCases are validation rows (name, field, call) that break each
// rule of m.
func (g *generator) crossCheckCases(m *method) [][3]string {
	var out [][3]string
	for i, c := range m.Spec.Checks {
		name := fmt.Sprintf("%s/check/%d/%s", m.Wire(), i, c.Kind)
		switch c.Kind {
		case "one_of":
			ov := map[string]string{}
			for _, f := range c.Fields {
				p := findParam(m.Params, f)
				if p.Pointer() {
					ov[f] = "nil"
				} else {
					ov[f] = "false"
				}
			}
			call, _ := g.callExpr(m, ov)
			out = append(out, [3]string{name + "/none_set", c.Fields[0], call})
		case "date_range":
			from, to := findParam(m.Params, c.Fields[0]), findParam(m.Params, c.Fields[1])
			d := func(p *param, s string) string {
				e := fmt.Sprintf("testDate(%q)", s)
				if p.Pointer() {
					e = "Ptr(" + e + ")"
				}
				return e
			}
			start := "2014-01-01"
			end := addDays(start, c.MaxDays+1)
			call, _ := g.callExpr(m, map[string]string{from.Wire: d(from, start), to.Wire: d(to, end)})
			out = append(out, [3]string{fmt.Sprintf("%s/%d_days", name, c.MaxDays+1), to.Wire, call})
			call, _ = g.callExpr(m, map[string]string{from.Wire: d(from, "2014-02-02"), to.Wire: d(to, "2014-02-01")})
			out = append(out, [3]string{name + "/reversed", to.Wire, call})
		}
	}
	return out
}

func addDays(date string, n int) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		panic(err)
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}
