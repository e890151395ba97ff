module github.com/didkit/voipms

go 1.23

require (
	github.com/google/go-querystring v1.2.0
	github.com/hashicorp/go-retryablehttp v0.7.8
	github.com/jarcoal/httpmock v1.4.2
	github.com/shopspring/decimal v1.4.0
	golang.org/x/time v0.8.0
)

require github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
