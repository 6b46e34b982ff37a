package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pgtest"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
)

const (
	siteTanPhu = "UBND xã Tân Phú"
	siteTram   = "Trạm Y tế xã"
)

// pushDesk sends all of the outbox of the desk database at path to the
// server at url, as the desk's sync does, for the site called site.
func pushDesk(t *testing.T, url, path, site, door string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.WithLocation(reportICT))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.DeskID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := district.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for {
		changes, last, err := st.Outbox(ctx, 500)
		if err != nil {
			t.Fatal(err)
		}
		if last == 0 {
			return
		}
		acked, err := srv.Push(ctx, district.Desk{ID: id, Site: site, Door: door, Clock: time.Now()}, changes, last)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Acknowledge(ctx, acked, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

// seedTram is a second site's desk: a staff of two, one of whom scanned.
func seedTram(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tram.db")
	st, err := store.Open(ctx, path, store.WithLocation(reportICT), store.WithClock(func() time.Time { return rat(18, 0) }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveRoster(ctx, canhcua.Roster{Name: "Cán bộ", ExpectedBy: -1}, []canhcua.Member{
		{Name: "Đặng Quốc Huy", IDNumber: "001080001111", ExpectedBy: -1},
		{Name: "Võ Thị Hoa", IDNumber: "001302009876", ExpectedBy: -1},
	}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Scan(ctx, cccdID("Võ Thị Hoa", "001302009876"), canhcua.ModeIn, "Cửa", rat(7, 45), canhcua.Rules{}); err != nil {
		t.Fatal(err)
	}
	return path
}

// withConfig points the commands at a config file holding text (none when
// text is "").
func withConfig(t *testing.T, text string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	if text == "" {
		return
	}
	if err := os.MkdirAll(filepath.Join(dir, "canhcua"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "canhcua", "config.toml"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDistrictCommand runs `canhcua district` and `canhcua report --server`
// in-process against a real PostgreSQL that two sites' desks pushed to: the
// report's desk (seedReportDB) as UBND xã Tân Phú, and a Trạm Y tế.
func TestDistrictCommand(t *testing.T) {
	fixReportClock(t)
	cluster := pgtest.NewCluster(t)
	url := cluster.NewDB(t)
	deskDB := seedReportDB(t)
	pushDesk(t, url, deskDB, siteTanPhu, "Cửa chính")
	tramDB := seedTram(t)
	pushDesk(t, url, tramDB, siteTram, "Cửa")
	withConfig(t, "")

	t.Run("text", func(t *testing.T) {
		out, errs, code := runCmd("district", "--server", url, "--date", "27/11/2026", "--format", "text")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"TÌNH HÌNH CÁC ĐƠN VỊ — 27/11/2026", "2 đơn vị · cán bộ đã quét 3/6 (50%) · 0 cửa im lặng · 4 cảnh báo",
			"Lập lúc 27/11/2026 18:05"} {
			if !strings.Contains(out, want) {
				t.Errorf("lacks %q:\n%s", want, out)
			}
		}
		// Worst compliance first: both at 50%, Tân Phú has more warnings.
		tp, tr := strings.Index(out, siteTanPhu), strings.Index(out, siteTram)
		if tp < 0 || tr < 0 || tp > tr {
			t.Errorf("order: Tân Phú at %d, Trạm at %d:\n%s", tp, tr, out)
		}
	})

	t.Run("csv", func(t *testing.T) {
		out, errs, code := runCmd("district", "--server", url, "--date", "27/11/2026", "--format", "csv", "--lang", "en")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(strings.TrimPrefix(out, "\uFEFF"), "\r\n")
		if lines[0] != "Site,Doors,Entries,Exits,People,Staff scanned,Warnings,Last heard" {
			t.Errorf("header %q", lines[0])
		}
		if len(lines) != 4 || !strings.HasPrefix(lines[1], siteTanPhu+",1,3,1,3,Cán bộ 2/4,4,") || !strings.HasPrefix(lines[2], siteTram+",1,1,0,1,Cán bộ 1/2,0,") {
			t.Errorf("rows:\n%s", out)
		}
		out, _, _ = runCmd("district", "--server", url, "--date", "27/11/2026", "--format", "csv")
		if !strings.HasPrefix(out, "\uFEFFĐơn vị,Số cửa,Lượt vào,Lượt ra,Số người,Cán bộ đã quét,Cảnh báo,Liên lạc cuối\r\n") {
			t.Errorf("Vietnamese header: %q", out[:min(len(out), 120)])
		}
	})

	t.Run("xlsx file", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		out, errs, code := runCmd("district", "--server", url, "--date", "27/11/2026", "--format", "xlsx")
		if code != exitOK || strings.TrimSpace(out) != "canhcua-district-2026-11-27.xlsx" {
			t.Fatalf("exit %d, %q %s", code, out, errs)
		}
		f, err := excelize.OpenFile(filepath.Join(dir, "canhcua-district-2026-11-27.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if rows, _ := f.GetRows("Các đơn vị"); len(rows) != 3 || rows[1][0] != siteTanPhu {
			t.Errorf("rows %q", rows)
		}
		// --to names the format by its extension.
		out, errs, code = runCmd("district", "--server", url, "--date", "27/11/2026", "--to", "bang.pdf")
		if data, err := os.ReadFile(filepath.Join(dir, "bang.pdf")); code != exitOK || err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("--to bang.pdf: exit %d, %q %s, %v", code, out, errs, err)
		}
	})

	t.Run("server from the config", func(t *testing.T) {
		withConfig(t, "server = \""+url+"\"\nopening_hours = \"06:00-18:00\"\n")
		out, errs, code := runCmd("district", "--date", "27/11/2026", "--format", "text", "--lang", "en")
		if code != exitOK || !strings.Contains(out, "During opening hours (06:00-18:00)") {
			t.Errorf("exit %d: %s\n%s", code, errs, out)
		}
		withConfig(t, "")
		_, errs, code = runCmd("district", "--format", "text")
		if code != exitUsage || !strings.Contains(errs, "canhcua district: no server: give --server") {
			t.Errorf("no server: exit %d, %q", code, errs)
		}
		withConfig(t, "opening_hours = \"17:00-07:00\"\n")
		_, errs, code = runCmd("district", "--server", url, "--format", "text")
		if code != exitUsage || !strings.Contains(errs, `opening hours "17:00-07:00": want 07:00-17:30`) {
			t.Errorf("bad opening hours: exit %d, %q", code, errs)
		}
	})

	t.Run("password never shown", func(t *testing.T) {
		withPW := strings.Replace(url, "postgres://postgres@", "postgres://postgres:s3cret-pw@", 1)
		if withPW == url {
			t.Fatalf("no user in %s", url)
		}
		// The test server trusts local users: the password is not checked.
		out, errs, code := runCmd("district", "--server", withPW, "--date", "27/11/2026", "--format", "text")
		if code != exitOK || strings.Contains(out+errs, "s3cret") {
			t.Errorf("exit %d: %s%s", code, out, errs)
		}
		// Nobody listens on port 1.
		_, errs, code = runCmd("district", "--server", "postgres://admin:s3cret-pw@127.0.0.1:1/canhcua?sslmode=disable", "--format", "csv")
		if code != exitUsage || strings.Contains(errs, "s3cret") || !strings.Contains(errs, "127.0.0.1:1") {
			t.Errorf("unreachable: exit %d, %q", code, errs)
		}
		_, errs, code = runCmd("report", "--district", "--server", "postgres://admin:s3cret-pw@127.0.0.1:1/canhcua")
		if code != exitUsage || strings.Contains(errs, "s3cret") {
			t.Errorf("report, unreachable: exit %d, %q", code, errs)
		}
	})

	t.Run("report of a site", func(t *testing.T) {
		// The server's report of the site is the desk's own, all doors.
		fromServer, errs, code := runCmd("report", "--server", url, "--site", siteTanPhu, "--date", "27/11/2026")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		fromDesk, errs, code := runCmd("report", "--db", deskDB, "--site", siteTanPhu, "--date", "27/11/2026")
		if code != exitOK {
			t.Fatalf("desk: exit %d: %s", code, errs)
		}
		if fromServer != fromDesk {
			t.Errorf("the server's report differs from the desk's:\n--- server\n%s\n--- desk\n%s", fromServer, fromDesk)
		}
		// The site from the config; CSV in English.
		withConfig(t, "site = \""+siteTram+"\"\nserver = \""+url+"\"\n")
		out, errs, code := runCmd("report", "--server", url, "--date", "27/11/2026", "--format", "csv", "--to", "-", "--lang", "en")
		if code != exitOK || !strings.Contains(out, "Office,"+siteTram) || !strings.Contains(out, "Cán bộ,Đặng Quốc Huy,,") {
			t.Errorf("exit %d: %s\n%s", code, errs, out)
		}
		withConfig(t, "")
		_, errs, code = runCmd("report", "--server", url, "--site", "Không có")
		if code != exitUsage || !strings.Contains(errs, `the server has no site "Không có"`) {
			t.Errorf("unknown site: exit %d, %q", code, errs)
		}
	})

	t.Run("report of the district", func(t *testing.T) {
		out, errs, code := runCmd("report", "--server", url, "--district", "--date", "27/11/2026")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"Đơn vị: Tất cả 2 đơn vị", "Lượt vào           4", "Số người           4",
			siteTanPhu + " — Cán bộ đã quét: 2/4 (50%)", siteTram + " — Cán bộ đã quét: 1/2 (50%)",
			"Danh sách chưa quét (3)", "  " + siteTram + " — Cán bộ:", "1. Đặng Quốc Huy",
			"Khách ngoài danh sách (2)", siteTanPhu + " · Phòng họp  Cho vào", "Cảnh báo trong ngày (4)"} {
			if !strings.Contains(out, want) {
				t.Errorf("lacks %q:\n%s", want, out)
			}
		}
		// With the server from the config.
		withConfig(t, "server = \""+url+"\"\n")
		if out2, errs, code := runCmd("report", "--district", "--date", "27/11/2026"); code != exitOK || out2 != out {
			t.Errorf("server from the config: exit %d %s", code, errs)
		}
		withConfig(t, "")
		for _, args := range [][]string{
			{"report", "--server", url, "--district", "--site", siteTram},
			{"report", "--server", url},
			{"report", "--server", url, "--site", siteTram, "--door", "Cửa"},
			{"report", "--district"},
		} {
			if _, errs, code := runCmd(args...); code != exitUsage || errs == "" {
				t.Errorf("%q: exit %d, %q", args, code, errs)
			}
		}
	})

	// The screen, in tmux: Enter opens a site, Esc comes back, and a scan
	// pushed meanwhile shows at the next refresh.
	t.Run("screen", func(t *testing.T) {
		bin := buildBinary(t)
		cfg := t.TempDir()
		s := startTmux(t, 100, 30, []string{"XDG_CONFIG_HOME=" + cfg, "XDG_DATA_HOME=" + cfg},
			bin, "district", "--server", url, "--date", "27/11/2026")
		if sc, ok := s.waitScreen(10*time.Second, func(sc string) bool {
			return strings.Contains(sc, "▸ "+siteTanPhu) && strings.Contains(sc, siteTram) && strings.Contains(sc, "Cán bộ 1/2")
		}); !ok {
			t.Fatalf("no table:\n%s", sc)
		}
		s.keys("Enter")
		if sc, ok := s.waitScreen(5*time.Second, func(sc string) bool {
			return strings.Contains(sc, "Chưa quét (2)") && strings.Contains(sc, "Cán bộ: Lê Văn Cường — Phòng Y tế (hạn 07:30)") &&
				strings.Contains(sc, "Phòng họp")
		}); !ok {
			t.Fatalf("no detail:\n%s", sc)
		}
		s.keys("Escape")
		if sc, ok := s.waitScreen(5*time.Second, func(sc string) bool { return strings.Contains(sc, "▸ "+siteTanPhu) }); !ok {
			t.Fatalf("Esc did not come back:\n%s", sc)
		}
		st, err := store.Open(context.Background(), tramDB, store.WithLocation(reportICT))
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.Scan(context.Background(), cccdID("Đặng Quốc Huy", "001080001111"), canhcua.ModeIn, "Cửa", rat(8, 10), canhcua.Rules{})
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		pushDesk(t, url, tramDB, siteTram, "Cửa")
		start := time.Now()
		if sc, ok := s.waitScreen(15*time.Second, func(sc string) bool { return strings.Contains(sc, "Cán bộ 2/2") }); !ok {
			t.Fatalf("the new scan did not show:\n%s", sc)
		}
		t.Logf("the new scan showed %.1f s after the push", time.Since(start).Seconds())
		s.keys("q")
		if sc, ok := s.waitScreen(5*time.Second, func(sc string) bool { return strings.Contains(sc, "EXITED 0") }); !ok {
			t.Fatalf("q did not end the screen:\n%s", sc)
		}
	})
}

// The desk's config takes opening_hours too (one file for both), and checks it.
func TestConfigOpeningHours(t *testing.T) {
	c := defaultConfig()
	c.OpeningHours = "7h-17h30"
	if err := c.validate(); err != nil {
		t.Errorf("7h-17h30: %v", err)
	}
	c.OpeningHours = "17:30"
	if err := c.validate(); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("17:30: %v, want EINVALID", err)
	}
}
