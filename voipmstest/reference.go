package voipmstest

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Reference catalogues: countries, languages, locales, time zones, play
// instructions, e911 address types, and the rate searches getRates and
// getTerminationRates.

// isoCountries are the ISO 3166-1 alpha-2 codes getCountries lists.
var isoCountries = []valueDesc{
	{"AR", "Argentina"}, {"AU", "Australia"}, {"AT", "Austria"}, {"BE", "Belgium"}, {"BR", "Brazil"},
	{"CA", "Canada"}, {"CL", "Chile"}, {"CN", "China"}, {"CO", "Colombia"}, {"CR", "Costa Rica"},
	{"CZ", "Czech Republic"}, {"DK", "Denmark"}, {"DO", "Dominican Republic"}, {"EG", "Egypt"},
	{"FI", "Finland"}, {"FR", "France"}, {"DE", "Germany"}, {"GR", "Greece"}, {"HK", "Hong Kong"},
	{"HU", "Hungary"}, {"IN", "India"}, {"IE", "Ireland"}, {"IL", "Israel"}, {"IT", "Italy"},
	{"JM", "Jamaica"}, {"JP", "Japan"}, {"KR", "Korea, Republic of"}, {"MX", "Mexico"},
	{"NL", "Netherlands"}, {"NZ", "New Zealand"}, {"NO", "Norway"}, {"PE", "Peru"}, {"PH", "Philippines"},
	{"PL", "Poland"}, {"PT", "Portugal"}, {"PR", "Puerto Rico"}, {"RO", "Romania"}, {"SG", "Singapore"},
	{"ZA", "South Africa"}, {"ES", "Spain"}, {"SE", "Sweden"}, {"CH", "Switzerland"}, {"TW", "Taiwan"},
	{"TR", "Turkey"}, {"UA", "Ukraine"}, {"GB", "United Kingdom"}, {"US", "United States"},
	{"UY", "Uruguay"}, {"VE", "Venezuela"}, {"VN", "Viet Nam"},
}

var languageList = []valueDesc{{"en", "English"}, {"fr", "French"}, {"es", "Spanish"}}

// locales are the transcription locales (getLocales).
var locales = []valueDesc{
	{"ar-EG", "Arabic (Egypt), modern standard"}, {"de-DE", "German (Germany)"}, {"en-AU", "English (Australia)"},
	{"en-CA", "English (Canada)"}, {"en-GB", "English (United Kingdom)"}, {"en-US", "English (United States)"},
	{"es-ES", "Spanish (Spain)"}, {"es-MX", "Spanish (Mexico)"}, {"fr-CA", "French (Canada)"},
	{"fr-FR", "French (France)"}, {"it-IT", "Italian (Italy)"}, {"pt-BR", "Portuguese (Brazil)"},
}

// timezones are the voicemail time zones (getTimezones); descriptions are
// the names with spaces, as the docs' sample shows. A few names the IANA
// database dropped are listed too, as live (reference §4.7).
var timezones = func() []valueDesc {
	var out []valueDesc
	for _, z := range strings.Fields(`America/Anchorage America/Argentina/Buenos_Aires America/Buenos_Aires
	America/Chicago America/Denver America/Edmonton America/Halifax America/Los_Angeles America/Mexico_City
	America/Montreal America/New_York America/Phoenix America/Regina America/St_Johns America/Toronto
	America/Vancouver America/Winnipeg Asia/Beijing Asia/Tokyo Australia/Sydney Canada/East-Saskatchewan
	Europe/Berlin Europe/London Europe/Madrid Europe/Paris Factory Pacific/Honolulu US/Pacific-New UTC`) {
		out = append(out, valueDesc{z, strings.ReplaceAll(z, "_", " ")})
	}
	return out
}()

var playInstructions = []valueDesc{{"u", "Yes"}, {"su", "No"}}

var e911AddressTypes = []valueDesc{
	{"Apartment", "Apartment"}, {"Basement", "Basement"}, {"Building", "Building"}, {"Department", "Department"},
	{"Floor", "Floor"}, {"Hanger", "Hanger"}, {"Lobby", "Lobby"}, {"Lot", "Lot"}, {"Office", "Office"},
	{"Penthouse", "Penthouse"}, {"Room", "Room"}, {"Suite", "Suite"}, {"Trailer", "Trailer"}, {"Unit", "Unit"},
}

// rateDest is one termination destination with its cost per minute on the
// Value (1) and Premium (2) routes and its billing increment in seconds.
type rateDest struct {
	dest, prefix, value, premium string
	increment                    string
}

