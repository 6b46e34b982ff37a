// Package pgtest gives tests a real PostgreSQL: a throwaway cluster made with
// Debian's initdb and pg_ctl in a temporary folder, on a free loopback port,
// run as the postgres user when the tests run as root (initdb refuses root),
// with fsync off so that it is quick. CANHCUA_TEST_PG=URL points the tests at
// an existing server instead (then a test that needs to stop and start its
// server is skipped).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable of an existing server for the tests.
const EnvURL = "CANHCUA_TEST_PG"

// binDirs are where Debian and Ubuntu put PostgreSQL's programs.
var binDirs = []string{"/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"}

// Cluster is a PostgreSQL server of the tests' own.
type Cluster struct {
	dir  string // data and socket folder
	port int
	bin  string
	as   string // user that runs the server ("" for the current one)

	mu      sync.Mutex
	running bool
}

// shared is the cluster the tests of one process share (DB).
var shared struct {
	once sync.Once
	c    *Cluster
	err  error
}

// DB returns the URL of a new, empty database for the test, on the server of
// CANHCUA_TEST_PG or on a cluster shared by the tests of this process
// (started on first use, stopped when the process's tests end, see Main).
// The test is skipped when no PostgreSQL can be had.
func DB(t testing.TB) string {
	t.Helper()
	if url := os.Getenv(EnvURL); url != "" {
		return createDB(t, url)
	}
	shared.once.Do(func() { shared.c, shared.err = start() })
	if shared.err != nil {
		t.Skipf("no PostgreSQL for the test: %v (install postgresql, or set %s)", shared.err, EnvURL)
	}
	return createDB(t, shared.c.URL("postgres"))
}

// Main runs the tests of a package (call it from TestMain) and stops the
// shared cluster after them.
func Main(m interface{ Run() int }) int {
	code := m.Run()
	if shared.c != nil {
		shared.c.Stop()
		os.RemoveAll(shared.c.dir)
	}
	return code
}

// NewCluster starts a cluster of the test's own, which the test may stop and
// start again (server down, server restarted); it is removed after the test.
// Skipped with CANHCUA_TEST_PG set, or without PostgreSQL.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	if os.Getenv(EnvURL) != "" {
		t.Skipf("%s is set: this test stops and starts its own server", EnvURL)
	}
	c, err := start()
	if err != nil {
		t.Skipf("no PostgreSQL for the test: %v", err)
	}
	t.Cleanup(func() {
		c.Stop()
		os.RemoveAll(c.dir)
	})
	return c
}

// URL is the URL of database db on the cluster (user postgres, socket-free:
// TCP on loopback).
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// NewDB makes a new, empty database on the cluster and returns its URL.
func (c *Cluster) NewDB(t testing.TB) string { return createDB(t, c.URL("postgres")) }

func start() (*Cluster, error) {
	bin := ""
	for _, d := range binDirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			bin = d
			break
		}
	}
	if bin == "" {
		return nil, errors.New("initdb and pg_ctl not found in " + strings.Join(binDirs, ", "))
	}
	dir, err := os.MkdirTemp("", "canhcua-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		// initdb refuses to run as root: the postgres user runs the cluster
		// and must own its folder.
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root and no postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		c.as = "postgres"
	}
	if out, err := c.run("initdb", "-D", filepath.Join(dir, "data"), "-U", "postgres", "-A", "trust",
		"--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	if err := c.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return c, nil
}

// run runs a program of PostgreSQL's, as the cluster's user.
func (c *Cluster) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, prog)
	var cmd *exec.Cmd
	if c.as != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.as, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

// Start starts the server (again), on a free port the first time and on the
// same port after.
func (c *Cluster) Start() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running {
		return nil
	}
	if c.port == 0 {
		p, err := freePort()
		if err != nil {
			return err
		}
		c.port = p
	}
	// fsync off is safe for tests that stop the server (the operating
	// system keeps what was written); synchronous_commit stays on, or a
	// commit the client saw could be lost when a test kills the server.
	opts := fmt.Sprintf("-c port=%d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s "+
		"-c fsync=off -c full_page_writes=off -c max_connections=200", c.port, c.dir)
	out, err := c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-l", filepath.Join(c.dir, "log"),
		"-o", opts, "-w", "-t", "60", "start")
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		return fmt.Errorf("pg_ctl start: %v: %s %s", err, out, log)
	}
	c.running = true
	return nil
}

// Stop stops the server at once (connections are cut: a crash, as the
// clients see it).
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.running {
		return nil
	}
	out, err := c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	c.running = false
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// createDB makes a database with a random name on the server of admin (a
// URL with the right to create databases) and returns its URL; it is dropped
// after the test.
func createDB(t testing.TB, admin string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "canhcua_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, admin); err == nil {
			conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			conn.Close(ctx)
		}
	})
	return replaceDB(admin, name)
}

// replaceDB is the URL url with its database name replaced by db.
func replaceDB(url, db string) string {
	base, query, _ := strings.Cut(url, "?")
	if i := strings.LastIndex(base, "/"); i > len("postgres://") {
		base = base[:i]
	}
	if query != "" {
		query = "?" + query
	}
	return base + "/" + db + query
}
