package cli

import (
	"os"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

// TestMain lets a test start this test binary as a real `smartodoo` process: with
// SMARTODOO_TEST_CHILD set, the binary runs the CLI with the arguments in that variable.
func TestMain(m *testing.M) {
	if args := os.Getenv("SMARTODOO_TEST_CHILD"); args != "" {
		os.Exit(Main(strings.Fields(args), os.Environ()))
	}
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("database/sql.(*DB).connectionOpener"))
}
