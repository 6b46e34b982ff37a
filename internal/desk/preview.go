package desk

import (
	"image"
	"math"

	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/ui"
)

// guides are the camera's guidance values as the screen names them.
var guides = map[camera.Guidance]ui.Guidance{
	camera.GuideCloser: ui.GuideCloser,
	camera.GuideSteady: ui.GuideSteady,
	camera.GuideGlare:  ui.GuideGlare,
}

// Preview is the camera's picture for the screen, polled a few times a
// second (ui.Config.Preview): the newest frame copied, the codes read and
// the patterns seen but not read, and what to tell the person at the door.
// It never waits on the decoding: converting and measuring happen here, on
// the caller's goroutine.
func (d *Camera) Preview() ui.PreviewFrame {
	d.mu.Lock()
	pv := d.pv
	d.mu.Unlock()
	if pv == nil {
		return ui.PreviewFrame{}
	}
	return PreviewFrame(pv.Shot())
}

// PreviewFrame is a camera.PreviewShot as the screen takes it.
func PreviewFrame(s camera.PreviewShot) ui.PreviewFrame {
	f := ui.PreviewFrame{Image: s.Image, Size: s.Size, Guide: guides[s.Guide]}
	for _, q := range s.Codes {
		f.Codes = append(f.Codes, outline(q))
	}
	for _, q := range s.Open {
		f.Seen = append(f.Seen, outline(q))
	}
	return f
}

func outline(q camera.Quad) ui.Outline {
	var o ui.Outline
	for k, p := range q {
		o[k] = image.Pt(int(math.Round(p.X)), int(math.Round(p.Y)))
	}
	return o
}
