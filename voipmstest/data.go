package voipmstest

import (
	_ "embed"
	"strconv"
	"strings"
)

// Static catalogues of the simulated VoIP.ms. The geography (states,
// provinces, rate centers and their area codes) and the POP list are data
// files embedded from data/ (see the sources noted in each file); the rest
// is below.

// region is a US state or Canadian province: its rate centers and, for each,
// the area code its numbers get.
type region struct {
	code, name string
	centers    []string
	npas       []string // npas[i] is the area code of centers[i]
}

//go:embed data/geography.tsv
var geographyTSV string

//go:embed data/servers.tsv
var serversTSV string

var usStates, caProvinces = parseGeography(geographyTSV)

// parseGeography reads data/geography.tsv (country, code, name, rate center,
// npa), keeping the file's order.
func parseGeography(data string) (us, ca []region) {
	for _, f := range tsvRows(data, 5) {
		list := &us
		if f[0] == "CA" {
			list = &ca
		}
		if n := len(*list); n == 0 || (*list)[n-1].code != f[1] {
			*list = append(*list, region{code: f[1], name: f[2]})
		}
		r := &(*list)[len(*list)-1]
		r.centers = append(r.centers, f[3])
		r.npas = append(r.npas, f[4])
	}
	return us, ca
}

// tsvRows splits a data file into rows of n tab-separated fields, skipping
// comments and blank lines; a malformed row is a bug in the file.
func tsvRows(data string, n int) [][]string {
	var out [][]string
	for _, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != n {
			panic("voipmstest: malformed data row " + strconv.Quote(line))
		}
		out = append(out, f)
	}
	return out
}

// tollFreePrefixes are the NANP toll-free codes; searchVanity also accepts
// "8**" for all of them.
var tollFreePrefixes = []string{"800", "833", "844", "855", "866", "877", "888"}

type valueDesc struct{ value, description string }

var internationalTypes = []valueDesc{
	{"GEOGRAPHIC", "Geographic Numbers"},
	{"NATIONAL", "National Numbers (Non-Geographical)"},
	{"TOLLFREE", "International Toll Free Numbers"},
}

type country struct {
	id, name, dial string
	// locations per international type: name and area code.
	geographic [][2]string
	national   [][2]string
	tollfree   [][2]string
}

var countries = []country{
	{"10", "ARGENTINA", "54", [][2]string{{"BUENOS AIRES", "11"}, {"CORDOBA", "351"}}, nil, [][2]string{{"TOLLFREE", "800"}}},
	{"13", "AUSTRALIA", "61", [][2]string{{"SYDNEY", "2"}, {"MELBOURNE", "3"}}, [][2]string{{"NATIONAL", "1300"}}, [][2]string{{"TOLLFREE", "1800"}}},
	{"73", "FINLAND", "358", [][2]string{{"HELSINKI", "9"}, {"TURKU", "2"}}, nil, nil},
	{"80", "GERMANY", "49", [][2]string{{"BERLIN", "30"}, {"MUNICH", "89"}}, [][2]string{{"NATIONAL", "32"}}, [][2]string{{"TOLLFREE", "800"}}},
	{"196", "SPAIN", "34", [][2]string{{"MADRID", "91"}}, [][2]string{{"NATIONAL", "901"}}, nil},
	{"205", "SWEDEN", "46", [][2]string{{"STOCKHOLM", "8"}, {"GOTHENBURG", "31"}}, nil, nil},
	{"224", "UNITED KINGDOM", "44", [][2]string{{"LONDON", "20"}, {"MANCHESTER", "161"}}, [][2]string{{"NATIONAL", "330"}}, [][2]string{{"TOLLFREE", "800"}}},
}

var carriers = []valueDesc{
	{"1", "Canadian Carrier, American and Canadian Callers allowed"},
	{"2", "American Carrier, American and Canadian Callers allowed"},
}

var ringStrategies = []valueDesc{
	{"ringall", "Ring All"},
	{"leastrecent", "Least Recent"},
	{"fewestcalls", "Fewest Calls"},
	{"random", "Random"},
	{"rrmemory", "Round Robin Memory"},
}

var joinWhenEmptyTypes = []valueDesc{
	{"yes", "Yes"},
	{"no", "No"},
	{"strict", "Strict"},
}

var voicemailSetups = []valueDesc{
	{"1", "No Voicemail"},
	{"2", "Account Voicemail"},
	{"3", "Ask for a Mailbox"},
}

var attachmentFormats = []valueDesc{
	{"wav49", "Recommended Smaller File Size"},
	{"wav", "Bigger File Size"},
	{"wavmp3", "MP3 File"},
	{"no", "Do not attach the message"},
}

var languages = map[string]bool{"en": true, "fr": true, "es": true}

var musicOnHold = map[string]bool{"default": true, "none": true, "jazz": true, "classical": true, "rock": true, "ambient": true}

type pop struct{ name, short, host, ip, country string }

// pops is VoIP.ms's server list (data/servers.tsv); server_pop is the
// 1-based position in it.
var pops = func() []pop {
	var out []pop
	for _, f := range tsvRows(serversTSV, 5) {
		out = append(out, pop{name: f[0], short: f[1], host: f[2], ip: f[3], country: f[4]})
	}
	return out
}()

var systemTargets = map[string]bool{"hangup": true, "busy": true, "noservice": true, "disconnected": true, "dtmf": true, "echo": true}
