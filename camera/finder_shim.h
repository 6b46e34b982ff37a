// Small C interface of canhcua's own: QR finder patterns found with OpenCV,
// for the grid pass (camera/pass_grid.go), which samples the codes itself.
#ifndef CANHCUA_FINDER_SHIM_H
#define CANHCUA_FINDER_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// cc_finder is one finder pattern candidate: a dark ring around a dark
// square, the ring's outer and inner boundaries fitted as quadrilaterals.
typedef struct {
	float cx, cy;    // centroid of the inner square
	float outer[8];  // outer boundary of the ring: 4 corners x,y in contour order
	float hole[8];   // inner boundary of the ring, corners in the same order
	float area_out;  // area inside the outer boundary, px^2
	float area_in;   // area of the inner square
	int quads;       // 1 when both boundaries were fitted as quadrilaterals
} cc_finder;

// cc_finders binarises an 8-bit gray image with a mean adaptive threshold
// (window block px, dark below the mean minus delta), finds every dark ring
// around a dark square among its contours and writes up to max_out of them to
// out. Returns how many (0 on an internal error).
int cc_finders(const uint8_t *gray, int width, int height, int stride, int block, int delta, cc_finder *out, int max_out);

#ifdef __cplusplus
}
#endif

#endif
