package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestRun runs the example on the fakes and compares its tables with
// testdata/output.golden (the fakes are seeded, so the output is fixed).
func TestRun(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	want, err := os.ReadFile("testdata/output.golden")
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Fatalf("output differs from testdata/output.golden:\n%s", out.String())
	}
	for _, s := range []string{"purchased=true", "purchased=false", "register  already", "registered_not_owned  +1305"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q", s)
		}
	}
}

func TestRunBadFlag(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"-nope"}, &out, &errOut); err == nil {
		t.Fatal("run accepted an unknown flag")
	}
}
