// Package store records canhcua's scans in SQLite (modernc.org/sqlite, pure
// Go): the scans themselves, the people and doors they name, and the visits
// (an entry paired with the exit that followed it).
//
// It follows the layout of benbjohnson/wtf's sqlite package: a DB wrapping
// *sql.DB, one transaction per operation, and errors carrying the root
// package's codes (canhcua.ErrorCode), wrapped with %w.
//
// Durability: the database is in WAL mode with synchronous=FULL, so a scan
// whose Scan call has returned survives kill -9 and power loss. Several *DB
// (in one or several processes) may use the same file at once: writers take
// the write lock when their transaction begins (BEGIN IMMEDIATE) and wait up
// to BusyTimeout for one another.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"
	_ "time/tzdata" // the local day must not depend on the system's tzdata

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/migrate"
)

// DefaultTimeZone is the time zone in which a scan's local day and hour are
// computed, unless Open is given WithLocation.
const DefaultTimeZone = "Asia/Ho_Chi_Minh"

// BusyTimeout is how long an operation waits for another connection's write
// lock before failing.
const BusyTimeout = 5 * time.Second

//go:embed migrations/*.sql
var embeddedMigrations embed.FS

// migrationFS holds the migrations; tests replace it.
var migrationFS fs.FS = embeddedMigrations

// DB is the canhcua database.
type DB struct {
	db       *sql.DB
	path     string
	loc      *time.Location
	now      func() time.Time
	readOnly bool
}

// Option configures Open.
type Option func(*DB)

// WithLocation sets the time zone of local days and hours (default
// Asia/Ho_Chi_Minh). A database remembers the zone it was created with and
// refuses to open in another one: its day columns would be wrong.
func WithLocation(loc *time.Location) Option {
	return func(db *DB) {
		if loc != nil {
			db.loc = loc
		}
	}
}

// WithClock sets the clock used for times the store takes itself (when a scan
// was voided, a scan given a zero time). Tests use a fixed clock.
func WithClock(now func() time.Time) Option {
	return func(db *DB) {
		if now != nil {
			db.now = now
		}
	}
}

// ReadOnly opens the database for reading only, for the commands that only
// read (export, report): they work on a full disk and on read-only media. The
// file must exist; it is not migrated (an older schema is refused with
// EREADONLY, a newer one with ETOONEW) and nothing is written to it. On
// media where SQLite cannot make its -shm file it is opened immutable, when
// its -wal journal holds nothing.
func ReadOnly() Option {
	return func(db *DB) { db.readOnly = true }
}

// DefaultLocation returns Asia/Ho_Chi_Minh (from the embedded tzdata when the
// system has none).
func DefaultLocation() *time.Location {
	loc, err := time.LoadLocation(DefaultTimeZone)
	if err != nil { // cannot happen with time/tzdata linked in
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// Open opens the database at path, creating it (mode 0600, and its directory
// with mode 0700) when it does not exist, and migrates it to the schema this
// code knows. A database made by a newer canhcua is refused with ETOONEW. A
// disk that is full or read-only is EFULL or EREADONLY (see ReadOnly).
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	if path == "" {
		return nil, canhcua.Errorf(canhcua.EINVALID, catalog.ErrDBPathEmpty)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db := &DB{path: abs, loc: DefaultLocation(), now: time.Now}
	for _, o := range opts {
		o(db)
	}
	if db.readOnly {
		err = db.openReadOnly(ctx)
	} else {
		err = db.openReadWrite(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, db.storageError(err))
	}
	return db, nil
}

// dsn is the data source name of the database file with the parameters q.
func (db *DB) dsn(q url.Values) string {
	q.Set("_busy_timeout", strconv.FormatInt(BusyTimeout.Milliseconds(), 10))
	return "file:" + (&url.URL{Path: db.path}).EscapedPath() + "?" + q.Encode()
}

func (db *DB) openReadWrite(ctx context.Context) error {
	if err := createFile(db.path); err != nil {
		return err
	}
	q := url.Values{}
	q.Set("_foreign_keys", "1")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate") // read-only transactions stay deferred
	var err error
	if db.db, err = sql.Open("sqlite", db.dsn(q)); err != nil {
		return err
	}
	// Switching a new database to WAL and recovering a WAL can fail with
	// SQLITE_BUSY without waiting when another connection does the same (two
	// processes opening a new file): retry for up to BusyTimeout.
	deadline := time.Now().Add(BusyTimeout)
	for {
		err = db.migrate(ctx)
		if err == nil {
			err = db.checkLocation(ctx)
		}
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-time.After(20 * time.Millisecond):
			continue
		}
		break
	}
	if err != nil {
		db.db.Close()
	}
	return err
}

// openReadOnly opens the file with mode=ro, or immutable where SQLite cannot
// make the -shm file it needs (read-only media, a full disk), and checks
// its schema and time zone without writing.
func (db *DB) openReadOnly(ctx context.Context) error {
	if _, err := os.Stat(db.path); err != nil {
		return err
	}
	err := db.openWith(ctx, url.Values{"mode": {"ro"}})
	if c := sqliteCode(err); c != sqlite3.SQLITE_CANTOPEN && c != sqlite3.SQLITE_IOERR && c != sqlite3.SQLITE_READONLY {
		return err
	}
	// Immutable skips the WAL: only when it holds nothing (no desk is
	// writing to this file, and none left scans in it).
	if fi, werr := os.Stat(db.path + "-wal"); werr == nil && fi.Size() > 0 {
		return canhcua.Wrap(canhcua.EREADONLY, err, catalog.ErrDBWALReadOnly, db.path, db.path)
	}
	return db.openWith(ctx, url.Values{"immutable": {"1"}})
}

// openWith opens the file read-only with the parameters q and checks it.
func (db *DB) openWith(ctx context.Context, q url.Values) error {
	q.Set("_query_only", "1")
	var err error
	if db.db, err = sql.Open("sqlite", db.dsn(q)); err != nil {
		return err
	}
	if err = db.checkSchema(ctx); err == nil {
		err = db.checkLocation(ctx)
	}
	if err != nil {
		db.db.Close()
	}
	return err
}

// isBusy reports whether err is SQLITE_BUSY (or one of its extended codes).
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// createFile creates an empty database file with mode 0600 (and its parent
// directory with mode 0700) unless it exists, so that SQLite, which gives the
// -wal and -shm files the database file's mode, never creates it 0644.
func createFile(path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process created it first
		return nil
	} else if err != nil {
		return err
	}
	return f.Close()
}

