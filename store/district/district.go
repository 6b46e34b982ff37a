// Package district is the district's side of canhcua: one PostgreSQL that
// every desk reports to, so that the district health office sees every
// unit's compliance and can trace contacts across them.
//
// The desk stays offline-first: its SQLite is the source of truth, every
// scan is committed there first, and a desk with no server behaves as if
// this package did not exist. When the server can be reached, the desk pushes
// its outbox (store.Change) here; Push applies a desk's changes in one
// transaction keyed by the desk's UUID and the changes' sequence numbers, so
// a batch sent twice (a lost acknowledgement, a kill -9, a server restart)
// has one effect. Rosters imported for a site are kept here and pulled by
// every desk of the site.
//
// The schema is in embedded numbered migrations (migrations/*.sql), applied
// by whichever canhcua connects first, under an advisory lock.
package district

import (
	"context"
	"embed"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/migrate"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrateLock is the advisory lock key under which migrations are applied.
const migrateLock = 0x63616e68 // "canh"

// ConnectTimeout bounds how long connecting may take: the desk never waits
// longer than this for an unreachable server.
const ConnectTimeout = 5 * time.Second

// DB is the district's database.
type DB struct {
	pool *pgxpool.Pool
}

// Open connects to the server at url (postgres://…) and brings its schema up
// to date.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("district: %s: %w", canhcua.Redact(rawURL), redactErr(err, rawURL))
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > ConnectTimeout {
		cfg.ConnConfig.ConnectTimeout = ConnectTimeout
	}
	cfg.MaxConns = max(cfg.MaxConns, 4)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("district: %s: %w", canhcua.Redact(rawURL), redactErr(err, rawURL))
	}
	db := &DB{pool: pool}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("district: %s: %w", canhcua.Redact(rawURL), redactErr(err, rawURL))
	}
	return db, nil
}

// Close closes the connections.
func (db *DB) Close() { db.pool.Close() }

// redactErr is err with the password of rawURL, should its text hold it,
// replaced.
func redactErr(err error, rawURL string) error {
	u, perr := url.Parse(rawURL)
	if perr != nil || u.User == nil {
		return err
	}
	pw, has := u.User.Password()
	if !has || pw == "" || !strings.Contains(err.Error(), pw) {
		return err
	}
	return redacted{err, pw}
}

// RedactError is err's text without the password of rawURL, even where the
// text holds the password alone (canhcua.Redact hides it within a URL).
func RedactError(err error, rawURL string) string {
	return canhcua.Redact(redactErr(err, rawURL).Error())
}

type redacted struct {
	err error
	pw  string
}

func (r redacted) Error() string { return strings.ReplaceAll(r.err.Error(), r.pw, "xxxxx") }
func (r redacted) Unwrap() error { return r.err }

// migrations returns the embedded migrations in order.
func migrations() ([]migrate.Migration, error) { return migrate.Load(migrationFS, "migrations") }

// migrate applies the migrations this code knows and the database has not
// seen, each in its own transaction, holding an advisory lock so that two
// desks connecting at once do not both apply one.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrateLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`); err != nil {
		return err
	}
	var v int
	err = conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	if err != nil {
		return err
	}
	if v > len(ms) {
		return fmt.Errorf("the server's schema is %d, this canhcua knows %d: update canhcua", v, len(ms))
	}
	for _, m := range ms[v:] {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, m.Version)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}
