// Package viwsdl holds the VoIP Innovations API 3.0 WSDLs (production and
// sandbox), copied from the MIT-licensed skywiretech/voip_api fixtures (see
// MIT-LICENSE in this directory). The generator in
// voipinnovations/internal/gen reads production.wsdl; voipinnovationstest
// serves both at ?WSDL.
package viwsdl

import _ "embed"

// Production is the production WSDL (48 operations).
//
//go:embed production.wsdl
var Production []byte

// Sandbox is the 2015 sandbox WSDL (10 operations, fewer fields).
//
//go:embed sandbox.wsdl
var Sandbox []byte
