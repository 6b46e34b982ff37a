package camera

import (
	"image"
	"sync"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Camera health thresholds. Frames are measured in gray, downscaled to about
// AnalyzeWidth pixels; levels are on the 0–255 scale.
//
// Every problem must persist before it is reported, so that a person walking
// close past the lens does not raise a warning, yet is reported within 3 s of
// its start: the persistence times below plus the analysis period (250 ms)
// and the caller's check period (≤ 0.5 s) stay under 3 s.
const (
	// NoFramesAfter: no frame for this long is "no frames".
	NoFramesAfter = 2 * time.Second
	// FrozenAfter: frames identical for this long are "frozen".
	FrozenAfter = 2 * time.Second
	// TroubleAfter: a dark or covered view must last this long.
	TroubleAfter = time.Second

	// DarkMean: a frame whose mean level is below this is too dark.
	DarkMean = 25.0
	// CoveredContrast: a frame whose standard deviation is below this is
	// uniform — a finger or a cap on the lens (dark or, with the light behind
	// the finger, bright). Uniform and dark counts as dark, not covered: the
	// cure is the same, and "too dark" is the likelier cause.
	CoveredContrast = 6.0

	// Frozen: two frames count as the same when the mean absolute difference
	// is below FrozenMeanDiff AND fewer than FrozenChanged of the pixels
	// differ by more than FrozenPixelDelta. A live camera never delivers the
	// same frame twice, even of an empty doorway: sensor noise alone changes
	// many pixels by a few levels (a mean difference of about 1 on a
	// downscaled webcam frame), and the time overlay of IP cameras changes
	// too. A stalled driver or stream repeats the very same buffer
	// (difference 0). The thresholds sit just above 0 so that re-encoding a
	// stuck frame (MJPEG) still counts as frozen; a very clean camera on a
	// dead-still scene could in principle fall below them, which would show
	// as a "frozen" warning that clears by itself when anything moves.
	FrozenMeanDiff   = 0.3
	FrozenPixelDelta = 4
	FrozenChanged    = 0.0005
)

// Problem is what is wrong with the camera; "" when nothing is.
type Problem string

// The camera problems, most serious first.
const (
	ProblemNone     Problem = ""
	ProblemNoFrames Problem = "no_frames"
	ProblemFrozen   Problem = "frozen"
	ProblemCovered  Problem = "covered"
	ProblemDark     Problem = "dark"
)

// problemText is each problem's description in the catalog.
var problemText = map[Problem]catalog.Key{
	ProblemNoFrames: catalog.CameraNoFrames,
	ProblemFrozen:   catalog.CameraFrozen,
	ProblemCovered:  catalog.CameraCovered,
	ProblemDark:     catalog.CameraDark,
}

// Message is a short description for the supervisor (English).
func (p Problem) Message() string { return p.In(catalog.EN) }

// In is the problem's description in l; "" for no problem.
func (p Problem) In(l catalog.Lang) string {
	if k, ok := problemText[p]; ok {
		return l.T(k)
	}
	return ""
}

// FrameMeasure is what health looks at in one frame.
type FrameMeasure struct {
	Mean     float64 // mean level
	Contrast float64 // standard deviation of the levels
	// Compared with the previous measured frame (HasPrev): mean absolute
	// difference and the fraction of pixels that changed by more than
	// FrozenPixelDelta.
	Diff, Changed float64
	HasPrev       bool
}

// Same reports whether the frame is the same as the previous one (see
// FrozenMeanDiff).
func (m FrameMeasure) Same() bool {
	return m.HasPrev && m.Diff < FrozenMeanDiff && m.Changed < FrozenChanged
}

// MeasureFrame measures an 8-bit gray frame, and compares it with prev when
// prev is a gray frame of the same size. work is scratch space (may be
// empty); the caller owns and closes all three.
func MeasureFrame(gray, prev gocv.Mat, work *gocv.Mat) FrameMeasure {
	var m FrameMeasure
	if gray.Empty() {
		return m
	}
	mean, std := gocv.NewMat(), gocv.NewMat()
	gocv.MeanStdDev(gray, &mean, &std)
	m.Mean = mean.GetDoubleAt(0, 0)
	m.Contrast = std.GetDoubleAt(0, 0)
	mean.Close()
	std.Close()
	if prev.Empty() || prev.Rows() != gray.Rows() || prev.Cols() != gray.Cols() || prev.Type() != gray.Type() {
		return m
	}
	gocv.AbsDiff(gray, prev, work)
	m.Diff = work.Mean().Val1
	gocv.Threshold(*work, work, FrozenPixelDelta, 255, gocv.ThresholdBinary)
	m.Changed = float64(gocv.CountNonZero(*work)) / float64(gray.Rows()*gray.Cols())
	m.HasPrev = true
	return m
}

// Health is the state of the camera.
type Health struct {
	Problem Problem // the most serious problem that persisted; "" when healthy

	NoFrames bool // no frame for NoFramesAfter
	Frozen   bool // the same frame for FrozenAfter
	Dark     bool // too dark for TroubleAfter
	Covered  bool // uniform (lens covered) for TroubleAfter

	Mean, Contrast float64       // of the latest frame
	SameFor        time.Duration // how long the frames have been the same
	LastFrame      time.Time     // when the latest frame arrived (zero: none yet)
}

// OK reports whether nothing is wrong.
func (h Health) OK() bool { return h.Problem == ProblemNone }

// HealthMonitor turns frame measures into camera health. Frames arrive through
// Frame (measured) and Seen (just their arrival time); Check(now) reports "no
// frames" when none arrived for NoFramesAfter — since then nothing calls
// Frame, the caller calls Check on a timer. Times come from the caller, so
// the monitor is deterministic in tests. It is safe for concurrent use.
type HealthMonitor struct {
	mu                        sync.Mutex
	start, last               time.Time // monitor start; latest frame seen
	measuredAt                time.Time // latest measured frame
	sameSince                 time.Time // first frame of the current run of same frames
	darkSince, coveredSince   time.Time
	measured                  FrameMeasure
	hasMeasure, sameRun, gone bool
}

// NewHealthMonitor starts monitoring at start: with no frame at all, "no
// frames" is reported NoFramesAfter later.
func NewHealthMonitor(start time.Time) *HealthMonitor {
	return &HealthMonitor{start: start}
}

// Seen records that a frame arrived at at, without measuring it.
func (h *HealthMonitor) Seen(at time.Time) {
	h.mu.Lock()
	if at.After(h.last) {
		h.last = at
	}
	h.mu.Unlock()
}

// Frame records a measured frame captured at at and returns the health then.
func (h *HealthMonitor) Frame(m FrameMeasure, at time.Time) Health {
	h.mu.Lock()
	defer h.mu.Unlock()
	if at.After(h.last) {
		h.last = at
	}
	if m.Same() {
		if !h.sameRun {
			// The run of same frames started with the previous frame.
			h.sameRun, h.sameSince = true, h.measuredAt
			if !h.hasMeasure {
				h.sameSince = at
			}
		}
	} else {
		h.sameRun = false
	}
	dark := m.Mean < DarkMean
	covered := !dark && m.Contrast < CoveredContrast
	h.darkSince = since(h.darkSince, dark, at)
	h.coveredSince = since(h.coveredSince, covered, at)
	h.measured, h.hasMeasure = m, true
	h.measuredAt = at
	return h.health(at)
}

// Check returns the health at now (which should not be before the latest
// frame's time).
func (h *HealthMonitor) Check(now time.Time) Health {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.health(now)
}

func since(t time.Time, on bool, at time.Time) time.Time {
	switch {
	case !on:
		return time.Time{}
	case t.IsZero():
		return at
	}
	return t
}

func (h *HealthMonitor) health(now time.Time) Health {
	var s Health
	s.LastFrame = h.last
	ref := h.last
	if ref.IsZero() {
		ref = h.start
	}
	s.NoFrames = now.Sub(ref) >= NoFramesAfter
	if h.hasMeasure {
		s.Mean, s.Contrast = h.measured.Mean, h.measured.Contrast
	}
	if h.sameRun {
		s.SameFor = h.measuredAt.Sub(h.sameSince)
		s.Frozen = s.SameFor >= FrozenAfter
	}
	s.Dark = !h.darkSince.IsZero() && h.measuredAt.Sub(h.darkSince) >= TroubleAfter
	s.Covered = !h.coveredSince.IsZero() && h.measuredAt.Sub(h.coveredSince) >= TroubleAfter
	switch {
	case s.NoFrames:
		s.Problem = ProblemNoFrames
	case s.Frozen:
		s.Problem = ProblemFrozen
	case s.Covered:
		s.Problem = ProblemCovered
	case s.Dark:
		s.Problem = ProblemDark
	}
	return s
}

// grayInto converts a frame of 1, 3 (BGR) or 4 (BGRA) channels to gray.
func grayInto(src gocv.Mat, dst *gocv.Mat) {
	switch src.Channels() {
	case 3:
		gocv.CvtColor(src, dst, gocv.ColorBGRToGray)
	case 4:
		gocv.CvtColor(src, dst, gocv.ColorBGRAToGray)
	default:
		src.CopyTo(dst)
	}
}

// scaledSize is the size of a w×h frame scaled down to at most width pixels
// wide (never up).
func scaledSize(w, h, width int) image.Point {
	if w <= width || width <= 0 {
		return image.Pt(w, h)
	}
	return image.Pt(width, max(1, (h*width+w/2)/w))
}
