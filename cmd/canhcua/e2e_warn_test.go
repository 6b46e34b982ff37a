package main

import (
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua/camera"
)

// gocvFace is the portrait photo that gocv ships (images/face.jpg,
// Apache-2.0), found in the module cache.
func gocvFace(t *testing.T) image.Image {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "gocv.io/x/gocv").Output()
	if err != nil {
		t.Skipf("gocv's module folder not found: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "images", "face.jpg"))
	if err != nil {
		t.Skipf("gocv's face.jpg not found: %v", err)
	}
	defer f.Close()
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestDeskWarningsEndToEnd: a roster of four is expected (late already); the
// real binary in tmux reads two of them from a video, and the not-yet-scanned
// warning shrinks to the other two; then a face passes the camera with no
// code and the desk warns that someone passed without scanning, with a
// snapshot kept with mode 0600.
func TestDeskWarningsEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	face := gocvFace(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	people := filepath.Join(dir, "staff.csv")
	os.WriteFile(people, []byte("Họ và tên,Chức vụ,Số CCCD\n"+
		"Nguyễn Văn An,Chủ tịch,001090001234\nTrần Thị Bình,Văn thư,079185004321\n"+
		"Lê Văn Cường,Công an,036200007777\nPhạm Thị Dung,Kế toán,048170002468\n"), 0o644)
	if out, err := exec.Command(bin, "roster", "import", people, "--group", "Staff", "--expected-by", "00:00", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("roster import: %v\n%s", err, out)
	}

	codes := map[string]image.Image{}
	for _, p := range []struct{ id, name string }{{"001090001234", "Nguyễn Văn An"}, {"079185004321", "Trần Thị Bình"}} {
		q, err := qrcode.New(cccd(p.id, p.name, "01011980"), qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		codes[p.name] = q.Image(300)
	}
	var script []string
	add := func(what string, n int) {
		for range n {
			script = append(script, what)
		}
	}
	add("", 60) // 6 s: the desk shows the four as not scanned yet
	add("Nguyễn Văn An", 10)
	add("", 5)
	add("Trần Thị Bình", 10)
	add("", 100) // 10 s with nobody: the codes' grace passes
	add("face", 30)
	add("", 120) // the face's grace passes, and the warning is written
	bg := image.NewUniform(color.RGBA{200, 200, 195, 255})
	video := filepath.Join(dir, "door.avi")
	err := camera.WriteVideo(video, 10, len(script), func(i int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, 640, 480))
		draw.Draw(img, img.Bounds(), bg, image.Point{}, draw.Src)
		switch what := script[i]; what {
		case "":
		case "face":
			draw.Draw(img, img.Bounds(), face, face.Bounds().Min, draw.Src)
		default:
			draw.Draw(img, image.Rect(170, 90, 470, 390), codes[what], image.Point{}, draw.Src)
		}
		return img
	})
	if err != nil {
		t.Fatal(err)
	}

	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir}
	s := startTmux(t, 120, 32, env, bin, "--source", video, "--db", db, "--lang", "en", "--no-bell")
	if sc, ok := s.waitScreen(15*time.Second, func(sc string) bool {
		return strings.Contains(sc, "Staff: 0/4 scanned; not scanned: Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung")
	}); !ok {
		t.Fatalf("the not-yet-scanned warning never listed the four:\n%s", sc)
	}
	if sc, ok := s.waitScreen(20*time.Second, func(sc string) bool {
		return strings.Contains(sc, "Staff: 2/4 scanned; not scanned: Lê Văn Cường, Phạm Thị Dung")
	}); !ok {
		t.Fatalf("the list did not shrink to the two not scanned:\n%s", sc)
	}
	sc, ok := s.waitScreen(40*time.Second, func(sc string) bool {
		return strings.Contains(sc, "without scanning")
	})
	if !ok {
		t.Fatalf("no warning that someone passed without scanning:\n%s", sc)
	}
	var snaps []string
	filepath.WalkDir(filepath.Join(dir, "snapshots"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".jpg") {
			st, _ := d.Info()
			if st.Mode().Perm() != 0o600 {
				t.Errorf("snapshot %s has mode %v, want 0600", p, st.Mode().Perm())
			}
			snaps = append(snaps, p)
		}
		return nil
	})
	if len(snaps) == 0 {
		t.Error("no snapshot was saved for the no-scan warning")
	}
	s.keys("q")
}
