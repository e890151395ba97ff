package vicidial

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// exportDelim is the delimiter the client asks every export for.
const exportDelim = DelimTab

// emptyExport are the messages with which an export says it found nothing;
// the typed methods return an empty slice for them, like a list.
var emptyExport = []string{"NO RECORDS FOUND", "NO RECORDINGS FOUND"}

// export calls an export function with stage=tab and header=NO and returns
// its rows split into columns. Every row must have at least minCols
// columns.
func (c *Client) export(ctx context.Context, fn string, p any, minCols int, extra ...string) ([][]string, error) {
	r, err := c.do(ctx, fn, p, append([]string{"stage", string(exportDelim), "header", "NO"}, extra...)...)
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			for _, m := range emptyExport {
				if strings.HasPrefix(ae.Message, m) {
					return [][]string{}, nil
				}
			}
		}
		return nil, err
	}
	if r.a.outcome != nil {
		return nil, shapeErr(fn, "a "+r.a.outcome.Kind.String()+" line where export rows were expected")
	}
	rows := make([][]string, 0, len(r.a.rows))
	for i, row := range r.a.rows {
		cols := splitRow(row, exportDelim)
		if len(cols) < minCols {
			return nil, shapeErr(fn, fmt.Sprintf("row %d has %d columns, want %d", i, len(cols), minCols))
		}
		rows = append(rows, cols)
	}
	return rows, nil
}

// cols decodes the columns of one export row; the first failure names the
// function, the row and the column.
type cols struct {
	fn   string
	row  int
	c    []string
	name []string
	err  error
}

func (d *cols) fail(i int, what string) {
	if d.err == nil {
		n := strconv.Itoa(i)
		if i < len(d.name) {
			n = d.name[i]
		}
		d.err = shapeErr(d.fn, fmt.Sprintf("row %d: %s: %s", d.row, n, what))
	}
}

func (d *cols) s(i int) string {
	if i >= len(d.c) {
		return ""
	}
	return strings.TrimSpace(d.c[i])
}

func (d *cols) i64(i int) int64 {
	v := d.s(i)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		d.fail(i, "not an integer")
	}
	return n
}

func (d *cols) f64(i int) float64 {
	v := strings.TrimSuffix(d.s(i), "%")
	if v == "" {
		return 0
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		d.fail(i, "not a number")
	}
	return n
}

func (d *cols) secs(i int) time.Duration { return time.Duration(d.i64(i)) * time.Second }

// dt parses "YYYY-MM-DD HH:MM:SS" as the server's wall-clock time (the
// server prints no zone; the result carries time.UTC as a label).
func (d *cols) dt(i int) time.Time {
	v := d.s(i)
	if v == "" || strings.HasPrefix(v, "0000-00-00") {
		return time.Time{}
	}
	t, err := time.Parse(time.DateTime, v)
	if err != nil {
		d.fail(i, "not a date and time")
	}
	return t
}

func decodeRows[T any](fn string, rows [][]string, names []string, f func(*cols) T) ([]T, error) {
	out := make([]T, 0, len(rows))
	for i, r := range rows {
		d := &cols{fn: fn, row: i, c: r, name: names}
		v := f(d)
		if d.err != nil {
			return nil, d.err
		}
		out = append(out, v)
	}
	return out, nil
}
