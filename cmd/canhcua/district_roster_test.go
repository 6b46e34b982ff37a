package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canhcua/canhcua/internal/pgtest"
	"github.com/canhcua/canhcua/store/district"
)

// TestRosterImportForASite: a roster imported with --server and --site goes
// to the site's rosters on the district's server (every desk of the site
// pulls it), not into a desk's database; the password of the URL is never
// printed.
func TestRosterImportForASite(t *testing.T) {
	url := pgtest.DB(t)
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	csvPath := filepath.Join(dir, "Cán bộ.csv")
	csv := "STT,Họ và tên,Số CCCD\r\n1,Nguyễn Văn An,001090001234\r\n2,Trần Thị Bình,\r\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runRoster(t, "import", csvPath, "--server", url, "--site", "UBND xã Tân Phú", "--expected-by", "07:30")
	if code != exitOK || !strings.Contains(out, `2 people imported into "Cán bộ"`) {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "canhcua", "canhcua.db")); err == nil {
		t.Error("a desk database was made by an import for the server")
	}
	srv, err := district.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	rs, ms, err := srv.SiteRosters(context.Background(), "UBND xã Tân Phú")
	if err != nil || len(rs) != 1 || rs[0].ExpectedBy != 450 || len(ms["Cán bộ"]) != 2 {
		t.Fatalf("site rosters: %+v %+v %v", rs, ms, err)
	}
	// Without a site to import for: one line, exit 2.
	code, _, errs = runRoster(t, "import", csvPath, "--server", url)
	if code != exitUsage || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "site") {
		t.Errorf("no site: %d %q", code, errs)
	}
	// A password in the URL stays hidden when the server cannot be reached.
	code, _, errs = runRoster(t, "import", csvPath, "--server", "postgres://canhcua:hunter2@127.0.0.1:1/db", "--site", "X")
	if code != exitUsage || strings.Contains(errs, "hunter2") {
		t.Errorf("unreachable server: %d %q", code, errs)
	}
}
