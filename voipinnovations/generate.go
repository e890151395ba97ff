package voipinnovations

//go:generate go run ./internal/gen
