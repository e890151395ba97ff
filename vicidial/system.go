package vicidial

import (
	"context"
	"strconv"
	"strings"
)

// ListFormatParams are the display fields of sounds_list, moh_list and
// vm_list.
type ListFormatParams struct {
	// Format is tab, link or selectframe (moh_list and vm_list: only
	// selectframe).
	Format string `form:"format"`
	// Sort orders sounds_list by date, size or name (wire field stage).
	Sort string `form:"stage"`
	// Comments names the form field a selectframe fills in.
	Comments string `form:"comments"`
}

func (p *ListFormatParams) check(fn string) error {
	c := &check{fn: fn}
	if fn == "sounds_list" {
		c.oneOf("format", p.Format, "tab", "link", "selectframe")
		c.oneOf("stage", p.Sort, "date", "size", "name")
	} else {
		c.oneOf("format", p.Format, "selectframe")
		if p.Sort != "" {
			c.fail("stage", "only sounds_list sorts")
		}
	}
	c.chars("comments", p.Comments, idChars, "letters, digits, '-' and '_'")
	return c.err
}

func (s *SystemService) list(ctx context.Context, fn string, p *ListFormatParams) (string, error) {
	var extra []string
	if p != nil {
		if err := p.check(fn); err != nil {
			return "", err
		}
		for _, kv := range [][2]string{{"format", p.Format}, {"stage", p.Sort}, {"comments", p.Comments}} {
			if kv[1] != "" {
				extra = append(extra, kv[0], kv[1])
			}
		}
	}
	return s.c.text(ctx, fn, extra...)
}

// SoundsList returns the audio store's file list as the server renders it
// (a tab list, links or an HTML select frame).
//
// Wire function: sounds_list.
func (s *SystemService) ListSounds(ctx context.Context, p *ListFormatParams) (string, error) {
	return s.list(ctx, "sounds_list", p)
}

// MusicOnHoldList returns the music-on-hold classes as an HTML select
// frame.
//
// Wire function: moh_list.
func (s *SystemService) ListMusicOnHold(ctx context.Context, p *ListFormatParams) (string, error) {
	return s.list(ctx, "moh_list", p)
}

// VoicemailList returns the voicemail boxes as an HTML select frame.
//
// Wire function: vm_list.
func (s *SystemService) ListVoicemailBoxes(ctx context.Context, p *ListFormatParams) (string, error) {
	return s.list(ctx, "vm_list", p)
}

// ServerRefreshResult is the answer of server_refresh.
type ServerRefreshResult struct {
	Reply
	User string
	// Servers is the count the server printed (servers flagged for a
	// refresh).
	Servers int64
}

// Refresh makes every telephony server of the cluster rebuild its
// configuration files.
//
// Wire function: server_refresh.
func (s *SystemService) Refresh(ctx context.Context) (ServerRefreshResult, error) {
	r, err := s.c.do(ctx, "server_refresh", nil, "stage", "REFRESH")
	if err != nil {
		return ServerRefreshResult{}, err
	}
	l, err := r.success("server_refresh", "SERVER REFRESH HAS BEEN TRIGGERED")
	if err != nil {
		return ServerRefreshResult{}, err
	}
	n, _ := strconv.ParseInt(l.Field(1), 10, 64)
	return ServerRefreshResult{Reply: r.reply(l), User: l.Field(0), Servers: n}, nil
}

// SystemCheckPhoneNumberParams are the fields of check_phone_number.
type SystemCheckPhoneNumberParams struct {
	// PhoneNumber is required: 6-16 digits.
	PhoneNumber string `form:"phone_number"`
	PhoneCode   string `form:"phone_code"` // default 1
	// LocalCallTime is a call-time id defined on the server (such as
	// "9am-9pm"); required. The documentation's call_time field is not
	// read by the server.
	LocalCallTime       string `form:"local_call_time"`
	PostalCode          string `form:"postal_code"`
	State               string `form:"state"`
	Owner               string `form:"owner"`
	DNCCheck            string `form:"dnc_check"`
	CampaignDNCCheck    string `form:"campaign_dnc_check"`
	CampaignID          string `form:"campaign_id"`
	USACanPrefixCheck   bool   `form:"usacan_prefix_check"`
	USACanAreacodeCheck bool   `form:"usacan_areacode_check"`
	NANPAACPrefixCheck  bool   `form:"nanpa_ac_prefix_check"`
	// TZMethod is "", POSTAL, TZCODE or NANPA.
	TZMethod string `form:"tz_method"`
}

