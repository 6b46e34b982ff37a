module github.com/canhcua/canhcua

go 1.26.0

require (
	github.com/ebitengine/purego v0.8.4 // indirect
	github.com/gen2brain/go-fitz v1.24.15 // indirect
	github.com/go-pdf/fpdf v0.9.0 // indirect
	github.com/jupiterrider/ffi v0.5.0 // indirect
	github.com/skip2/go-qrcode v0.0.0-20200617195104-da1b6568686e // indirect
	gocv.io/x/gocv v0.31.0 // indirect
	golang.org/x/image v0.48.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
