// Package simtest holds the helpers the simulator commands' binary tests
// share: build the command once per test run, start it, and read the eval
// lines it prints.
package simtest

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Binary builds the command in the test's working directory once per test
// run. The zero Binary is ready to use; call Remove from TestMain.
type Binary struct {
	Name string // file name of the binary, e.g. "voipms-sim"

	once sync.Once
	path string
	err  error
	out  []byte
}

// Path builds the binary (once) and returns its path. It skips the test in
// -short mode.
func (b *Binary) Path(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a binary")
	}
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", b.Name+"-test")
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(dir, b.Name)
		b.out, b.err = exec.Command("go", "build", "-o", b.path, ".").CombinedOutput()
	})
	if b.err != nil {
		t.Fatalf("go build: %v\n%s", b.err, b.out)
	}
	return b.path
}

// Remove deletes the built binary, if any.
func (b *Binary) Remove() {
	if b.path != "" {
		os.RemoveAll(filepath.Dir(b.path))
	}
}

// Process is a running simulator.
type Process struct {
	Cmd    *exec.Cmd
	Lines  chan string // stdout lines; closed at EOF
	Stderr *bytes.Buffer
	Exited chan struct{}
	Err    error // Wait's result, once Exited is closed
}

// Start starts bin with args and reads the first n stdout lines. It fails
// the test unless exactly n lines come (within 30s) and nothing more follows
// within 200ms. The process is killed at the end of the test if it still
// runs.
func Start(t testing.TB, bin string, n int, args ...string) (*Process, []string) {
	t.Helper()
	s := &Process{Cmd: exec.Command(bin, args...), Lines: make(chan string, 16), Stderr: new(bytes.Buffer), Exited: make(chan struct{})}
	s.Cmd.Stderr = s.Stderr
	stdout, err := s.Cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			s.Lines <- sc.Text()
		}
		close(s.Lines)
		s.Err = s.Cmd.Wait()
		close(s.Exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.Exited:
		default:
			_ = s.Cmd.Process.Kill()
			<-s.Exited
		}
	})
	var got []string
	deadline := time.After(30 * time.Second)
	for len(got) < n {
		select {
		case l, ok := <-s.Lines:
			if !ok {
				t.Fatalf("output ended after %d lines %q; stderr: %s", len(got), got, s.Stderr)
			}
			got = append(got, l)
		case <-deadline:
			t.Fatalf("timed out waiting for %d lines, got %q", n, got)
		}
	}
	select {
	case l, ok := <-s.Lines:
		if ok {
			t.Fatalf("line %d %q after %q", n+1, l, got)
		}
		t.Fatalf("process exited right after printing %q; stderr: %s", got, s.Stderr)
	case <-time.After(200 * time.Millisecond):
	}
	return s, got
}
