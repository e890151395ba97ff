package voipms

import (
	"context"
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
)

// Like setDIDInfo, VoIP.ms's setSubAccount, setVoicemail and setClient
// replace the whole record: optional fields a call leaves out go back to
// their defaults. The Update helpers here read the record first, copy every
// field the answer carries into the params (matched by wire name), let the
// caller change what it wants, and send the whole record back.

// Update changes a sub-account ("100001_VoIP") without resetting the
// settings change does not touch: it reads the sub-account
// (getSubAccounts), fills a AccountSetParams from it, calls change, and
// sends the result (setSubAccount). If change returns an error, nothing is
// sent. The read and the write are two calls: a change made elsewhere in
// between is overwritten.
//
// VoIP.ms API methods: getSubAccounts, then setSubAccount.
func (s *AccountService) Update(ctx context.Context, account string, change func(*AccountSetParams) error) error {
	if account == "" {
		return validationErr("getSubAccounts", "account", "is required")
	}
	raw, err := s.client.readRecord(ctx, "getSubAccounts", map[string]string{"account": account}, "accounts", "account", account)
	if err != nil {
		return err
	}
	p := new(AccountSetParams)
	fillParams(p, raw)
	if err := applyChange(p, change); err != nil {
		return err
	}
	return s.Set(ctx, p)
}

// Update changes a voicemail box without resetting the settings change does
// not touch: it reads the box (getVoicemails), fills a VoicemailSetParams
// from it, calls change, and sends the result (setVoicemail). The box's
// password is not part of the answer; set p.Password in change when the
// API asks for it.
//
// VoIP.ms API methods: getVoicemails, then setVoicemail.
func (s *VoicemailService) Update(ctx context.Context, mailbox string, change func(*VoicemailSetParams) error) error {
	if mailbox == "" {
		return validationErr("getVoicemails", "mailbox", "is required")
	}
	raw, err := s.client.readRecord(ctx, "getVoicemails", map[string]string{"mailbox": mailbox}, "voicemails", "mailbox", mailbox)
	if err != nil {
		return err
	}
	p := new(VoicemailSetParams)
	fillParams(p, raw)
	if err := applyChange(p, change); err != nil {
		return err
	}
	return s.Set(ctx, p)
}

// Update changes a reseller client without resetting the fields change does
// not touch: it reads the client (getClients), fills a ClientSetParams from
// it, calls change, and sends the result (setClient).
//
// VoIP.ms API methods: getClients, then setClient.
func (s *ClientService) Update(ctx context.Context, client int64, change func(*ClientSetParams) error) error {
	if client <= 0 {
		return validationErr("getClients", "client", "is required")
	}
	id := formatInt(client)
	raw, err := s.client.readRecord(ctx, "getClients", map[string]string{"client": id}, "clients", "client", id)
	if err != nil {
		return err
	}
	p := new(ClientSetParams)
	fillParams(p, raw)
	if err := applyChange(p, change); err != nil {
		return err
	}
	return s.Set(ctx, p)
}

func applyChange[P any](p *P, change func(*P) error) error {
	if change == nil {
		return nil
	}
	return change(p)
}

// readRecord lists method with params and returns the row under key whose
// field match equals want, as raw fields. No such row is ErrNotFound.
func (c *Client) readRecord(ctx context.Context, method string, params map[string]string, key, match, want string) (map[string]json.RawMessage, error) {
	var body map[string]json.RawMessage
	if err := c.callList(ctx, method, params, &body); err != nil {
		return nil, err
	}
	var rows []map[string]json.RawMessage
	if b, ok := body[key]; ok {
		if err := unmarshal(b, &rows); err != nil {
			return nil, &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: 200, Detail: shapeDetail(err)}
		}
	}
	for _, row := range rows {
		var got string
		if b, ok := row[match]; ok && unmarshal(b, &got) == nil && got == want {
			return row, nil
		}
	}
	return nil, notFound(method, strings.TrimSuffix(key, "s"))
}

// fillParams sets every field of the params struct *dst whose url tag names a
// field of raw, decoding tolerantly; fields that do not decode are left as
// they are.
func fillParams(dst any, raw map[string]json.RawMessage) {
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("url"), ",")
		if name == "" || name == "-" || name == "test" {
			continue
		}
		b, ok := raw[name]
		if !ok {
			continue
		}
		fv := v.Field(i)
		if fv.Kind() == reflect.Pointer {
			nv := reflect.New(fv.Type().Elem())
			if setFromJSON(nv.Elem(), b) {
				fv.Set(nv)
			}
			continue
		}
		setFromJSON(fv, b)
	}
}

var textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()

// setFromJSON decodes one raw JSON scalar into fv (a settable value) the way
// the tolerant result types do, and reports whether it worked.
func setFromJSON(fv reflect.Value, b []byte) bool {
	if fv.Addr().Type().Implements(textUnmarshalerType) {
		s, err := scalarBytes(b, "field")
		if err != nil {
			return false
		}
		return fv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(s) == nil
	}
	return unmarshal(b, fv.Addr().Interface()) == nil
}