var rateDests = []rateDest{
	{"Canada - 204 Manitoba", "1204", "0.0090", "0.0100", "6"},
	{"Canada - 416 Toronto", "1416", "0.0052", "0.0090", "6"},
	{"Canada - 418 Quebec City", "1418", "0.0052", "0.0090", "6"},
	{"Canada - 514 Montreal", "1514", "0.0052", "0.0090", "6"},
	{"Canada - 604 Vancouver", "1604", "0.0052", "0.0090", "6"},
	{"USA - 212 New York", "1212", "0.0070", "0.0100", "6"},
	{"USA - 305 Florida", "1305", "0.0070", "0.0100", "6"},
	{"USA - 907 Alaska", "1907", "0.1200", "0.1500", "60"},
	{"United Kingdom - Landline", "44", "0.0150", "0.0200", "60"},
	{"United Kingdom - Mobile", "447", "0.0600", "0.0800", "60"},
	{"France - Landline", "33", "0.0180", "0.0230", "60"},
	{"Germany - Landline", "49", "0.0200", "0.0250", "60"},
	{"Mexico - Mexico City", "5255", "0.0200", "0.0300", "60"},
}

func init() {
	regList("getCountries", "countries", "country", "invalid_country", isoCountries)
	regList("getLanguages", "languages", "language", "invalid_language", languageList)
	regList("getLocales", "locales", "locale", "invalid_transcription_locale", locales)
	regList("getTimezones", "timezones", "timezone", "invalid_timezone", timezones)
	regList("getPlayInstructions", "play_instructions", "play_instructions", "invalid_playinstructions", playInstructions)
	regList("e911AddressTypes", "types", "type", "invalid_type", e911AddressTypes)
	rowFields["getRates.rates"] = []string{"destination", "prefix", "client_increment", "client_rate", "real_increment", "real_rate"}
	rowFields["getTerminationRates.route"] = []string{"value", "description"}
	rowFields["getTerminationRates.rates"] = []string{"destination", "prefix", "increment", "rate"}
	handlers["getRates"] = (*call).getRates
	handlers["getTerminationRates"] = (*call).getTerminationRates
}

// matchRate reports whether a destination matches a search term (in its name
// or as a prefix of its dialing prefix).
func matchRate(d rateDest, q string) bool {
	return strings.Contains(strings.ToLower(d.dest), strings.ToLower(q)) || digitsOnly(q) && strings.HasPrefix(d.prefix, q)
}

// getRates answers the rates a reseller package charges: the Value route's
// cost marked up by the package's percentage and fixed markup, billed in the
// package's pulse.
func (c *call) getRates() (obj, error) {
	id, err := c.need("package", "missing_package")
	if err != nil {
		return nil, err
	}
	var pkg map[string]string
	for _, p := range c.st.packages {
		if p["package"] == id {
			pkg = p
		}
	}
	if pkg == nil {
		return nil, fail("invalid_package")
	}
	q, err := c.need("query", "missing_query")
	if err != nil {
		return nil, err
	}
	pct, _ := parseMoney(pkg["markup_percentage"])
	fixed, _ := parseMoney(pkg["markup_fixed"])
	var out []map[string]string
	for _, d := range rateDests {
		if !matchRate(d, q) {
			continue
		}
		real := mustMoney(d.value)
		client := money{real.d.Add(real.d.Mul(pct.d).Div(decimal.NewFromInt(100))).Add(fixed.d)}
		out = append(out, map[string]string{"destination": d.dest, "prefix": d.prefix,
			"client_increment": pkg["pulse"], "client_rate": client.formatMin(3),
			"real_increment": d.increment, "real_rate": d.value})
	}
	if len(out) == 0 {
		return nil, fail("no_rate")
	}
	return obj{{"rates", rows("getRates.rates", out)}}, nil
}

func (c *call) getTerminationRates() (obj, error) {
	r, err := c.need("route", "missing_params")
	if err != nil {
		return nil, err
	}
	route := findValue(routes, r)
	if route == nil {
		return nil, fail("invalid_internationalroute")
	}
	q, err := c.need("query", "missing_query")
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	for _, d := range rateDests {
		if !matchRate(d, q) {
			continue
		}
		rate := d.value
		if route.value == "2" {
			rate = d.premium
		}
		out = append(out, map[string]string{"destination": d.dest, "prefix": d.prefix, "increment": d.increment, "rate": rate})
	}
	if len(out) == 0 {
		return nil, fail("no_rate")
	}
	return obj{{"route", []obj{row("getTerminationRates.route", map[string]string{"value": route.value, "description": route.description})}},
		{"rates", rows("getTerminationRates.rates", out)}}, nil
}
