package bulk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Event is what a journal Record says happened.
type Event string

const (
	// EventPlan opens a journal: the plan it belongs to.
	EventPlan Event = "plan"
	// EventSend is written, and made durable, before an operation is sent.
	EventSend Event = "send"
	// EventDone is written after an operation's outcome is known (or has
	// become known through reconciliation).
	EventDone Event = "done"
)

// Record is one line of a journal.
type Record struct {
	Event   Event     `json:"ev"`
	At      time.Time `json:"at"`
	Op      *Op       `json:"op,omitempty"`
	Outcome Outcome   `json:"outcome,omitempty"`
	Error   string    `json:"error,omitempty"`
	Plan    *Plan     `json:"plan,omitempty"`
}

// Journal keeps a run's records durably. Append must not return before the
// record is on stable storage (a crash right after Append returns must not
// lose it); Records returns every record appended so far, in order, also
// those of earlier processes. A Journal is used by one Runner at a time;
// Append is called from one goroutine at a time.
//
// FileJournal (JSON lines, fsynced) is the default; a database table or an
// object store with conditional writes fits the same interface.
type Journal interface {
	Records() ([]Record, error)
	Append(Record) error
}

// FileJournal is a Journal in a plain file, one JSON object per line, each
// line fsynced before Append returns. A last line cut short by a crash is
// dropped (and cut off the file) when the journal is opened: it was never
// acknowledged, so the operation it announced was never sent.
type FileJournal struct {
	mu   sync.Mutex
	f    *os.File
	recs []Record
}

// OpenFile opens (or creates) the journal at path.
func OpenFile(path string) (*FileJournal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("bulk: journal: %w", err)
	}
	j := &FileJournal{f: f}
	if err := j.load(); err != nil {
		f.Close()
		return nil, err
	}
	// Make the file's directory entry durable too (a new journal).
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return j, nil
}

func (j *FileJournal) load() error {
	data, err := io.ReadAll(j.f)
	if err != nil {
		return fmt.Errorf("bulk: journal: %w", err)
	}
	good := 0 // bytes up to the end of the last whole line
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		end := good + len(b) + 1
		if end > len(data) { // no newline: a torn write
			break
		}
		var r Record
		if err := json.Unmarshal(b, &r); err != nil {
			if end == len(data) {
				break // a torn last line
			}
			return fmt.Errorf("bulk: journal line %d is damaged: %w", line, ErrJournal)
		}
		j.recs = append(j.recs, r)
		good = end
	}
	if good < len(data) {
		if err := j.f.Truncate(int64(good)); err != nil {
			return fmt.Errorf("bulk: journal: %w", err)
		}
	}
	if _, err := j.f.Seek(int64(good), io.SeekStart); err != nil {
		return fmt.Errorf("bulk: journal: %w", err)
	}
	return nil
}

// Records returns the records read at open and appended since.
func (j *FileJournal) Records() ([]Record, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]Record(nil), j.recs...), nil
}

// Append writes r as one line and fsyncs the file.
func (j *FileJournal) Append(r Record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("bulk: journal: %w", err)
	}
	b = append(b, '\n')
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return fmt.Errorf("bulk: journal closed: %w", ErrJournal)
	}
	if _, err := j.f.Write(b); err != nil {
		return fmt.Errorf("bulk: journal write: %w: %w", ErrJournal, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("bulk: journal fsync: %w: %w", ErrJournal, err)
	}
	j.recs = append(j.recs, r)
	return nil
}

// Close closes the file.
func (j *FileJournal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}

// MemJournal is a Journal in memory, for tests and dry runs.
type MemJournal struct {
	mu   sync.Mutex
	recs []Record
	// Fail, when set, is returned by Append instead of recording.
	Fail error
}

// Records returns the records appended so far.
func (m *MemJournal) Records() ([]Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Record(nil), m.recs...), nil
}

// Append records r.
func (m *MemJournal) Append(r Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return m.Fail
	}
	m.recs = append(m.recs, r)
	return nil
}
