package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/core"
)

// StatusOf is the one place where an error code becomes an HTTP status; the dashboard uses
// it too.
func StatusOf(code core.ErrorCode) int {
	switch code {
	case core.CodeInvalid:
		return http.StatusBadRequest
	case core.CodeNotFound:
		return http.StatusNotFound
	case core.CodeConflict:
		return http.StatusConflict
	case core.CodeUnauthorized:
		return http.StatusUnauthorized
	case core.CodeForbidden:
		return http.StatusForbidden
	case core.CodeUnavailable:
		return http.StatusServiceUnavailable
	case core.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// problem turns any error into an RFC 9457 problem. A *core.Error shows its safe message;
// anything else is logged with the request id and shown only as "internal error".
func (s *Server) problem(ctx context.Context, err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return err // already a problem (e.g. built by huma's validation)
	}
	code := core.CodeOf(err)
	if code == core.CodeInternal || core.MessageOf(err) == "" {
		id := requestID(ctx)
		s.deps.Logger.Error("request failed", "request_id", id, "err", err)
		return huma.NewError(http.StatusInternalServerError, fmt.Sprintf("internal error; quote request id %s when reporting it", id))
	}
	return huma.NewError(StatusOf(code), core.MessageOf(err))
}
