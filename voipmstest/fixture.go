package voipmstest

import "fmt"

// applyFixture applies WithFixture.
func (s *Server) applyFixture() error {
	switch s.cfg.fixture {
	case "":
		return nil
	}
	return fmt.Errorf("voipmstest: unknown fixture %q (known: demo)", s.cfg.fixture)
}
