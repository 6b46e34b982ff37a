package desk

import (
	"errors"
	"log"
	"sync"

	"github.com/canhcua/canhcua"
)

// storageState is whether the desk's last write went through: the screen's
// writes (scans, voids, decisions) and the warnings watcher report to it,
// the screen shows its failure as an alarm, and it logs once per change of
// state — the disk filling up, writes going through again — never once per
// scan.
type storageState struct {
	mu  sync.Mutex
	err error // the storage failure (canhcua.IsStorage) of the last write; nil: it went through
}

// wrote notes a write's outcome: nil (it went through) clears the failure,
// a storage failure sets it, other errors (bad input, a conflict) say
// nothing about the storage and leave it.
func (s *storageState) wrote(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err == nil:
		if s.err != nil {
			log.Printf("canhcua: storage: the database can be written again")
		}
		s.err = nil
	case canhcua.IsStorage(err):
		if canhcua.ErrorCode(s.err) != canhcua.ErrorCode(err) {
			log.Printf("canhcua: storage: scans cannot be saved: %v (%v)", canhcua.ErrorMessage(err), cause(err))
		}
		s.err = err
	}
}

// failure is the storage failure of the last write, nil when it went
// through.
func (s *storageState) failure() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// cause is the failure under err's application error (SQLite's, the
// system's): what the log needs to say beyond the message.
func cause(err error) error {
	var e *canhcua.Error
	if errors.As(err, &e) && e.Err != nil {
		return e.Err
	}
	return err
}
