package canhcua

import (
	"errors"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Error codes, in the manner of benbjohnson/wtf: the application's errors
// carry a code that the command line, the screen and the store map to their
// own behaviour (exit status, a message in the banner).
const (
	ECONFLICT = "conflict"  // the operation conflicts with the current state
	EINTERNAL = "internal"  // a bug or an unexpected failure
	EINVALID  = "invalid"   // bad input
	ENOTFOUND = "not_found" // no such thing
	ETOONEW   = "too_new"   // data from a newer version of canhcua
)

// Error is an application error with a code and a message for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error whose message is the catalog's text of key with
// args, in English (the language of the command line and the log).
func Errorf(code string, key catalog.Key, args ...any) *Error {
	return &Error{Code: code, Message: catalog.EN.T(key, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// other errors and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, or a generic message for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return catalog.EN.T(catalog.ErrInternal)
}
