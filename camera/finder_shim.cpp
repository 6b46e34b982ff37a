// canhcua's finder-pattern search with OpenCV: contours of a locally
// thresholded image, nested three deep (dark ring, light ring, dark square).
#include "finder_shim.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

using Contour = std::vector<cv::Point>;

// largest_child returns the child of contour i with the largest area, or -1.
int largest_child(const std::vector<Contour> &cs, const std::vector<cv::Vec4i> &h, int i, double *area) {
	int best = -1;
	double ba = 0;
	for (int c = h[i][2]; c >= 0; c = h[c][0]) {
		double a = std::fabs(cv::contourArea(cs[c]));
		if (a > ba) {
			ba = a;
			best = c;
		}
	}
	*area = ba;
	return best;
}

// quad_of fits contour c as a quadrilateral: the corners of a 4-vertex
// polygon approximation, each side then refitted as a line through the
// contour points between its corners (their middle 70%) and the corners
// recomputed as the lines' intersections.
bool quad_of(const Contour &c, cv::Point2f q[4]) {
	if (c.size() < 4) return false;
	double peri = cv::arcLength(c, true);
	Contour poly;
	for (double eps : {0.04, 0.06, 0.08, 0.03, 0.1}) {
		cv::approxPolyDP(c, poly, eps * peri, true);
		if (poly.size() == 4) break;
	}
	if (poly.size() != 4 || !cv::isContourConvex(poly)) return false;
	// Indices of the corners in the contour.
	int idx[4];
	for (int k = 0; k < 4; k++) {
		idx[k] = -1;
		for (size_t j = 0; j < c.size(); j++)
			if (c[j] == poly[k]) {
				idx[k] = static_cast<int>(j);
				break;
			}
		if (idx[k] < 0) return false;
	}
	int n = static_cast<int>(c.size());
	cv::Vec4f lines[4];
	for (int k = 0; k < 4; k++) {
		int a = idx[k], b = idx[(k + 1) % 4];
		int len = (b - a + n) % n;
		if (len == 0) return false;
		std::vector<cv::Point2f> side;
		int skip = len * 15 / 100;
		for (int j = skip; j <= len - skip; j++) side.emplace_back(c[(a + j) % n]);
		if (side.size() < 2) {
			side.clear();
			side.emplace_back(c[a]);
			side.emplace_back(c[b]);
		}
		cv::fitLine(side, lines[k], cv::DIST_L2, 0, 0.01, 0.01);
	}
	for (int k = 0; k < 4; k++) {
		// Corner k is where side k-1 meets side k.
		const cv::Vec4f &l1 = lines[(k + 3) % 4], &l2 = lines[k];
		float d = l1[0] * l2[1] - l1[1] * l2[0];
		if (std::fabs(d) < 1e-3f) return false;
		float t = ((l2[2] - l1[2]) * l2[1] - (l2[3] - l1[3]) * l2[0]) / d;
		q[k] = cv::Point2f(l1[2] + t * l1[0], l1[3] + t * l1[1]);
		if (cv::norm(q[k] - cv::Point2f(poly[k])) > 0.25 * peri / 4) return false;
	}
	return true;
}

} // namespace

extern "C" int cc_finders(const uint8_t *gray, int width, int height, int stride, int block, int delta, cc_finder *out, int max_out) {
	try {
		cv::Mat img(height, width, CV_8UC1, const_cast<uint8_t *>(gray), static_cast<size_t>(stride));
		cv::Mat bin;
		block = std::max(3, block | 1);
		cv::adaptiveThreshold(img, bin, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, delta);
		std::vector<Contour> cs;
		std::vector<cv::Vec4i> h;
		cv::findContours(bin, cs, h, cv::RETR_TREE, cv::CHAIN_APPROX_SIMPLE);
		int n = 0;
		for (size_t i = 0; i < cs.size() && n < max_out; i++) {
			if (h[i][2] < 0) continue;
			// Outer boundaries of dark regions are at even depth.
			int depth = 0;
			for (int p = h[i][3]; p >= 0; p = h[p][3]) depth++;
			if (depth % 2 != 0) continue;
			if (cs[i].size() < 4) continue;
			double aout = std::fabs(cv::contourArea(cs[i]));
			if (aout < 49 * 1.2 * 1.2) continue;
			double ahole, ain;
			int c = largest_child(cs, h, static_cast<int>(i), &ahole);
			if (c < 0) continue;
			int g = largest_child(cs, h, c, &ain);
			if (g < 0 || ain < 4) continue;
			double r1 = aout / ain, r2 = ahole / ain;
			if (r1 < 2.5 || r1 > 14 || r2 < 1.3 || r2 > 7 || aout < 1.4 * ahole) continue;
			cv::Moments m = cv::moments(cs[g]);
			if (m.m00 <= 0) continue;
			cc_finder &f = out[n];
			f.cx = static_cast<float>(m.m10 / m.m00);
			f.cy = static_cast<float>(m.m01 / m.m00);
			// The three centroids must nearly coincide.
			cv::Moments mo = cv::moments(cs[i]);
			if (mo.m00 <= 0) continue;
			double side = std::sqrt(aout);
			if (std::hypot(mo.m10 / mo.m00 - f.cx, mo.m01 / mo.m00 - f.cy) > 0.15 * side) continue;
			f.area_out = static_cast<float>(aout);
			f.area_in = static_cast<float>(ain);
			cv::Point2f qo[4], qh[4];
			f.quads = 0;
			if (quad_of(cs[i], qo) && quad_of(cs[c], qh)) {
				// Order the hole's corners like the outer ones: nearest first.
				int best = 0;
				double bd = 1e30;
				for (int k = 0; k < 4; k++) {
					double d = cv::norm(qh[k] - qo[0]);
					if (d < bd) {
						bd = d;
						best = k;
					}
				}
				// Same turning direction?
				double so = (qo[1] - qo[0]).cross(qo[2] - qo[1]);
				double sh = (qh[1] - qh[0]).cross(qh[2] - qh[1]);
				cv::Point2f ord[4];
				for (int k = 0; k < 4; k++) {
					int j = so * sh > 0 ? (best + k) % 4 : (best - k + 4) % 4;
					ord[k] = qh[j];
				}
				for (int k = 0; k < 4; k++) {
					f.outer[2 * k] = qo[k].x;
					f.outer[2 * k + 1] = qo[k].y;
					f.hole[2 * k] = ord[k].x;
					f.hole[2 * k + 1] = ord[k].y;
				}
				f.quads = 1;
			}
			n++;
		}
		return n;
	} catch (...) {
		return 0;
	}
}
