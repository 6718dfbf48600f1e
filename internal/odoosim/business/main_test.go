package business

import (
	"testing"

	"go.uber.org/goleak"
)

// The tests start simulators (webhook senders) and HTTP servers: none may outlive them.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
