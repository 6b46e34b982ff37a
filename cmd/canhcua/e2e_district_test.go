package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua/internal/pgtest"
)

// TestDistrictEndToEnd: two desks of two sites, the real binary in tmux on
// videos the test writes. The first desk starts while the district's server
// is down (its header says offline, with what waits), the server comes up,
// the second desk starts; both catch up by themselves. Then the district's
// screen lists both sites, and a trace of the person seen at both doors
// finds their contact at each site.
func TestDistrictEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	c := pgtest.NewCluster(t)
	url := c.NewDB(t)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	an := cccd("001090001234", "Nguyễn Văn An", "15031990")
	binh := cccd("079185004321", "Trần Thị Bình", "02111985")
	cuong := cccd("036200007777", "Lê Văn Cường", "20092000")
	videoA, videoB := filepath.Join(dir, "a.avi"), filepath.Join(dir, "b.avi")
	codeVideo(t, videoA, 10, []step{{an, 10}, {"", 5}, {binh, 10}, {"", 10}})
	codeVideo(t, videoB, 10, []step{{cuong, 10}, {"", 5}, {an, 10}, {"", 10}})
	desk := func(name, video, site, door string) *tmuxSession {
		home := filepath.Join(dir, name)
		env := []string{"XDG_CONFIG_HOME=" + home, "XDG_DATA_HOME=" + home, "TERM=xterm-256color"}
		return startTmux(t, 110, 30, env, bin, "--source", video, "--db", filepath.Join(home, "canhcua.db"),
			"--lang", "en", "--no-bell", "--server", url, "--site", site, "--door", door)
	}

	a := desk("a", videoA, "UBND xã Tân Phú", "Cổng chính")
	if sc, ok := a.waitScreen(40*time.Second, func(sc string) bool {
		return strings.Contains(sc, "offline — 2 waiting") && strings.Contains(sc, "Trần Thị Bình")
	}); !ok {
		t.Fatalf("desk A never showed its two scans waiting for the server:\n%s", sc)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	b := desk("b", videoB, "Trạm Y tế xã", "Cửa")
	for name, s := range map[string]*tmuxSession{"A": a, "B": b} {
		if sc, ok := s.waitScreen(60*time.Second, func(sc string) bool {
			return strings.Contains(sc, "sync: 0 pending") && strings.Contains(sc, "whole site: 2 inside · 2 people")
		}); !ok {
			t.Fatalf("desk %s never caught up:\n%s", name, sc)
		}
	}
	for _, s := range []*tmuxSession{a, b} {
		s.keys("q")
		if sc, ok := s.waitScreen(10*time.Second, func(sc string) bool { return strings.Contains(sc, "EXITED 0") }); !ok {
			t.Fatalf("q did not quit cleanly:\n%s", sc)
		}
	}

	// The district's screen lists both sites.
	home := filepath.Join(dir, "office")
	d := startTmux(t, 120, 30, []string{"XDG_CONFIG_HOME=" + home, "XDG_DATA_HOME=" + home, "TERM=xterm-256color"},
		bin, "district", "--server", url, "--lang", "en")
	if sc, ok := d.waitScreen(30*time.Second, func(sc string) bool {
		return strings.Contains(sc, "UBND xã Tân Phú") && strings.Contains(sc, "Trạm Y tế xã")
	}); !ok {
		t.Fatalf("the district's screen never listed both sites:\n%s", sc)
	}
	d.keys("q")

	// A trace of An across both sites.
	var out, errs strings.Builder
	cmd := exec.Command(bin, "trace", "--id", "001090001234", "--server", url, "--format", "json")
	cmd.Env = append(cmd.Environ(), "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home)
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		t.Fatalf("trace: %v: %s", err, errs.String())
	}
	var tr struct {
		Visits []struct {
			Site string `json:"site"`
		} `json:"visits"`
		Contacts []struct {
			Name string `json:"name"`
			Site string `json:"site"`
		} `json:"contacts"`
	}
	if err := json.Unmarshal([]byte(out.String()), &tr); err != nil {
		t.Fatalf("trace JSON: %v\n%s", err, out.String())
	}
	sites := map[string]bool{}
	for _, v := range tr.Visits {
		sites[v.Site] = true
	}
	contacts := map[string]string{}
	for _, c := range tr.Contacts {
		contacts[c.Name] = c.Site
	}
	if !sites["UBND xã Tân Phú"] || !sites["Trạm Y tế xã"] ||
		contacts["Trần Thị Bình"] != "UBND xã Tân Phú" || contacts["Lê Văn Cường"] != "Trạm Y tế xã" {
		t.Errorf("trace: visits at %v, contacts %v\n%s", sites, contacts, out.String())
	}
}
