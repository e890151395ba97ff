package main

import (
	"fmt"
	"sort"
	"strings"
)

// streamName names the streaming form of a list method: List -> All,
// ListReseller -> AllReseller, SearchUSA -> SearchUSAAll.
func streamName(name string) string {
	if rest, ok := strings.CutPrefix(name, "List"); ok {
		return "All" + rest
	}
	return name + "All"
}

// windowed are the list methods whose exported streaming form is
// hand-written (windows.go: All over date windows longer than the API's
// limit); for them the generator emits the per-call form unexported
// (listStream for List), which that code streams each window with.
var windowed = map[string]string{"getCDR": "CDR.All", "getResellerCDR": "CDR.AllReseller", "getSMS": "SMS.All", "getMMS": "SMS.AllMMS"}

// streamFile writes stream_gen.go: for every list method its streaming
// form (an iter.Seq2 over the records, decoded one at a time from the
// body, see stream.go), and the table that names them in errors.
func (g *generator) streamFile() []byte {
	var b gobuf
	var forms [][2]string
	for _, m := range g.methods {
		ms := m.Spec
		if ms.Kind != "list" {
			continue
		}
		el := "string"
		if !m.ScalarList {
			el = m.Result.Name
		}
		name := streamName(ms.Name)
		form := m.Svc.Field + "." + name
		if w, ok := windowed[ms.Wire]; ok {
			name, form = lowerFirst(ms.Name)+"Stream", w
		}
		forms = append(forms, [2]string{ms.Wire, form})
		comment(&b, "", fmt.Sprintf("%s is the streaming form of %s: it yields the records one at a time as they are decoded from the "+
			"response body, holding neither the body nor the list, and has no body cap (WithMaxResponseBytes does not apply). "+
			"An empty list yields nothing. A failure before the first record is retried as for %s and yielded as its error; "+
			"a failure after it ends the iteration with a *StreamError saying how many records were delivered. "+
			"Breaking out of the loop closes the connection.\n\nVoIP.ms API method: %s.", name, ms.Name, ms.Name, ms.Wire))
		sig := m.signature()
		b.p("func (s *%s) %s(%s) iter.Seq2[%s, error] {", m.Svc.Type, name, sig, el)
		m.emitParamsInit(&b)
		b.p("\treturn streamList[%s](s.client, ctx, %q, %q, p)", el, ms.Wire, ms.Key)
		b.p("}\n")
	}
	imports := "\t\"context\"\n\t\"iter\"\n"
	if strings.Contains(b.String(), "time.Time") {
		imports += "\t\"time\"\n"
	}
	body := b.String()
	b.Reset()
	b.WriteString(header)
	b.WriteString("package voipms\n\nimport (\n" + imports + ")\n\n")
	b.WriteString(body)
	sort.Slice(forms, func(i, j int) bool { return forms[i][0] < forms[j][0] })
	b.p("// streamForms names the streaming form of each list method, for the BodyTooLarge error of its slice form.")
	b.p("var streamForms = map[string]string{")
	for _, f := range forms {
		b.p("\t%q: %q,", f[0], f[1])
	}
	b.p("}")
	return b.Bytes()
}
