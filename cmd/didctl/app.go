package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
	"github.com/spf13/cobra"
)

// app is one didctl invocation.
type app struct {
	stdout, stderr io.Writer
	sim            bool
	jsonOut        bool
	csvOut         bool
	server         *voipmstest.Server
	c              *voipms.Client
}

func newApp(stdout, stderr io.Writer) *app { return &app{stdout: stdout, stderr: stderr} }

func (a *app) root() *cobra.Command {
	root := newRootCmd(a)
	root.AddCommand(a.searchCmd(), a.orderCmd(), a.cancelCmd(), a.routeCmd(), a.listCmd(), a.showCmd(),
		a.bulkCmd(), a.cdrCmd(), a.auditCmd())
	return root
}

func (a *app) close() {
	if a.server != nil {
		a.server.Close()
	}
}

// client returns the API client: the embedded simulator with --sim, else
// voipms.NewFromEnv.
func (a *app) client() (*voipms.Client, error) {
	if a.c != nil {
		return a.c, nil
	}
	if a.jsonOut && a.csvOut {
		return nil, invalid("--json and --csv are exclusive")
	}
	var err error
	if a.sim {
		a.server, err = voipmstest.NewServerAt("127.0.0.1:0", voipmstest.WithFixture("demo"), voipmstest.WithInventoryScale(2),
			voipmstest.WithAccountBalance("100000"))
		if err != nil {
			return nil, err
		}
		a.c, err = a.server.Client()
		return a.c, err
	}
	a.c, err = voipms.NewFromEnv()
	if err != nil {
		return nil, &exitError{exitInvalid, err}
	}
	return a.c, nil
}

// table is command output: a header and rows of cells.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// print writes t as a table, JSON (an array of objects keyed by the
// lower-cased header) or CSV.
func (a *app) print(t *table) error {
	switch {
	case a.jsonOut:
		out := make([]map[string]string, 0, len(t.rows))
		for _, r := range t.rows {
			m := make(map[string]string, len(t.header))
			for i, h := range t.header {
				if i < len(r) {
					m[strings.ToLower(h)] = r[i]
				}
			}
			out = append(out, m)
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case a.csvOut:
		w := csv.NewWriter(a.stdout)
		h := make([]string, len(t.header))
		for i, s := range t.header {
			h[i] = strings.ToLower(s)
		}
		w.Write(h)
		w.WriteAll(t.rows)
		return w.Error()
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(t.header, "\t"))
	for _, r := range t.rows {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	return w.Flush()
}
