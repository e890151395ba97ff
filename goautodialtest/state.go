package goautodialtest

import (
	"crypto/sha256"
	"sort"
	"strconv"
	"strings"
)

// columns are the columns of the fake's vicidial_inbound_dids, in table
// order, with their defaults. did_id is the auto-increment key.
var columns = []struct{ name, def string }{
	{"did_id", ""},
	{"did_pattern", ""},
	{"did_description", ""},
	{"did_active", "Y"},
	{"did_route", "EXTEN"},
	{"extension", "9998811112"},
	{"exten_context", "default"},
	{"voicemail_ext", ""},
	{"phone", ""},
	{"server_ip", ""},
	{"user", ""},
	{"user_unavailable_action", "VOICEMAIL"},
	{"user_route_settings_ingroup", "AGENTDIRECT"},
	{"group_id", ""},
	{"call_handle_method", "CID"},
	{"agent_search_method", "LB"},
	{"list_id", "999"},
	{"campaign_id", ""},
	{"phone_code", "1"},
	{"menu_id", ""},
	{"record_call", "N"},
	{"filter_inbound_number", "DISABLED"},
	{"filter_phone_group_id", ""},
	{"filter_url", ""},
	{"filter_action", "EXTEN"},
	{"filter_extension", "9998811112"},
	{"filter_exten_context", "default"},
	{"filter_voicemail_ext", ""},
	{"filter_phone", ""},
	{"filter_server_ip", ""},
	{"filter_user", ""},
	{"filter_user_unavailable_action", "VOICEMAIL"},
	{"filter_user_route_settings_ingroup", "AGENTDIRECT"},
	{"filter_group_id", ""},
	{"filter_call_handle_method", "CID"},
	{"filter_agent_search_method", "LB"},
	{"filter_list_id", "999"},
	{"filter_campaign_id", ""},
	{"filter_phone_code", "1"},
	{"filter_menu_id", ""},
	{"filter_clean_cid_number", ""},
	{"custom_one", ""},
	{"custom_two", ""},
	{"custom_three", ""},
	{"custom_four", ""},
	{"custom_five", ""},
	{"user_group", "---ALL---"},
	{"filter_dnc_campaign", ""},
	{"filter_url_did_redirect", "N"},
	{"no_agent_ingroup_redirect", "DISABLED"},
	{"no_agent_ingroup_id", ""},
	{"no_agent_ingroup_extension", "9998811112"},
	{"pre_filter_phone_group_id", ""},
	{"pre_filter_extension", ""},
	{"entry_list_id", "0"},
	{"filter_entry_list_id", "0"},
	{"max_queue_ingroup_calls", "0"},
	{"max_queue_ingroup_id", ""},
	{"max_queue_ingroup_extension", "9998811112"},
	{"did_carrier_description", ""},
}

// Columns returns the names of the DID table's columns, in table order.
func Columns() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.name
	}
	return out
}

// DIDRow is one row of the fake's DID table: every column by name (did_id
// included, as text).
type DIDRow map[string]string

// ID returns the row's did_id.
func (r DIDRow) ID() int64 { n, _ := strconv.ParseInt(r["did_id"], 10, 64); return n }

func newRow(id int64) DIDRow {
	r := DIDRow{}
	for _, c := range columns {
		r[c.name] = c.def
	}
	r["did_id"] = strconv.FormatInt(id, 10)
	return r
}

func (r DIDRow) clone() DIDRow {
	c := make(DIDRow, len(r))
	for k, v := range r {
		c[k] = v
	}
	return c
}

// User is an API user of the fake (a vicidial_users row).
type User struct {
	User string
	// Pass is the plaintext password; PassHash the pass_hash column (""
	// means derived from User and Pass, 31 characters of bcrypt's
	// alphabet, like the tail the server stores).
	Pass, PassHash string
	// Level is user_level (list and info need more than 7).
	Level int
	// Group is the user group.
	Group string
}

// PassHashFor returns the pass hash the fake derives for a user and
// plaintext password.
func PassHashFor(user, pass string) string {
	const alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	sum := sha256.Sum256([]byte("goautodialtest:" + user + ":" + pass))
	var b strings.Builder
	for i := 0; i < 31; i++ {
		b.WriteByte(alphabet[int(sum[i%len(sum)]^byte(i*7))%len(alphabet)])
	}
	return b.String()
}

type state struct {
	nextID int64
	dids   map[int64]DIDRow
	users  map[string]*User
	groups map[string]bool
	// tenants are the user groups whose users see only their own DIDs.
	tenants map[string]bool
}

func newState() *state {
	return &state{nextID: 1, dids: map[int64]DIDRow{}, users: map[string]*User{}, groups: map[string]bool{}, tenants: map[string]bool{}}
}

func (st *state) byPattern(p string) (DIDRow, bool) {
	for _, r := range st.dids {
		if r["did_pattern"] == p {
			return r, true
		}
	}
	return nil, false
}

// ids returns the DID ids in ascending order.
func (st *state) ids() []int64 {
	ids := make([]int64, 0, len(st.dids))
	for id := range st.dids {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func (st *state) insert(r DIDRow) DIDRow {
	id := st.nextID
	st.nextID++
	row := newRow(id)
	for k, v := range r {
		if k != "did_id" {
			row[k] = v
		}
	}
	st.dids[id] = row
	return row
}
