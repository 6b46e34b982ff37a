// Package termcap finds out how the terminal the desk runs in can draw the
// camera's picture: through the kitty graphics protocol, through sixel, or
// (the default, which any terminal shows) with Unicode half blocks. A
// protocol is only chosen when the terminal says it has it, so that no
// graphics escape is ever sent to a terminal that would print it. Colours
// (24-bit, 256, fewer) are termenv's business (COLORTERM, TERM).
package termcap

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Graphics is a way of drawing pictures.
type Graphics int

// Graphics values.
const (
	Cells Graphics = iota // Unicode half blocks
	Kitty                 // the kitty graphics protocol
	Sixel                 // sixel graphics
)

func (g Graphics) String() string {
	switch g {
	case Kitty:
		return "kitty"
	case Sixel:
		return "sixel"
	}
	return "cells"
}

// Env is CANHCUA_GRAPHICS: "cells" turns the graphics protocols off.
const Env = "CANHCUA_GRAPHICS"

// multiplexed says whether the terminal is tmux or screen, which do not pass
// the kitty protocol through (they answer the sixel question themselves).
func multiplexed(getenv func(string) string) bool {
	term := getenv("TERM")
	return getenv("TMUX") != "" || getenv("STY") != "" ||
		strings.HasPrefix(term, "screen") || strings.HasPrefix(term, "tmux")
}

// KittyFromEnv says whether the environment names kitty (TERM=xterm-kitty,
// or KITTY_WINDOW_ID set) outside tmux and screen.
func KittyFromEnv(getenv func(string) string) bool {
	if multiplexed(getenv) || getenv(Env) == "cells" {
		return false
	}
	return getenv("TERM") == "xterm-kitty" || getenv("KITTY_WINDOW_ID") != ""
}

var (
	da1RE  = regexp.MustCompile(`\x1b\[\?([0-9;]*)c`)
	cellRE = regexp.MustCompile(`\x1b\[6;([0-9]+);([0-9]+)t`)
)

// SixelIn says whether a reply holds a primary device attributes answer (CSI ?
// Ps ; … c) that lists 4, sixel graphics; answered says whether it holds
// one at all.
func SixelIn(reply []byte) (sixel, answered bool) {
	m := da1RE.FindSubmatch(reply)
	if m == nil {
		return false, false
	}
	for i, p := range strings.Split(string(m[1]), ";") {
		if i > 0 && p == "4" { // the first parameter is the terminal's class
			return true, true
		}
	}
	return false, true
}

// CellSizeIn is the cell size in pixels a reply to CSI 16 t holds (CSI 6 ; h
// ; w t), zero when none.
func CellSizeIn(reply []byte) (w, h int) {
	m := cellRE.FindSubmatch(reply)
	if m == nil {
		return 0, 0
	}
	h, _ = strconv.Atoi(string(m[1]))
	w, _ = strconv.Atoi(string(m[2]))
	return w, h
}

// Query asks the terminal on tty (raw mode for the time of the question)
// for its cell size and device attributes, and reads what it answers within
// wait; every terminal of the VT100 family answers the second. Nothing is
// read once the answer to the device attributes is in.
func Query(tty *os.File, wait time.Duration) ([]byte, error) {
	fd := int(tty.Fd())
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return nil, err
	}
	raw := *old
	raw.Lflag &^= unix.ECHO | unix.ICANON
	raw.Cc[unix.VMIN], raw.Cc[unix.VTIME] = 0, 0
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &raw); err != nil {
		return nil, err
	}
	defer unix.IoctlSetTermios(fd, unix.TCSETS, old)
	if _, err := tty.Write([]byte("\x1b[16t\x1b[c")); err != nil {
		return nil, err
	}
	var reply []byte
	buf := make([]byte, 256)
	deadline := time.Now().Add(wait)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return reply, nil
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			return reply, nil
		}
		k, err := unix.Read(fd, buf)
		if err != nil || k <= 0 {
			return reply, nil
		}
		reply = append(reply, buf[:k]...)
		if da1RE.Match(reply) {
			return reply, nil
		}
		if bytes.Count(reply, []byte{0x1b}) > 16 {
			return reply, nil // not an answer to us
		}
	}
}

// Detect chooses how to draw pictures on the terminal tty (the desk's), and
// the size of its cells in pixels when it says (zero otherwise): kitty from
// the environment; sixel only when the terminal answers the device
// attributes question listing it; half blocks otherwise, and always when
// CANHCUA_GRAPHICS=cells, TERM is dumb or tty is not a terminal.
func Detect(tty *os.File, getenv func(string) string) (g Graphics, cellW, cellH int) {
	if getenv(Env) == "cells" || getenv("TERM") == "" || getenv("TERM") == "dumb" {
		return Cells, 0, 0
	}
	if KittyFromEnv(getenv) {
		return Kitty, 0, 0
	}
	if _, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS); err != nil {
		return Cells, 0, 0
	}
	reply, err := Query(tty, 300*time.Millisecond)
	if err != nil {
		return Cells, 0, 0
	}
	if sixel, _ := SixelIn(reply); sixel {
		cellW, cellH = CellSizeIn(reply)
		return Sixel, cellW, cellH
	}
	return Cells, 0, 0
}
