package camera

import (
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"os"
	"sync"

	"gocv.io/x/gocv"
)

// DefaultFaceCascade is the frontal-face Haar cascade shipped by Debian's
// opencv-data package.
const DefaultFaceCascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"

// Presence detection tuning, for gray frames about AnalyzeWidth (640) pixels
// wide: a face at a door seen by a 720p webcam is 50–150 px there.
const (
	// FaceMinSize is the smallest detection window, in pixels of the
	// analysed frame (faces of about 40 px and up are found: a person within
	// about 3 m of a 720p webcam). Smaller faces are people far behind the
	// door, and looking for them costs most of the cascade's time.
	FaceMinSize = 48
	// FaceScaleStep is the cascade's pyramid step (1.1 is OpenCV's default;
	// 1.15 is faster and still finds faces of every size tried, 40–120 px).
	FaceScaleStep = 1.15
	// FaceMinNeighbors is how many overlapping hits make a face: higher
	// means fewer false faces in textures (codes, posters, clothes).
	FaceMinNeighbors = 5
	// HOGScaleStep and HOGWinStride tune the HOG people detector, which is
	// slower than the face cascade (it looks for 64×128 whole bodies).
	HOGScaleStep = 1.08
	HOGWinStride = 8
	// HOGHitThreshold drops weak HOG hits (the SVM margin; 0 is OpenCV's
	// default).
	HOGHitThreshold = 0.3
)

// PresenceDetector finds people in gray frames: faces with a Haar cascade,
// or whole bodies with OpenCV's HOG people detector. It is safe for
// concurrent use (calls are serialised) and must be closed.
type PresenceDetector struct {
	mu      sync.Mutex
	cascade *gocv.CascadeClassifier
	hog     *gocv.HOGDescriptor
	kind    string
}

// NewPresenceDetector loads a Haar cascade (DefaultFaceCascade when path is
// empty). A missing or unreadable file is an error; the caller can fall back
// to NewHOGPresenceDetector.
func NewPresenceDetector(cascadePath string) (*PresenceDetector, error) {
	if cascadePath == "" {
		cascadePath = DefaultFaceCascade
	}
	if _, err := os.Stat(cascadePath); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("face detector: %s is missing (Debian/Ubuntu: apt-get install opencv-data)", cascadePath)
		}
		return nil, fmt.Errorf("face detector: %w", err)
	}
	// OpenCV aborts the process on a malformed cascade file (an uncaught
	// C++ exception), so the file is checked first.
	if err := checkCascade(cascadePath); err != nil {
		return nil, fmt.Errorf("face detector: %s: %w", cascadePath, err)
	}
	c := gocv.NewCascadeClassifier()
	ok := false
	Quiet(func() { ok = c.Load(cascadePath) })
	if !ok {
		c.Close()
		return nil, fmt.Errorf("face detector: %s is not an OpenCV cascade", cascadePath)
	}
	return &PresenceDetector{cascade: &c, kind: "face"}, nil
}

// NewHOGPresenceDetector makes a detector of standing people with OpenCV's
// default HOG people detector. It needs no data file but is slower and needs
// the whole body (about 64×128 px or larger) in view.
func NewHOGPresenceDetector() *PresenceDetector {
	h := gocv.NewHOGDescriptor()
	svm := gocv.HOGDefaultPeopleDetector()
	h.SetSVMDetector(svm) // copied into the descriptor
	svm.Close()
	return &PresenceDetector{hog: &h, kind: "hog"}
}

// Kind is "face" or "hog".
func (p *PresenceDetector) Kind() string { return p.kind }

// Detect returns the people found in an 8-bit gray frame, in its pixel
// coordinates. It returns nil after Close or for an empty frame.
func (p *PresenceDetector) Detect(gray gocv.Mat) []image.Rectangle {
	if gray.Empty() || gray.Type() != gocv.MatTypeCV8UC1 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.cascade != nil:
		return p.cascade.DetectMultiScaleWithParams(gray, FaceScaleStep, FaceMinNeighbors, 0,
			image.Pt(FaceMinSize, FaceMinSize), image.Pt(0, 0))
	case p.hog != nil:
		if gray.Cols() < 64 || gray.Rows() < 128 {
			return nil
		}
		return p.hog.DetectMultiScaleWithParams(gray, HOGHitThreshold,
			image.Pt(HOGWinStride, HOGWinStride), image.Pt(8, 8), HOGScaleStep, 2, false)
	}
	return nil
}

// Close frees the detector; Detect then finds nothing.
func (p *PresenceDetector) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cascade != nil {
		p.cascade.Close()
		p.cascade = nil
	}
	if p.hog != nil {
		p.hog.Close()
		p.hog = nil
	}
	return nil
}

// cascadeFile is the outline of an OpenCV (≥ 2.4) cascade file.
type cascadeFile struct {
	XMLName xml.Name `xml:"opencv_storage"`
	Cascade *struct {
		StageType   string `xml:"stageType"`
		FeatureType string `xml:"featureType"`
		Height      int    `xml:"height"`
		Width       int    `xml:"width"`
		StageNum    int    `xml:"stageNum"`
		Stages      struct {
			N []struct{} `xml:"_"`
		} `xml:"stages"`
		Features struct {
			N []struct{} `xml:"_"`
		} `xml:"features"`
	} `xml:"cascade"`
}

// checkCascade checks that a file is a whole OpenCV cascade: well-formed
// XML with the parts OpenCV reads. It does not check every number, but
// catches the wrong file and a truncated one.
func checkCascade(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var c cascadeFile
	if err := xml.NewDecoder(f).Decode(&c); err != nil {
		return fmt.Errorf("not an OpenCV cascade file: %w", err)
	}
	k := c.Cascade
	switch {
	case k == nil:
		return errors.New("not an OpenCV cascade file (an OpenCV 2.4+ <cascade> is needed)")
	case k.StageType != "BOOST" || (k.FeatureType != "HAAR" && k.FeatureType != "LBP" && k.FeatureType != "HOG"):
		return fmt.Errorf("unknown cascade type %q/%q", k.StageType, k.FeatureType)
	case k.Width <= 0 || k.Height <= 0 || k.StageNum <= 0 || len(k.Stages.N) != k.StageNum || len(k.Features.N) == 0:
		return errors.New("incomplete cascade file")
	}
	return nil
}
