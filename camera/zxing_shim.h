// Small C interface of canhcua's own over zxing-cpp, called from Go via cgo.
#ifndef CANHCUA_ZXING_SHIM_H
#define CANHCUA_ZXING_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	char *text;      // UTF-8, NUL-terminated; text_len excludes the NUL
	int text_len;
	uint8_t *bytes;  // raw payload bytes
	int bytes_len;
	int pts[8];      // x0,y0 .. x3,y3: top-left, top-right, bottom-right, bottom-left
} cc_code;

typedef struct {
	int try_harder;
	int try_rotate;
	int try_downscale;
	int is_pure;
	int binarizer;    // 0 local average, 1 global histogram, 2 fixed threshold, 3 bool cast
	int max_symbols;  // 0 = no limit
} cc_opts;

// cc_read decodes every QR code in an 8-bit gray image. It returns the number
// of codes and stores a malloc'd array in *out (NULL when none), or -1 on an
// internal error with a message (malloc'd) in *err.
int cc_read(const uint8_t *gray, int width, int height, int stride, cc_opts opts, cc_code **out, char **err);

// cc_detect finds QR code outlines with OpenCV's QRCodeDetector (detection
// only: its decoder is never called), on the image shrunk so that its longer
// side is at most max_side (0: as is). It writes up to max_quads quads of 4
// corners (8 floats, image coordinates) to quads and returns how many.
int cc_detect(const uint8_t *gray, int width, int height, int stride, int max_side, int multi, float *quads, int max_quads);

// cc_read_quad warps the quadrilateral quad (4 corners, 8 floats) of the image
// to an upright square of side pixels with a margin of quiet zone around it,
// decodes that with zxing-cpp and maps the corners found back to image
// coordinates. Returns like cc_read.
int cc_read_quad(const uint8_t *gray, int width, int height, int stride, const float *quad, int side, int margin, cc_opts opts, cc_code **out, char **err);

// cc_free releases what cc_read returned.
void cc_free(cc_code *codes, int n);

// cc_quiet silences OpenCV's own logging, which would otherwise write to the
// terminal.
void cc_quiet(void);

#ifdef __cplusplus
}
#endif

#endif