// Close closes the database.
func (db *DB) Close() error {
	if db == nil || db.db == nil {
		return nil
	}
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Path is the database file's absolute path.
func (db *DB) Path() string { return db.path }

// Location is the time zone of the database's local days.
func (db *DB) Location() *time.Location { return db.loc }

// migrations returns the embedded migrations in order.
func migrations() ([]migrate.Migration, error) { return migrate.Load(migrationFS, "migrations") }

// SchemaVersion is the newest schema this code knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate brings the schema up to date, each migration in its own immediate
// transaction that also sets PRAGMA user_version, so a migration is applied
// exactly once even when two processes open a new database at once.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	known := len(ms)
	for {
		tx, err := db.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var v int
		if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
			tx.Rollback()
			return err
		}
		if v > known {
			tx.Rollback()
			return canhcua.Errorf(canhcua.ETOONEW, catalog.ErrDBTooNew, db.path, v, known)
		}
		if v == known {
			return tx.Rollback()
		}
		m := ms[v]
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, m.Version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
}

// checkSchema refuses, without writing, a database whose schema is not the
// one this code knows: a newer one (ETOONEW), or an older one that a
// read-only database cannot be migrated from (EREADONLY).
func (db *DB) checkSchema(ctx context.Context) error {
	var v int
	if err := db.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	switch known := SchemaVersion(); {
	case v > known:
		return canhcua.Errorf(canhcua.ETOONEW, catalog.ErrDBTooNew, db.path, v, known)
	case v < known:
		return canhcua.Errorf(canhcua.EREADONLY, catalog.ErrDBOldReadOnly, db.path, v, known)
	}
	return nil
}

// checkLocation records the time zone in a new database and refuses to use
// a database whose local days are in another zone. Opened read-only, it
// records nothing.
func (db *DB) checkLocation(ctx context.Context) error {
	name := db.loc.String()
	var have string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'location'`).Scan(&have)
	if errors.Is(err, sql.ErrNoRows) && db.readOnly {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := db.db.ExecContext(ctx,
			`INSERT INTO settings (key, value) VALUES ('location', ?) ON CONFLICT (key) DO NOTHING`, name); err != nil {
			return err
		}
		err = db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'location'`).Scan(&have)
	}
	if err != nil {
		return err
	}
	if have != name {
		return canhcua.Errorf(canhcua.ECONFLICT, catalog.ErrDBLocation, db.path, have, name)
	}
	return nil
}

// CheckWritable commits a write (the time of the check, in the settings) and
// reports EFULL, EREADONLY or EIO when it cannot: the desk checks at start
// that it can save scans. A database opened ReadOnly is EREADONLY. A disk
// with less than 1 MiB free is EFULL even when this small write fits: the
// desk would stop saving within a few dozen scans.
func (db *DB) CheckWritable(ctx context.Context) error {
	if db.readOnly {
		return canhcua.Errorf(canhcua.EREADONLY, catalog.ErrDBReadOnly)
	}
	err := db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO settings (key, value) VALUES ('write_checked', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, db.now().UTC().Format(time.RFC3339Nano))
		return err
	})
	if err == nil && db.lowOnSpace() {
		err = canhcua.Errorf(canhcua.EFULL, catalog.ErrDiskFull)
	}
	if err != nil {
		return fmt.Errorf("store: %s: %w", db.path, err)
	}
	return nil
}

// update runs fn in a write transaction (BEGIN IMMEDIATE) and commits it. A
// storage failure is EFULL, EREADONLY or EIO.
func (db *DB) update(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.storageError(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.storageError(err)
	}
	return db.storageError(tx.Commit())
}

// view runs fn in a read-only (deferred) transaction: one consistent
// snapshot. A storage failure is EFULL, EREADONLY or EIO.
func (db *DB) view(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return db.storageError(err)
	}
	defer tx.Rollback()
	return db.storageError(fn(tx))
}

// dayOf is the local day of t, as stored in the day columns.
func (db *DB) dayOf(t time.Time) string { return t.In(db.loc).Format(time.DateOnly) }
