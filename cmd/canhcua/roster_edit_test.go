package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

// TestRosterEditAndWindow: roster import takes a window; roster edit turns
// --only off again, changes or drops the window and the expected-by time,
// and keeps the group's people; re-importing keeps what is not given.
func TestRosterEditAndWindow(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	db := filepath.Join(dir, "canhcua.db")
	csvPath := filepath.Join(dir, "hop.csv")
	if err := os.WriteFile(csvPath, []byte("STT,Họ và tên\n1,Nguyễn Văn An\n2,Trần Thị Bình\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ict := tz.Vietnam()
	roster := func() canhcua.Roster {
		t.Helper()
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		rs, err := st.Rosters(context.Background())
		if err != nil || len(rs) != 1 {
			t.Fatalf("rosters %+v %v", rs, err)
		}
		ms, err := st.Members(context.Background(), rs[0].Name)
		if err != nil || len(ms) != 2 {
			t.Fatalf("the group's people: %+v %v", ms, err)
		}
		return rs[0]
	}

	code, out, errs := runRoster(t, "import", csvPath, "--group", "Họp 14h", "--only", "--expected-by", "14:00",
		"--from", "27/11/2026 13:30", "--until", "27/11/2026 17:00", "--db", db)
	if code != exitOK {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	r := roster()
	if !r.Only || !r.From.Equal(time.Date(2026, 11, 27, 13, 30, 0, 0, ict)) || !r.Until.Equal(time.Date(2026, 11, 27, 17, 0, 0, 0, ict)) {
		t.Fatalf("imported %+v", r)
	}
	_, out, _ = runRoster(t, "list", "--db", db)
	for _, want := range []string{"FROM", "UNTIL", "27/11/2026 13:30", "27/11/2026 17:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}

	code, out, errs = runRoster(t, "edit", "Họp 14h", "--only=false", "--db", db)
	if code != exitOK || !strings.Contains(out, "roster-only: no") {
		t.Fatalf("edit --only=false: %d %q %q", code, out, errs)
	}
	if r := roster(); r.Only || r.ExpectedBy != 14*60 || r.From.IsZero() || r.Until.IsZero() {
		t.Errorf("after --only=false: %+v", r)
	}

	code, _, errs = runRoster(t, "edit", "Họp 14h", "--until", "-", "--from", "28/11/2026", "--expected-by", "-", "--db", db)
	if code != exitOK {
		t.Fatalf("edit: %d %q", code, errs)
	}
	if r := roster(); !r.Until.IsZero() || !r.From.Equal(time.Date(2026, 11, 28, 0, 0, 0, 0, ict)) || r.ExpectedBy != -1 {
		t.Errorf("after dropping the end: %+v", r)
	}
	// A day alone as the end: to the end of that day.
	if code, _, errs = runRoster(t, "edit", "Họp 14h", "--until", "29/11/2026", "--only", "--db", db); code != exitOK {
		t.Fatalf("edit --until a day: %d %q", code, errs)
	}
	if r := roster(); !r.Until.Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, ict)) || !r.Only {
		t.Errorf("until a day: %+v", r)
	}
	// Re-importing without --from/--until keeps the window.
	if code, _, errs = runRoster(t, "import", csvPath, "--group", "Họp 14h", "--db", db); code != exitOK {
		t.Fatalf("re-import: %d %q", code, errs)
	}
	if r := roster(); r.From.IsZero() || r.Until.IsZero() || !r.Only {
		t.Errorf("re-import lost the window: %+v", r)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"edit", "Họp 14h", "--db", db}, "nothing to change"},
		{[]string{"edit", "--only=false", "--db", db}, "no group given"},
		{[]string{"edit", "Nobody", "--only=false", "--db", db}, "no roster"},
		{[]string{"edit", "Họp 14h", "--from", "27/11/2026 25:00", "--db", db}, "want DD/MM/YYYY HH:MM"},
		{[]string{"edit", "Họp 14h", "--from", "01/12/2026", "--db", db}, "must be after its start"},
		{[]string{"import", csvPath, "--from", "27/11/2026 17:00", "--until", "27/11/2026 13:30", "--db", db}, "must be after its start"},
	} {
		code, _, errs := runRoster(t, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
	if r := roster(); !r.From.Equal(time.Date(2026, 11, 28, 0, 0, 0, 0, ict)) {
		t.Errorf("a refused edit changed the roster: %+v", r)
	}
}
