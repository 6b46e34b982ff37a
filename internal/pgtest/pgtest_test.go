package pgtest

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestDB(t *testing.T) {
	ctx := context.Background()
	url := DB(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var v string
	if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	t.Logf("PostgreSQL %s at %s", v, url)
}

func TestClusterStopStart(t *testing.T) {
	ctx := context.Background()
	c := NewCluster(t)
	url := c.NewDB(t)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if conn, err := pgx.Connect(ctx, url); err == nil {
		conn.Close(ctx)
		t.Fatal("connected to a stopped server")
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
}

func TestReplaceDB(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u@h:5/postgres?sslmode=disable": "postgres://u@h:5/x?sslmode=disable",
		"postgres://u@h:5/postgres":                 "postgres://u@h:5/x",
		"postgres://u@h:5":                          "postgres://u@h:5/x",
	} {
		if got := replaceDB(in, "x"); got != want {
			t.Errorf("replaceDB(%q) = %q, want %q", in, got, want)
		}
	}
}
