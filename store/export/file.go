package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// WriteFile writes a file whole under a temporary name in its folder
// (made with mode 0700 when missing), with mode 0600, and renames it: a
// failure never leaves half a file under the real name. A full disk is
// EFULL and a folder that cannot be written EREADONLY, each naming the file,
// so that the person who asked for it reads the cause.
func WriteFile(path string, write func(io.Writer) error) error {
	return fileError(path, writeFile(path, write))
}

// fileError names the cause of a failure to write the file at path when the
// system gives one: a full disk (ENOSPC, EDQUOT), read-only media or a
// folder without the right to write (EROFS, EACCES, EPERM).
func fileError(path string, err error) error {
	var app *canhcua.Error
	if err == nil || errors.As(err, &app) {
		return err
	}
	switch canhcua.SystemStorageCode(err) {
	case canhcua.EFULL:
		return canhcua.Wrap(canhcua.EFULL, err, catalog.ErrFileDiskFull, path)
	case canhcua.EREADONLY:
		return canhcua.Wrap(canhcua.EREADONLY, err, catalog.ErrFileReadOnly, path)
	}
	return err
}

func writeFile(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(dir, ".canhcua-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
