package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gen2brain/go-fitz"
	"github.com/go-pdf/fpdf"

	"github.com/canhcua/canhcua/internal/hostiletest"
	"github.com/canhcua/canhcua/store/export"
)

// hostileFiles are the files of finding 4 (hostile files), made in dir, by
// name: what canhcua did with each before its caps is in the comments.
type hostileFiles struct {
	huge, sparse, big5000, big20000, pages2000, good string
}

func writeHostileFiles(t *testing.T, dir string) hostileFiles {
	t.Helper()
	f := hostileFiles{
		huge:      filepath.Join(dir, "huge.png"),      // declares 30000x30000: 2.8 GB and many minutes, deaf to SIGTERM
		sparse:    filepath.Join(dir, "sparse.png"),    // 1 GB, read whole: 2.1 GB
		big5000:   filepath.Join(dir, "big5000.pdf"),   // a 5000-point page rendered at 300 dpi: 5.2 GB, 200 s
		big20000:  filepath.Join(dir, "big20000.pdf"),  // a 20000-point page: MuPDF ended the process
		pages2000: filepath.Join(dir, "pages2000.pdf"), // 2,000 pages: 1.5 s each, 50 minutes
		good:      filepath.Join(dir, "good.png"),
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(hostiletest.PNGHeader(f.huge, 30000, 30000))
	must(hostiletest.Sparse(f.sparse, 1<<30))
	must(hostiletest.PDF(f.big5000, 1, 5000, "badge:5000"))
	must(hostiletest.PDF(f.big20000, 1, 20000, "badge:20000"))
	must(hostiletest.PDF(f.pages2000, 2000, 595, ""))
	writeQR(t, f.good, "xin chào")
	return f
}

// Each hostile file is refused in one line, or read (a giant page at a lower
// resolution, with a line saying so), and the other files are still read.
func TestDecodeHostileFiles(t *testing.T) {
	f := writeHostileFiles(t, t.TempDir())
	start := time.Now()
	out, errOut, status := runCmd("decode", "--json", f.huge, f.sparse, f.big5000, f.big20000, f.pages2000, f.good)
	if status != exitUsage {
		t.Errorf("status %d, want 2", status)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("took %v", d)
	}
	wantErr := []string{
		f.huge + ": 30000x30000 pixels, more than the 48 megapixels canhcua reads in one image",
		f.sparse + ": 1024 MB, more than the 128 MB canhcua reads from one file",
		f.big5000 + ": page 1 is too large to read at 300 dpi: read at 59 dpi",
		f.big20000 + ": page 1 is too large to read at 300 dpi: read at 15 dpi",
		f.pages2000 + ": 2000 pages, more than the 100 canhcua reads (--max-pages)",
	}
	for i := range wantErr {
		wantErr[i] = "canhcua decode: " + wantErr[i]
	}
	if got := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n"); !slices.Equal(got, wantErr) {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(wantErr, "\n"))
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Source string   `json:"source"`
			Page   int      `json:"page"`
			Text   string   `json:"text"`
			Points [][2]int `json:"points"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %q", err, l)
		}
		got = append(got, fmt.Sprintf("%s %d %s", filepath.Base(r.Source), r.Page, r.Text))
		if r.Page == 0 {
			continue
		}
		// The code is the middle fifth of the page; its points are given at
		// 300 dpi all the same.
		side := map[string]float64{"badge:5000": 5000, "badge:20000": 20000}[r.Text] * 300 / 72
		for _, p := range r.Points {
			for _, v := range p {
				if v < int(side*0.39) || v > int(side*0.61) {
					t.Errorf("%s: point %v outside the middle of a page of %.0f pixels at 300 dpi", r.Text, p, side)
				}
			}
		}
	}
	if want := []string{"big5000.pdf 1 badge:5000", "big20000.pdf 1 badge:20000", "good.png 0 xin chào"}; !slices.Equal(got, want) {
		t.Errorf("stdout %q, want %q", got, want)
	}
}

// --max-pages caps a PDF's pages: a PDF of more is refused, one of as many
// is read.
func TestDecodeMaxPages(t *testing.T) {
	dir := t.TempDir()
	three := filepath.Join(dir, "three.pdf")
	if err := hostiletest.PDF(three, 3, 595, "badge:3"); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := runCmd("decode", "--max-pages", "2", three)
	if status != exitUsage || out != "" || errOut != "canhcua decode: "+three+": 3 pages, more than the 2 canhcua reads (--max-pages)\n" {
		t.Errorf("--max-pages 2: status %d, stdout %q, stderr %q", status, out, errOut)
	}
	out, errOut, status = runCmd("decode", "--max-pages", "3", three)
	if status != exitOK || strings.Count(out, "badge:3\n") != 3 || errOut != "" {
		t.Errorf("--max-pages 3: status %d, stdout %q, stderr %q", status, out, errOut)
	}
	for _, cmd := range [][]string{{"decode", three}, {"roster", "import", three, "--db", filepath.Join(dir, "db")}} {
		_, errOut, status = runCmd(append(cmd, "--max-pages", "0")...)
		if status != exitUsage || !strings.HasSuffix(errOut, ": --max-pages 0: want 1 or more\n") {
			t.Errorf("%s --max-pages 0: status %d, stderr %q", cmd[0], status, errOut)
		}
	}
}

// crashEnv names, for the test binary as a child (TestMain), a PDF whose
// first page it renders as canhcua did before its caps, at 300 dpi whatever
// its size: a page of 20000 points makes MuPDF end the process.
const crashEnv = "CANHCUA_TEST_CRASH_IN_MUPDF"

// workOrCrash is the test binary's work as a child: work, but for the file
// crashEnv names.
func workOrCrash(ctx context.Context, args []string, send func(workerMsg)) error {
	path := os.Getenv(crashEnv)
	if path == "" || !slices.Contains(args, path) {
		return work(ctx, args, send)
	}
	doc, err := fitz.New(path)
	if err == nil {
		doc.ImageDPI(0, 300)
	}
	panic("MuPDF did not end the process")
}

// A library that ends the child's process (MuPDF on a page too large) ends
// the reading of that file only: one line, and the other files are read.
func TestDecodeReaderCrash(t *testing.T) {
	f := writeHostileFiles(t, t.TempDir())
	t.Setenv(crashEnv, f.big20000)
	out, errOut, status := runCmd("decode", f.good, f.big20000, f.good)
	if status != exitUsage || out != strings.Repeat(f.good+": xin chào\n", 2) {
		t.Errorf("status %d, stdout %q", status, out)
	}
	want := "canhcua decode: " + f.big20000 + ": the reader stopped on this file (exit status 1"
	if !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q, want one line %q…", errOut, want)
	}

	// roster import too: one line, nothing imported.
	db := filepath.Join(t.TempDir(), "canhcua.db")
	_, errOut, status = runCmd("roster", "import", f.big20000, "--db", db)
	want = "canhcua roster import: " + f.big20000 + ": the reader stopped on this file (exit status 1"
	if status != exitUsage || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("roster import: status %d, stderr %q, want %q…", status, errOut, want)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the database was made")
	}
}

// Where no child can be started, a file is read in the command's own
// process, without the isolation.
func TestDecodeWithoutChild(t *testing.T) {
	f := writeHostileFiles(t, t.TempDir())
	defer func(exe string) { workerExe = exe }(workerExe)
	workerExe = filepath.Join(t.TempDir(), "missing")
	out, errOut, status := runCmd("decode", f.huge, f.good)
	if status != exitUsage || out != f.good+": xin chào\n" ||
		errOut != "canhcua decode: "+f.huge+": 30000x30000 pixels, more than the 48 megapixels canhcua reads in one image\n" {
		t.Errorf("status %d, stdout %q, stderr %q", status, out, errOut)
	}
}

// roster import applies the same caps to a PDF.
func TestRosterImportHostile(t *testing.T) {
	f := writeHostileFiles(t, t.TempDir())
	db := filepath.Join(t.TempDir(), "canhcua.db")
	for _, c := range []struct{ path, want string }{
		{f.pages2000, f.pages2000 + ": 2000 pages, more than the 100 canhcua reads (--max-pages)"},
		{f.sparse, f.sparse + " is not a CSV, XLSX or PDF file"},
	} {
		_, errOut, status := runCmd("roster", "import", c.path, "--db", db)
		if status != exitUsage || errOut != "canhcua roster import: "+c.want+"\n" {
			t.Errorf("%s: status %d, stderr %q, want %q", c.path, status, errOut, c.want)
		}
	}
}

// slowRoster writes a roster PDF (a table of one person) whose page is
// covered by a noise picture: the still engine takes minutes on it.
func slowRoster(t *testing.T, dir string) string {
	t.Helper()
	noise := filepath.Join(dir, "noise.png")
	if err := hostiletest.Noise(noise, 2000, 2000); err != nil {
		t.Fatal(err)
	}
	doc := export.NewPDF()
	doc.AddPage()
	table(doc, [][]string{{"STT", "Họ và tên", "Đơn vị"}, {"1", "Trần Thị Bình", "Kế toán"}})
	doc.ImageOptions(noise, 10, 40, 190, 190, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	path := filepath.Join(dir, "slow.pdf")
	if err := doc.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// The real binary, on a file that takes minutes to read, ends within a
// second of SIGTERM or SIGINT, its child too: decode and roster import.
func TestBinarySignals(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	slow := slowRoster(t, dir)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		for _, args := range [][]string{{"decode", slow}, {"roster", "import", slow, "--db", filepath.Join(dir, "db")}} {
			t.Run(sig.String()+"/"+args[0], func(t *testing.T) {
				cmd := exec.Command(bin, args...)
				cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				// Once the child has started, a second more and it is deep in
				// the engine.
				var children []int
				for wait := time.Now(); len(children) == 0 && time.Since(wait) < 30*time.Second; {
					time.Sleep(50 * time.Millisecond)
					children = childrenOf(cmd.Process.Pid)
				}
				if len(children) != 1 {
					t.Errorf("%d children, want 1", len(children))
				}
				time.Sleep(time.Second)
				cmd.Process.Signal(sig)
				start := time.Now()
				err := cmd.Wait()
				d := time.Since(start)
				t.Logf("ended %v after %v", d.Round(time.Millisecond), sig)
				if d > time.Second {
					t.Errorf("ended %v after %v", d, sig)
				}
				if cmd.ProcessState.ExitCode() < 0 {
					t.Errorf("killed by the signal (%v), not ended by itself", err)
				}
				// The child, killed, is gone within the second too (it may
				// take a moment to give back its memory).
				for _, c := range children {
					for !childGone(c) && time.Since(start) < time.Second {
						time.Sleep(10 * time.Millisecond)
					}
					if !childGone(c) {
						t.Errorf("child %d still there %v after %v", c, time.Since(start), sig)
					}
				}
				if args[0] == "roster" && stderr.String() != "canhcua roster import: "+slow+": interrupted: nothing was imported\n" {
					t.Errorf("stderr %q", stderr.String())
				}
				if args[0] == "decode" && stderr.Len() != 0 {
					t.Errorf("stderr %q", stderr.String())
				}
			})
		}
	}
}

// childGone reports whether process pid, a child of canhcua's, has ended
// (it may remain a zombie: its command line is then empty).
func childGone(pid int) bool {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return !bytes.Contains(b, []byte(workerCommand))
}

// childrenOf lists the children of process pid.
func childrenOf(pid int) []int {
	var out []int
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, task := range tasks {
		b, _ := os.ReadFile(task)
		for _, f := range strings.Fields(string(b)) {
			var c int
			fmt.Sscan(f, &c)
			out = append(out, c)
		}
	}
	return out
}

// The real binary on each hostile file alone: its exit status and line,
// within seconds and under 1 GB (the peak resident memory of the command
// and its child, as wait4 reports it).
func TestBinaryHostileFiles(t *testing.T) {
	bin := buildBinary(t)
	f := writeHostileFiles(t, t.TempDir())
	for _, c := range []struct {
		path   string
		status int
	}{
		{f.huge, exitUsage}, {f.sparse, exitUsage}, {f.big5000, exitOK}, {f.big20000, exitOK}, {f.pages2000, exitUsage},
	} {
		cmd := exec.Command(bin, "decode", c.path, f.good)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		cmd.Run()
		d := time.Since(start)
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
		t.Logf("%s: %v, peak RSS %d MB, status %d", filepath.Base(c.path), d.Round(time.Millisecond), rss>>20, cmd.ProcessState.ExitCode())
		if cmd.ProcessState.ExitCode() != c.status || strings.Count(stderr.String(), "\n") != 1 ||
			!strings.HasPrefix(stderr.String(), "canhcua decode: "+c.path+": ") || !strings.HasSuffix(stdout.String(), f.good+": xin chào\n") {
			t.Errorf("%s: status %d, stdout %q, stderr %q", c.path, cmd.ProcessState.ExitCode(), stdout.String(), stderr.String())
		}
		if rss > 1<<30 {
			t.Errorf("%s: peak RSS %d MB", c.path, rss>>20)
		}
		if d > 30*time.Second {
			t.Errorf("%s: took %v", c.path, d)
		}
	}
}
