package voipms

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
)

// VoIP.ms's set methods for whole records (setDIDInfo, setSMS,
// setSubAccount, setVoicemail, setClient) replace the record: an optional
// field a call leaves out goes back to its default. The Update helpers are
// one read-modify-write mechanism (updateRecord):
//
//  1. read the record with the list method, pick the row by its id; no such
//     row, or a status that says the id is unknown, is an error matching
//     ErrNotFound, for every helper alike;
//  2. fill the set method's params from the row, field by field by wire
//     name (rmwSpec.rename maps the few names the two methods spell
//     differently); a field that does not decode is an error, never a zero
//     silently sent back;
//  3. call change on the params; if it returns an error nothing is sent;
//  4. send exactly: every parameter the row carried (unchanged unless change
//     changed it), plus every parameter change set or changed. A parameter
//     the read did not return and change left alone is not sent, so VoIP.ms
//     keeps (or defaults) it as it would without us.
//
// The read and the write are two calls: a change made elsewhere in between
// is overwritten. The read is retried on transient failures, the write is
// not; a client built WithDryRun refuses the write (ErrDryRunRefused).

// rmwSpec describes one read-modify-write.
type rmwSpec struct {
	read     string              // list method that reads the record
	params   any                 // its parameters
	key      string              // the answer's list key
	match    string              // field of a row that identifies the record
	want     string              // its value for the record asked for
	norm     func(string) string // normalises match values before comparing (nil: as is)
	notFound []Status            // statuses of the read that mean no such record
	what     string              // the record kind, for ErrNotFound
	write    string              // the set method
	ident    string              // write parameter that must not change (the record's id)
	rename   map[string]string   // read field -> write parameter, where they differ
}

// readRecord reads the record of spec as raw fields by wire name.
func (c *Client) readRecord(ctx context.Context, spec *rmwSpec) (map[string]json.RawMessage, error) {
	var body map[string]json.RawMessage
	if err := c.callList(ctx, spec.read, spec.params, &body); err != nil {
		if e := notFoundIf(err, spec.notFound...); e != err {
			return nil, e
		}
		return nil, err
	}
	var rows []map[string]json.RawMessage
	if b, ok := body[spec.key]; ok {
		if err := unmarshal(b, &rows); err != nil {
			return nil, &ResponseError{Method: spec.read, Kind: BodyShape, HTTPStatusCode: 200, Detail: shapeDetail(err)}
		}
	}
	norm := spec.norm
	if norm == nil {
		norm = func(s string) string { return s }
	}
	for _, row := range rows {
		var got string
		if b, ok := row[spec.match]; ok && unmarshal(b, &got) == nil && norm(got) == norm(spec.want) {
			return row, nil
		}
	}
	return nil, notFound(spec.read, spec.what)
}

// updateRecord is the read-modify-write of every Update helper.
func updateRecord[P any, PP interface {
	*P
	validator
}](ctx context.Context, c *Client, spec *rmwSpec, change func(PP) error) error {
	row, err := c.readRecord(ctx, spec)
	if err != nil {
		return err
	}
	p := PP(new(P))
	read, err := fillFromRecord(spec.read, p, row, spec.rename)
	if err != nil {
		return err
	}
	before, err := encodeParams(spec.write, p)
	if err != nil {
		return err
	}
	if change != nil {
		if err := change(p); err != nil {
			return err
		}
	}
	if err := p.validate(spec.write); err != nil {
		return err
	}
	after, err := encodeParams(spec.write, p)
	if err != nil {
		return err
	}
	if spec.ident != "" {
		id := func(v url.Values) string {
			if spec.norm != nil {
				return spec.norm(v.Get(spec.ident))
			}
			return v.Get(spec.ident)
		}
		if id(after) != id(before) {
			return validationErr(spec.write, spec.ident, "an update cannot move the settings to another record")
		}
	}
	return c.call(ctx, spec.write, sendBack(read, before, after), nil)
}

// sendBack is what an update sends: the parameters the read carried, and
// the ones change set or changed.
func sendBack(read map[string]bool, before, after url.Values) url.Values {
	out := url.Values{}
	for k, v := range after {
		if read[k] || !slices.Equal(before[k], v) {
			out[k] = v
		}
	}
	return out
}

