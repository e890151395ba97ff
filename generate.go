package voipms

//go:generate go run ./internal/cmd/apigen
