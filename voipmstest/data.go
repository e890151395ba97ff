package voipmstest

// Static catalogues of the simulated VoIP.ms. Names of states, provinces
// and cities are public facts; the rate-center lists are a small sample,
// not VoIP.ms's real coverage.

type region struct {
	code, name string
	centers    []string
}

var usStates = []region{
	{"AL", "ALABAMA", []string{"BIRMINGHAM", "MONTGOMERY", "MOBILE"}},
	{"AK", "ALASKA", []string{"ANCHORAGE", "FAIRBANKS", "JUNEAU"}},
	{"AZ", "ARIZONA", []string{"PHOENIX", "TUCSON", "FLAGSTAFF"}},
	{"AR", "ARKANSAS", []string{"LITTLE ROCK", "FAYETTEVILLE", "JONESBORO"}},
	{"CA", "CALIFORNIA", []string{"LOS ANGELES", "SAN DIEGO", "SACRAMENTO"}},
	{"CO", "COLORADO", []string{"DENVER", "BOULDER", "PUEBLO"}},
	{"CT", "CONNECTICUT", []string{"HARTFORD", "NEW HAVEN", "STAMFORD"}},
	{"DE", "DELAWARE", []string{"WILMINGTON", "DOVER", "NEWARK"}},
	{"DC", "DISTRICT OF COLUMBIA", []string{"WASHINGTON"}},
	{"FL", "FLORIDA", []string{"MIAMI", "ORLANDO", "TAMPA"}},
	{"GA", "GEORGIA", []string{"ATLANTA", "SAVANNAH", "AUGUSTA"}},
	{"HI", "HAWAII", []string{"HONOLULU", "HILO", "KAILUA"}},
	{"ID", "IDAHO", []string{"BOISE", "POCATELLO", "NAMPA"}},
	{"IL", "ILLINOIS", []string{"CHICAGO", "SPRINGFIELD", "PEORIA"}},
	{"IN", "INDIANA", []string{"INDIANAPOLIS", "FORT WAYNE", "EVANSVILLE"}},
	{"IA", "IOWA", []string{"DES MOINES", "CEDAR RAPIDS", "DAVENPORT"}},
	{"KS", "KANSAS", []string{"WICHITA", "TOPEKA", "LAWRENCE"}},
	{"KY", "KENTUCKY", []string{"LOUISVILLE", "LEXINGTON", "BOWLING GREEN"}},
	{"LA", "LOUISIANA", []string{"NEW ORLEANS", "BATON ROUGE", "SHREVEPORT"}},
	{"ME", "MAINE", []string{"PORTLAND", "BANGOR", "AUGUSTA"}},
	{"MD", "MARYLAND", []string{"BALTIMORE", "ANNAPOLIS", "FREDERICK"}},
	{"MA", "MASSACHUSETTS", []string{"BOSTON", "WORCESTER", "SPRINGFIELD"}},
	{"MI", "MICHIGAN", []string{"DETROIT", "GRAND RAPIDS", "LANSING"}},
	{"MN", "MINNESOTA", []string{"MINNEAPOLIS", "SAINT PAUL", "DULUTH"}},
	{"MS", "MISSISSIPPI", []string{"JACKSON", "GULFPORT", "TUPELO"}},
	{"MO", "MISSOURI", []string{"SAINT LOUIS", "KANSAS CITY", "SPRINGFIELD"}},
	{"MT", "MONTANA", []string{"BILLINGS", "MISSOULA", "HELENA"}},
	{"NE", "NEBRASKA", []string{"OMAHA", "LINCOLN", "KEARNEY"}},
	{"NV", "NEVADA", []string{"LAS VEGAS", "RENO", "CARSON CITY"}},
	{"NH", "NEW HAMPSHIRE", []string{"MANCHESTER", "CONCORD", "NASHUA"}},
	{"NJ", "NEW JERSEY", []string{"NEWARK", "TRENTON", "JERSEY CITY"}},
	{"NM", "NEW MEXICO", []string{"ALBUQUERQUE", "SANTA FE", "LAS CRUCES"}},
	{"NY", "NEW YORK", []string{"NEW YORK CITY", "BUFFALO", "ALBANY"}},
	{"NC", "NORTH CAROLINA", []string{"CHARLOTTE", "RALEIGH", "GREENSBORO"}},
	{"ND", "NORTH DAKOTA", []string{"FARGO", "BISMARCK", "GRAND FORKS"}},
	{"OH", "OHIO", []string{"COLUMBUS", "CLEVELAND", "CINCINNATI"}},
	{"OK", "OKLAHOMA", []string{"OKLAHOMA CITY", "TULSA", "NORMAN"}},
	{"OR", "OREGON", []string{"PORTLAND", "SALEM", "EUGENE"}},
	{"PA", "PENNSYLVANIA", []string{"PHILADELPHIA", "PITTSBURGH", "HARRISBURG"}},
	{"RI", "RHODE ISLAND", []string{"PROVIDENCE", "WARWICK", "NEWPORT"}},
	{"SC", "SOUTH CAROLINA", []string{"CHARLESTON", "COLUMBIA", "GREENVILLE"}},
	{"SD", "SOUTH DAKOTA", []string{"SIOUX FALLS", "RAPID CITY", "PIERRE"}},
	{"TN", "TENNESSEE", []string{"NASHVILLE", "MEMPHIS", "KNOXVILLE"}},
	{"TX", "TEXAS", []string{"HOUSTON", "DALLAS", "AUSTIN"}},
	{"UT", "UTAH", []string{"SALT LAKE CITY", "PROVO", "OGDEN"}},
	{"VT", "VERMONT", []string{"BURLINGTON", "MONTPELIER", "RUTLAND"}},
	{"VA", "VIRGINIA", []string{"RICHMOND", "NORFOLK", "ROANOKE"}},
	{"WA", "WASHINGTON", []string{"SEATTLE", "SPOKANE", "TACOMA"}},
	{"WV", "WEST VIRGINIA", []string{"CHARLESTON", "HUNTINGTON", "MORGANTOWN"}},
	{"WI", "WISCONSIN", []string{"MILWAUKEE", "MADISON", "GREEN BAY"}},
	{"WY", "WYOMING", []string{"CHEYENNE", "CASPER", "LARAMIE"}},
}

