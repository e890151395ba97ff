package voipms

import (
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// Result types hold plain Go values: string, int64, bool, decimal.Decimal
// (github.com/shopspring/decimal) for money, rates and other decimals, and
// time.Time for dates and date-times. VoIP.ms sends almost every scalar as a
// JSON string ("60", "1", "0.99"), but not reliably: the same field can
// arrive as a number, a bool, "" or null, a list as a bare object, an empty
// value as PHP's []. That tolerance lives in the decoder (decode.go and
// scalar.go, reference §4), not in the types users hold, so a value read
// from one call goes straight into the params of the next:
//
//	found, _ := c.DIDs.SearchUSA(ctx, p)
//	c.DIDs.Order(ctx, &voipms.OrderDIDParams{DID: found[0].DID, ...})
//
// Times. VoIP.ms sends wall-clock times without a zone: a time.Time in a
// result holds the date and clock as sent, in the time.UTC location. It is
// not the UTC instant: the API's times are in the zone configured on the
// account (CDR and SMS reads take a timezone parameter). To place one in
// its real zone, reinterpret the wall clock:
//
//	at := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
//
// A date without a clock is midnight. An unset date ("0000-00-00", "",
// false) is the zero time.Time (IsZero).
//
// Money. A decimal.Decimal is exact; a bill is rate.Mul(minutes).Round(2)
// (or RoundBank, RoundUp, ... : the rounding is the caller's choice).
// Decimal params are sent with the digits they were given ("1.50" stays
// "1.50").

// Ptr returns a pointer to v, for optional parameters: Ptr(60), Ptr("note").
func Ptr[T any](v T) *T { return &v }

// YesNo is a parameter flag VoIP.ms takes as the words yes/no (voicemail and
// transcription settings). It encodes as "yes" or "no".
type YesNo bool

// EncodeValues implements query.Encoder.
func (y YesNo) EncodeValues(key string, v *url.Values) error {
	if y {
		v.Set(key, "yes")
	} else {
		v.Set(key, "no")
	}
	return nil
}

// DateRange is a getTransactionHistory date: VoIP.ms sends a date-time
// ("2016-06-03 00:03:46", the docs), a day, or a period ("2015-11-02 to
// 2016-11-01", seen live). A single time has Start == End. Both are wall
// clocks in time.UTC as described above; both are zero when unset.
type DateRange struct {
	Start, End time.Time
}

// IsZero reports whether the range is unset.
func (r DateRange) IsZero() bool { return r.Start.IsZero() && r.End.IsZero() }

// String renders the value as VoIP.ms does: "YYYY-MM-DD" (or with the
// clock when it is not midnight), "START to END" for a period, "" unset.
func (r DateRange) String() string {
	f := func(t time.Time) string {
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format(dateLayout)
		}
		return t.Format(dateTimeLayout)
	}
	switch {
	case r.IsZero():
		return ""
	case r.Start.Equal(r.End):
		return f(r.Start)
	}
	return f(r.Start) + " to " + f(r.End)
}

const (
	dateLayout     = "2006-01-02"
	dateTimeLayout = "2006-01-02 15:04:05"
)

// decimalString renders d with the digits it holds: "1.50" stays "1.50"
// (decimal.Decimal.String would send "1.5"), and a computed value keeps
// its scale.
func decimalString(d decimal.Decimal) string {
	if e := d.Exponent(); e < 0 {
		return d.StringFixed(-e)
	}
	return d.String()
}

// formatInt is strconv.FormatInt for int64-like values.
func formatInt[T ~int64 | ~int](v T) string { return strconv.FormatInt(int64(v), 10) }

// go-querystring encodes a struct field by its exported fields, and
// decimal.Decimal has none, so it would send nothing for a decimal param.
// addDecimals, called on every params struct after query.Values, puts them
// in with decimalString: a pointer field when non-nil, a value field unless
// it is omitempty and zero.

type decimalField struct {
	index     []int
	name      string
	omitEmpty bool
}

var decimalFieldsCache sync.Map // reflect.Type -> []decimalField

var typDecimal = reflect.TypeFor[decimal.Decimal]()

func decimalFieldsOf(t reflect.Type) []decimalField {
	if c, ok := decimalFieldsCache.Load(t); ok {
		return c.([]decimalField)
	}
	var out []decimalField
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag := sf.Tag.Get("url")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" || (!sf.IsExported() && !sf.Anonymous) {
				continue
			}
			idx := append(slices.Clip(index), i)
			ft := sf.Type
			if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
				walk(ft, idx)
				continue
			}
			if ft == typDecimal || (ft.Kind() == reflect.Pointer && ft.Elem() == typDecimal) {
				if name == "" {
					name = sf.Name
				}
				out = append(out, decimalField{idx, name, strings.Contains(","+opts+",", ",omitempty,")})
			}
		}
	}
	if t.Kind() == reflect.Struct {
		walk(t, nil)
	}
	decimalFieldsCache.Store(t, out)
	return out
}

func addDecimals(params any, v url.Values) {
	rv := reflect.ValueOf(params)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return
	}
	for _, f := range decimalFieldsOf(rv.Type()) {
		fv := rv.FieldByIndex(f.index)
		if fv.Kind() == reflect.Pointer {
			if fv.IsNil() {
				continue
			}
			fv = fv.Elem()
		}
		d := fv.Interface().(decimal.Decimal)
		if f.omitEmpty && d.IsZero() && fv.Kind() != reflect.Pointer && rv.FieldByIndex(f.index).Kind() != reflect.Pointer {
			continue
		}
		v.Set(f.name, decimalString(d))
	}
}