// fillFromRecord sets every field of the params struct *dst whose url
// name (after rename) the row holds, and returns those names. A value that
// does not decode into its field fails.
func fillFromRecord(method string, dst any, row map[string]json.RawMessage, rename map[string]string) (map[string]bool, error) {
	byParam := make(map[string]json.RawMessage, len(row))
	for k, v := range row {
		if r, ok := rename[k]; ok {
			k = r
		}
		byParam[k] = v
	}
	filled := map[string]bool{}
	var fill func(v reflect.Value) error
	fill = func(v reflect.Value) error {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("url"), ",")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				if err := fill(v.Field(i)); err != nil { // embedded blocks are flattened, as go-querystring does
					return err
				}
				continue
			}
			if !f.IsExported() || name == "" || name == "-" || name == "test" {
				continue
			}
			b, ok := byParam[name]
			if !ok {
				continue
			}
			fv := v.Field(i)
			target := fv
			if fv.Kind() == reflect.Pointer {
				target = reflect.New(fv.Type().Elem()).Elem()
			}
			if err := unmarshal(b, target.Addr().Interface()); err != nil {
				return &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: 200, Detail: "field " + name + ": " + shapeDetail(err)}
			}
			if fv.Kind() == reflect.Pointer {
				fv.Set(target.Addr())
			}
			filled[name] = true
		}
		return nil
	}
	if err := fill(reflect.ValueOf(dst).Elem()); err != nil {
		return nil, err
	}
	return filled, nil
}

// Update changes a sub-account ("100001_VoIP") without resetting the
// settings change does not touch: it reads the sub-account
// (getSubAccounts), fills an AccountSetParams from it, calls change, and
// sends back what the read returned with change's changes (setSubAccount).
// See the read-modify-write notes at the top of update.go.
//
// VoIP.ms API methods: getSubAccounts, then setSubAccount.
func (s *AccountService) Update(ctx context.Context, account string, change func(*AccountSetParams) error) error {
	if account == "" {
		return validationErr("getSubAccounts", "account", "is required")
	}
	return updateRecord(ctx, s.client, &rmwSpec{
		read: "getSubAccounts", params: map[string]string{"account": account}, key: "accounts", match: "account", want: account,
		notFound: []Status{StatusInvalidAccount}, what: "account", write: "setSubAccount", ident: "id",
	}, change)
}

// Update changes a voicemail box without resetting the settings change does
// not touch: it reads the box (getVoicemails), fills a VoicemailSetParams
// from it, calls change, and sends back what the read returned with
// change's changes (setVoicemail). The box's password is not part of the
// answer; set p.Password in change when the API asks for it.
//
// VoIP.ms API methods: getVoicemails, then setVoicemail.
func (s *VoicemailService) Update(ctx context.Context, mailbox string, change func(*VoicemailSetParams) error) error {
	if mailbox == "" {
		return validationErr("getVoicemails", "mailbox", "is required")
	}
	return updateRecord(ctx, s.client, &rmwSpec{
		read: "getVoicemails", params: map[string]string{"mailbox": mailbox}, key: "voicemails", match: "mailbox", want: mailbox,
		notFound: []Status{StatusInvalidMailbox}, what: "mailbox", write: "setVoicemail", ident: "mailbox",
	}, change)
}

// Update changes a reseller client without resetting the fields change does
// not touch: it reads the client (getClients), fills a ClientSetParams from
// it, calls change, and sends back what the read returned with change's
// changes (setClient).
//
// VoIP.ms API methods: getClients, then setClient.
func (s *ClientService) Update(ctx context.Context, client int64, change func(*ClientSetParams) error) error {
	if client <= 0 {
		return validationErr("getClients", "client", "is required")
	}
	id := formatInt(client)
	return updateRecord(ctx, s.client, &rmwSpec{
		read: "getClients", params: map[string]string{"client": id}, key: "clients", match: "client", want: id,
		notFound: []Status{StatusInvalidClient}, what: "client", write: "setClient", ident: "client",
	}, change)
}