var caProvinces = []region{
	{"AB", "ALBERTA", []string{"Calgary", "Edmonton", "Red Deer"}},
	{"BC", "BRITISH COLUMBIA", []string{"Vancouver", "Victoria", "Kelowna"}},
	{"MB", "MANITOBA", []string{"Winnipeg", "Brandon"}},
	{"NB", "NEW BRUNSWICK", []string{"Moncton", "Fredericton", "Saint John"}},
	{"NL", "NEWFOUNDLAND AND LABRADOR", []string{"St. John's", "Corner Brook"}},
	{"NS", "NOVA SCOTIA", []string{"Halifax", "Sydney"}},
	{"NT", "NORTHWEST TERRITORIES", []string{"Yellowknife"}},
	{"NU", "NUNAVUT", []string{"Iqaluit"}},
	{"ON", "ONTARIO", []string{"Toronto", "Ottawa", "Stoney Point"}},
	{"PE", "PRINCE EDWARD ISLAND", []string{"Charlottetown"}},
	{"QC", "QUEBEC", []string{"Montreal", "Quebec", "Chomedey"}},
	{"SK", "SASKATCHEWAN", []string{"Regina", "Saskatoon"}},
	{"YT", "YUKON", []string{"Whitehorse"}},
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

type pop struct{ name, short, host, country string }

var pops = []pop{
	{"Houston, TX", "Houston", "houston.voip.ms", "USA"},
	{"Atlanta, GA", "Atlanta", "atlanta.voip.ms", "USA"},
	{"Chicago, IL", "Chicago", "chicago.voip.ms", "USA"},
	{"Dallas, TX", "Dallas", "dallas.voip.ms", "USA"},
	{"Los Angeles, CA", "Los Angeles", "losangeles.voip.ms", "USA"},
	{"New York, NY", "New York", "newyork.voip.ms", "USA"},
	{"Seattle, WA", "Seattle", "seattle.voip.ms", "USA"},
	{"Montreal, QC", "Montreal", "montreal.voip.ms", "Canada"},
	{"Toronto, ON", "Toronto", "toronto.voip.ms", "Canada"},
	{"Vancouver, BC", "Vancouver", "vancouver.voip.ms", "Canada"},
	{"London, UK", "London", "london.voip.ms", "United Kingdom"},
}

var systemTargets = map[string]bool{"hangup": true, "busy": true, "noservice": true, "disconnected": true, "dtmf": true, "echo": true}
