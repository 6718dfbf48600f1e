package odoo

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves goroutines behind (FetchAll starts some).
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
