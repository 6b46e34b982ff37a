package camera

import (
	"bytes"
	"errors"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// quietChildEnv makes the test binary, run again, be the process that
// panics inside Quiet; its value is where its standard error points ("-":
// left as it is, a command's; a path: a file, as the desk's canhcua.log).
const quietChildEnv = "CANHCUA_QUIET_CHILD"

// TestQuietKeepsPanics runs the test binary again as a process whose
// goroutine panics while another is inside Quiet: the panic and its stack
// reach standard error (a command) or the file standard error points at
// (the desk's canhcua.log), and so does a line logged meanwhile; what a
// library writes to fd 2 meanwhile does not.
func TestQuietKeepsPanics(t *testing.T) {
	if where := os.Getenv(quietChildEnv); where != "" {
		quietChild(where)
		return
	}
	for _, where := range []string{"-", filepath.Join(t.TempDir(), "canhcua.log")} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestQuietKeepsPanics$")
		cmd.Env = append(os.Environ(), quietChildEnv+"="+where)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			t.Fatalf("%s: the child did not die of its panic: %v\n%s", where, err, stderr.String())
		}
		got := stderr.String()
		if where != "-" {
			b, err := os.ReadFile(where)
			if err != nil {
				t.Fatal(err)
			}
			got = string(b)
		}
		for _, want := range []string{"logged before Quiet", "logged during Quiet", "panic: boom during Quiet",
			"goroutine ", "camera.panicInQuiet", "quiet_test.go"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: lacks %q:\n%s", where, want, got)
			}
		}
		if strings.Contains(got, "library noise") {
			t.Errorf("%s: a library's output came through:\n%s", where, got)
		}
	}
}

// quietChild is the child of TestQuietKeepsPanics.
func quietChild(where string) {
	if where != "-" {
		f, err := os.OpenFile(where, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			log.Fatal(err)
		}
		if err := unix.Dup2(int(f.Fd()), 2); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("logged before Quiet")
	Quiet(func() {
		unix.Write(2, []byte("library noise\n")) // as a C library writes
		done := make(chan struct{})
		go func() {
			log.Printf("logged during Quiet")
			close(done)
		}()
		<-done
		go panicInQuiet()
		time.Sleep(10 * time.Second)
	})
	log.Fatal("the panic did not end the process")
}

//go:noinline
func panicInQuiet() { panic("boom during Quiet") }
