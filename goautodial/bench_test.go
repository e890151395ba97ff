package goautodial

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func bigList(n int) []byte {
	var b strings.Builder
	cols := [5][]string{}
	for i := 0; i < n; i++ {
		cols[0] = append(cols[0], fmt.Sprint(i+1))
		cols[1] = append(cols[1], fmt.Sprintf(`"1312555%04d"`, i))
		cols[2] = append(cols[2], fmt.Sprintf(`"Line %d"`, i))
		cols[3] = append(cols[3], `"Y"`)
		cols[4] = append(cols[4], `"IN_GROUP"`)
	}
	b.WriteString(`{"result":"success"`)
	for i, k := range []string{"did_id", "did_pattern", "did_description", "active", "did_route"} {
		b.WriteString(`,"` + k + `":[` + strings.Join(cols[i], ",") + `]`)
	}
	b.WriteString("}")
	return []byte(b.String())
}

// BenchmarkDecodeList decodes a 10,000-row goGetAllDID answer (notice
// search, parallel arrays zipped with the length check, ids of either
// type) and reports ns/row and the ratio to a bare json.Unmarshal of the
// same body into typed slices.
func BenchmarkDecodeList(b *testing.B) {
	const rows = 10000
	body := bigList(rows)
	var bare struct {
		ID                           []int64
		Pattern, Desc, Active, Route []string
	}
	type wire struct {
		DIDID   []int64  `json:"did_id"`
		Pattern []string `json:"did_pattern"`
		Desc    []string `json:"did_description"`
		Active  []string `json:"active"`
		Route   []string `json:"did_route"`
	}
	var baseline float64
	b.Run("bare", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var w wire
			if err := json.Unmarshal(body, &w); err != nil {
				b.Fatal(err)
			}
			bare.ID = w.DIDID
		}
		baseline = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(baseline/rows, "ns/row")
	})
	b.Run("client", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			a, kind := parseBody(body)
			if kind != 0 {
				b.Fatal(kind)
			}
			d, err := decodeList("goGetAllDID", a)
			if err != nil || len(d) != rows {
				b.Fatal(err)
			}
		}
		per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(per/rows, "ns/row")
		if baseline > 0 {
			b.ReportMetric(per/baseline, "x_bare")
		}
	})
}
