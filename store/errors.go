package store

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// lowSpace is the free space under which a disk is taken for full: a disk
// I/O error then means ENOSPC (SQLite reports some writes that it stopped,
// growing the -shm file, as I/O errors), and the desk's check at start
// fails.
const lowSpace = 1 << 20

// sqliteCode is SQLite's primary result code of err (SQLITE_FULL, …), 0
// when err is not SQLite's.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

// storageError turns a storage failure — SQLite's SQLITE_FULL,
// SQLITE_READONLY (and its extended codes), SQLITE_IOERR and SQLITE_CANTOPEN,
// or the system's ENOSPC, EROFS, EACCES… — into an application error that
// names the cause: EFULL, EREADONLY or EIO, wrapping err. Other errors (and
// application errors) come back as they are.
func (db *DB) storageError(err error) error {
	var app *canhcua.Error
	if err == nil || errors.As(err, &app) {
		return err
	}
	full := canhcua.Wrap(canhcua.EFULL, err, catalog.ErrDiskFull)
	readOnly := canhcua.Wrap(canhcua.EREADONLY, err, catalog.ErrDBReadOnly)
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return full
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return readOnly
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
		// SQLite does not say why: the disk may be full, or mounted
		// read-only, or the file or its folder not writable.
		switch {
		case db.lowOnSpace():
			return full
		case !db.writable():
			return readOnly
		case sqliteCode(err) == sqlite3.SQLITE_IOERR:
			return canhcua.Wrap(canhcua.EIO, err, catalog.ErrDiskIO)
		}
		return err
	}
	switch canhcua.SystemStorageCode(err) {
	case canhcua.EFULL:
		return full
	case canhcua.EREADONLY:
		return readOnly
	case canhcua.EIO:
		return canhcua.Wrap(canhcua.EIO, err, catalog.ErrDiskIO)
	}
	return err
}

// lowOnSpace reports whether the disk of the database has less than
// lowSpace free (for this process: root may use the reserved blocks).
func (db *DB) lowOnSpace() bool {
	var st unix.Statfs_t
	if err := unix.Statfs(filepath.Dir(db.path), &st); err != nil {
		return false
	}
	free := st.Bavail
	if os.Geteuid() == 0 {
		free = st.Bfree
	}
	return free*uint64(st.Bsize) < lowSpace
}

// writable reports whether this process may write the database file and
// create files beside it (SQLite's -wal and -shm): not on a read-only
// mount, an immutable file, or without the permission.
func (db *DB) writable() bool {
	for _, p := range []string{db.path, filepath.Dir(db.path)} {
		if err := unix.Access(p, unix.W_OK); err != nil && !errors.Is(err, unix.ENOENT) {
			return false
		}
	}
	return true
}