func (p *SystemCheckPhoneNumberParams) validate() error {
	c := &check{fn: "check_phone_number"}
	c.required("phone_number", p.PhoneNumber)
	c.digits("phone_number", p.PhoneNumber, 6, 16)
	c.digits("phone_code", p.PhoneCode, 1, 4)
	c.required("local_call_time", p.LocalCallTime)
	c.chars("local_call_time", p.LocalCallTime, idChars, "letters, digits, '-' and '_'")
	c.length("postal_code", p.PostalCode, 1, 10)
	c.length("state", p.State, 2, 2)
	c.oneOf("dnc_check", p.DNCCheck, "Y", "N", "AREACODE")
	c.oneOf("campaign_dnc_check", p.CampaignDNCCheck, "Y", "N", "AREACODE")
	c.length("campaign_id", p.CampaignID, 2, 8)
	c.oneOf("tz_method", p.TZMethod, "POSTAL", "TZCODE", "NANPA")
	return c.err
}

// TZCheck is one time-zone method's verdict in a check_phone_number answer.
type TZCheck struct {
	// Method is AREACODE, POSTAL, TZCODE or NANPA.
	Method string
	// Dialable reports whether the number may be called now under the
	// local call time.
	Dialable bool
	// GMTOffset is the number's GMT offset in hours by this method.
	GMTOffset float64
}

// PhoneCheck is the answer of check_phone_number.
type PhoneCheck struct {
	// Checks holds one entry per time-zone method the server used, in the
	// order printed.
	Checks []TZCheck
	// PhoneNumber and PhoneCode are the PHONE segment's first fields.
	PhoneNumber string
	PhoneCode   string
	// Phone are all the PHONE segment's fields as printed.
	Phone []string
}

// Dialable reports the first method's verdict (the one the server uses).
func (p PhoneCheck) Dialable() bool { return len(p.Checks) > 0 && p.Checks[0].Dialable }

// GMTOffset is the first method's GMT offset.
func (p PhoneCheck) GMTOffset() float64 {
	if len(p.Checks) == 0 {
		return 0
	}
	return p.Checks[0].GMTOffset
}

// CheckPhoneNumber checks whether a number is valid and dialable now (length,
// prefix and area code, DNC, time zone and local call time). It is not a
// porting check.
//
// Wire function: check_phone_number.
func (s *SystemService) CheckPhoneNumber(ctx context.Context, p *SystemCheckPhoneNumberParams) (PhoneCheck, error) {
	if p == nil {
		return PhoneCheck{}, &ValidationError{Function: "check_phone_number", Field: "phone_number", Reason: "required"}
	}
	a, err := s.c.call(ctx, "check_phone_number", p)
	if err != nil {
		return PhoneCheck{}, err
	}
	if a.outcome != nil || len(a.rows) != 1 {
		return PhoneCheck{}, shapeErr("check_phone_number", "want one METHOD: ...#PHONE: ... line")
	}
	keys, vals := keyValues(a.rows[0], "#")
	var res PhoneCheck
	for i, k := range keys {
		f := splitData(vals[i], false)
		if k == "PHONE" {
			res.Phone = f
			if len(f) > 0 {
				res.PhoneNumber = f[0]
			}
			if len(f) > 1 {
				res.PhoneCode = f[1]
			}
			continue
		}
		chk := TZCheck{Method: k, Dialable: len(f) > 0 && f[0] == "1"}
		if len(f) > 1 && f[1] != "" {
			g, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
			if err != nil {
				return PhoneCheck{}, shapeErr("check_phone_number", k+" GMT offset does not parse")
			}
			chk.GMTOffset = g
		}
		res.Checks = append(res.Checks, chk)
	}
	if len(res.Checks) == 0 || res.Phone == nil {
		return PhoneCheck{}, shapeErr("check_phone_number", "no method or PHONE segment")
	}
	return res, nil
}
