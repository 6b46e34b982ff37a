package canhcua

import (
	"errors"
	"io/fs"
	"syscall"

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

	// Storage failures: the database cannot be written (or read), and saying
	// "scan again" would not help until someone fixes the cause.
	EFULL     = "full"     // the disk (or the database's size limit) is full
	EREADONLY = "readonly" // the database or its folder cannot be written
	EIO       = "io"       // the disk fails to read or write
)

// Error is an application error with a code and a message for the user.
type Error struct {
	Code    string
	Message string // in English, the language of the command line and the log

	// Key and Args, when Key is set, give the message in any language of
	// the catalog (In); Err is the underlying failure, when there is one.
	Key  catalog.Key
	Args []any
	Err  error
}

func (e *Error) Error() string { return e.Message }

// Unwrap is the underlying failure (nil when there is none).
func (e *Error) Unwrap() error { return e.Err }

// In is the message in lang: the catalog's text when the error has a key,
// else Message.
func (e *Error) In(lang catalog.Lang) string {
	if e.Key == "" {
		return e.Message
	}
	return lang.T(e.Key, e.Args...)
}

// Errorf returns an *Error whose message is the catalog's text of key with
// args, in English (the language of the command line and the log).
func Errorf(code string, key catalog.Key, args ...any) *Error {
	return &Error{Code: code, Message: catalog.EN.T(key, args...), Key: key, Args: args}
}

// Wrap is Errorf for a failure err that the error keeps (errors.Is and As
// see through it).
func Wrap(code string, err error, key catalog.Key, args ...any) *Error {
	e := Errorf(code, key, args...)
	e.Err = err
	return e
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

// IsStorage reports whether err is a storage failure (EFULL, EREADONLY,
// EIO): nothing can be saved until the cause is fixed.
func IsStorage(err error) bool {
	switch ErrorCode(err) {
	case EFULL, EREADONLY, EIO:
		return true
	}
	return false
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, or a generic message for internal errors, in English.
func ErrorMessage(err error) string { return ErrorMessageIn(err, catalog.EN) }

// ErrorMessageIn is ErrorMessage in lang.
func ErrorMessageIn(err error, lang catalog.Lang) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.In(lang)
	}
	return lang.T(catalog.ErrInternal)
}

// SystemStorageCode names the storage failure that a system error err is:
// EFULL for a full disk or quota (ENOSPC, EDQUOT), EREADONLY for read-only
// media or a file or folder that cannot be written (EROFS, EACCES, EPERM),
// EIO for a failing disk (EIO); "" for anything else. The store and the
// export files each say it in their own words.
func SystemStorageCode(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return EFULL
	case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return EREADONLY
	case errors.Is(err, syscall.EIO):
		return EIO
	}
	return ""
}
