// Package disktest makes the storage failures of the tests real: a small
// disk that fills up, a folder on read-only media, a file that cannot be
// written. As root (the tests' CI) it mounts a tmpfs, bind-mounts a folder
// read-only and marks a file immutable, since permission bits do not stop
// root; otherwise it uses permission bits where they stop the process, and
// skips where nothing else would be real.
package disktest

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// Root reports whether the tests run as root.
func Root() bool { return os.Geteuid() == 0 }

// Small mounts an empty tmpfs of size bytes on a new folder and returns the
// folder; it is unmounted when the test ends. It needs root: without it the
// test is skipped.
func Small(t testing.TB, size int) string {
	t.Helper()
	if !Root() {
		t.Skip("a small disk (tmpfs) needs root to mount")
	}
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "size="+strconv.Itoa(size)+",mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs on %s: %v", dir, err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	return dir
}

// Fill writes a file "filler" in dir until the disk under dir is full.
func Fill(t testing.TB, dir string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, "filler"), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); errors.Is(err, unix.ENOSPC) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	// What the 4 KiB writes left, byte by byte.
	for {
		if _, err := f.Write(buf[:1]); err != nil {
			return
		}
	}
}

// ReadOnly returns dir as read-only media: as root, a read-only bind mount
// of dir (on a new folder, unmounted when the test ends); otherwise dir itself
// with its permissions taken away (0555 for the folder, 0444 for the files
// in it), given back when the test ends.
func ReadOnly(t testing.TB, dir string) string {
	t.Helper()
	if Root() {
		ro := t.TempDir()
		if err := unix.Mount(dir, ro, "", unix.MS_BIND, ""); err != nil {
			t.Skipf("cannot bind-mount %s: %v", dir, err)
		}
		t.Cleanup(func() { unix.Unmount(ro, unix.MNT_DETACH) })
		if err := unix.Mount("", ro, "", unix.MS_BIND|unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount %s read-only: %v", ro, err)
		}
		return ro
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		chmod(t, filepath.Join(dir, e.Name()), 0o444)
	}
	chmod(t, dir, 0o555)
	return dir
}

// ReadOnlyFile makes the file at path unwritable until the test ends: as
// root it is marked immutable (chattr +i); otherwise its mode is 0444.
func ReadOnlyFile(t testing.TB, path string) {
	t.Helper()
	if !Root() {
		chmod(t, path, 0o444)
		return
	}
	if err := setImmutable(path, true); err != nil {
		t.Skipf("cannot mark %s immutable: %v", path, err)
	}
	t.Cleanup(func() {
		if err := setImmutable(path, false); err != nil {
			t.Errorf("chattr -i %s: %v", path, err)
		}
	})
}

// chmod sets path's mode and puts the old one back when the test ends.
func chmod(t testing.TB, path string, mode os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, fi.Mode().Perm()) })
}

// fsImmutable is FS_IMMUTABLE_FL of <linux/fs.h>, the flag chattr +i sets.
const fsImmutable = 0x10

// setImmutable sets or clears the file's immutable flag (FS_IMMUTABLE_FL).
func setImmutable(path string, on bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	if err != nil {
		return err
	}
	if on {
		flags |= fsImmutable
	} else {
		flags &^= fsImmutable
	}
	return unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(flags))
}
