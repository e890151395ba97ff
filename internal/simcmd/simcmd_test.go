package simcmd

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestShellQuoteAndLines(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "''",
		"http://127.0.0.1:80/api.php?x=1": "'http://127.0.0.1:80/api.php?x=1'",
		"sim@example.com":                 "sim@example.com",
		"it's":                            `'it'\''s'`,
		"abc":                             "abc",
		"abc-1":                           "abc-1",
		"a b":                             "'a b'",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
	if got, want := Lines("A", "1", "B", "x y"), "A=1\nB='x y'\n"; got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
}

func TestPublishWritesAndRemovesEnvFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sim.env")
	var out bytes.Buffer
	remove, err := Publish(&out, path, "A=1\n")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "A=1\n" || out.String() != "A=1\n" {
		t.Fatalf("file %q (%v), stdout %q", b, err, out.String())
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 1 {
		t.Errorf("temporary file left: %v", ents)
	}
	remove()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("env file not removed: %v", err)
	}
	if _, err := Publish(&out, filepath.Join(t.TempDir(), "no", "such", "dir", "x.env"), "A=1\n"); err == nil {
		t.Error("Publish into a missing folder: no error")
	}
}
