package vicidial

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Version is the answer of the version function.
type Version struct {
	// API is the API version ("2.14-96").
	API string
	// Build is the server build, YYMMDD-HHMM ("170601-0747"); it decides
	// which functions the server has (see Supports).
	Build string
	// Date is the server's local date and time, as printed (no zone).
	Date time.Time
	// Epoch is the server's Unix time.
	Epoch int64
	// DST reports whether daylight saving time is in effect on the server.
	DST bool
	// TZ is the server's standard GMT offset in hours; TZNow the offset in
	// effect now.
	TZ, TZNow float64
}

// Supports reports whether the server build has the wire function (or, with
// an option such as "delete_did", that option).
func (v Version) Supports(function string) bool {
	min := minBuildOf(function)
	return min == "" || BuildAtLeast(v.Build, min)
}

func minBuildOf(function string) string {
	if function == "update_did delete_did" || function == "delete_did" {
		return BuildDeleteDID
	}
	return functions[function].minBuild
}

// BuildAtLeast reports whether build (YYMMDD-HHMM) is min or newer. A build
// that does not parse is treated as older than every build.
func BuildAtLeast(build, min string) bool {
	b, ok1 := buildNumber(build)
	m, ok2 := buildNumber(min)
	return ok1 && ok2 && b >= m
}

func buildNumber(s string) (int64, bool) {
	d, t, _ := strings.Cut(strings.TrimSpace(s), "-")
	if len(d) != 6 || (t != "" && len(t) != 4) {
		return 0, false
	}
	if t == "" {
		t = "0000"
	}
	n, err := strconv.ParseInt(d+t, 10, 64)
	return n, err == nil
}

// parseVersion reads "VERSION: 2.14-96|BUILD: 170601-0747|DATE: ...|EPOCH:
// ...|DST: 1|TZ: -5|TZNOW: -4|".
func parseVersion(a answer) (Version, error) {
	var v Version
	if len(a.rows) == 0 || !strings.HasPrefix(a.rows[0], "VERSION:") {
		return v, shapeErr("version", "no VERSION: line")
	}
	keys, vals := keyValues(a.rows[0], "|")
	for i, k := range keys {
		val := strings.TrimSpace(vals[i])
		var err error
		switch k {
		case "VERSION":
			v.API = val
		case "BUILD":
			v.Build = val
		case "DATE":
			v.Date, err = time.Parse(time.DateTime, val)
		case "EPOCH":
			v.Epoch, err = strconv.ParseInt(val, 10, 64)
		case "DST":
			v.DST = val == "1"
		case "TZ":
			v.TZ, err = strconv.ParseFloat(val, 64)
		case "TZNOW":
			v.TZNow, err = strconv.ParseFloat(val, 64)
		}
		if err != nil {
			return Version{}, shapeErr("version", k+" does not parse")
		}
	}
	if v.Build == "" {
		return v, shapeErr("version", "no BUILD: field")
	}
	return v, nil
}

// Version asks the server for its API version and build. It needs no login.
// The answer is cached on the client for the build checks of newer
// functions.
//
// Wire function: version.
func (s *SystemService) GetVersion(ctx context.Context) (Version, error) {
	a, err := s.c.call(ctx, "version", nil)
	if err != nil {
		return Version{}, err
	}
	v, err := parseVersion(a)
	if err != nil {
		return Version{}, err
	}
	s.c.setVersion(v)
	return v, nil
}

// requireBuild fetches (once) the server version and fails with an
// *UnsupportedError when it is older than min.
func (c *Client) requireBuild(ctx context.Context, function, option, min string) error {
	v, ok := c.cachedVersion()
	if !ok {
		var err error
		v, err = c.System.GetVersion(ctx)
		if err != nil {
			return err
		}
	}
	if !BuildAtLeast(v.Build, min) {
		return &UnsupportedError{Function: function, Option: option, Build: v.Build, MinBuild: min}
	}
	return nil
}
