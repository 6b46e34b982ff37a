// canhcua's shim over zxing-cpp 1.4 (Debian's libzxing-dev).
#define ZX_USE_UTF8 1
#include "zxing_shim.h"

#include <ReadBarcode.h>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
extern "C" {
#include <libavutil/log.h>
}

#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <exception>
#include <vector>
#include <string>

static char *dup_bytes(const void *p, size_t n) {
	char *d = static_cast<char *>(std::malloc(n + 1));
	if (d == nullptr) return nullptr;
	if (n > 0) std::memcpy(d, p, n);
	d[n] = 0;
	return d;
}

// to_codes copies zxing-cpp's valid results into a malloc'd cc_code array,
// mapping each corner through map (image coordinates of the view's points).
template <typename Map>
static int to_codes(const ZXing::Results &results, Map map, cc_code **out, char **err) {
	int n = 0;
	for (const auto &r : results)
		if (r.isValid()) n++;
	if (n == 0) return 0;
	cc_code *codes = static_cast<cc_code *>(std::calloc(n, sizeof(cc_code)));
	if (codes == nullptr) {
		*err = dup_bytes("out of memory", 13);
		return -1;
	}
	int i = 0;
	for (const auto &r : results) {
		if (!r.isValid()) continue;
		std::string text = r.text();
		const ZXing::ByteArray &bytes = r.bytes();
		cc_code &c = codes[i++];
		c.text = dup_bytes(text.data(), text.size());
		c.text_len = static_cast<int>(text.size());
		c.bytes = reinterpret_cast<uint8_t *>(dup_bytes(bytes.data(), bytes.size()));
		c.bytes_len = static_cast<int>(bytes.size());
		const auto &pos = r.position();
		for (int k = 0; k < 4; k++) {
			float x = static_cast<float>(pos[k].x), y = static_cast<float>(pos[k].y);
			map(x, y);
			c.pts[2 * k] = static_cast<int>(x + (x < 0 ? -0.5f : 0.5f));
			c.pts[2 * k + 1] = static_cast<int>(y + (y < 0 ? -0.5f : 0.5f));
		}
	}
	*out = codes;
	return n;
}

static ZXing::DecodeHints hints_of(const cc_opts &o) {
	ZXing::DecodeHints hints;
	hints.setFormats(ZXing::BarcodeFormat::QRCode);
	hints.setTryHarder(o.try_harder != 0);
	hints.setTryRotate(o.try_rotate != 0);
	hints.setTryDownscale(o.try_downscale != 0);
	hints.setIsPure(o.is_pure != 0);
	switch (o.binarizer) {
	case 1: hints.setBinarizer(ZXing::Binarizer::GlobalHistogram); break;
	case 2: hints.setBinarizer(ZXing::Binarizer::FixedThreshold); break;
	case 3: hints.setBinarizer(ZXing::Binarizer::BoolCast); break;
	default: hints.setBinarizer(ZXing::Binarizer::LocalAverage); break;
	}
	if (o.max_symbols > 0 && o.max_symbols < 255) hints.setMaxNumberOfSymbols(static_cast<uint8_t>(o.max_symbols));
	return hints;
}

extern "C" int cc_read(const uint8_t *gray, int width, int height, int stride, cc_opts o, cc_code **out, char **err) {
	*out = nullptr;
	*err = nullptr;
	try {
		ZXing::ImageView view(gray, width, height, ZXing::ImageFormat::Lum, stride);
		ZXing::Results results = ZXing::ReadBarcodes(view, hints_of(o));
		return to_codes(results, [](float &, float &) {}, out, err);
	} catch (const std::exception &e) {
		*err = dup_bytes(e.what(), std::strlen(e.what()));
		return -1;
	} catch (...) {
		*err = dup_bytes("unknown zxing-cpp error", 23);
		return -1;
	}
}

extern "C" int cc_detect(const uint8_t *gray, int width, int height, int stride, int max_side, int multi, float *quads, int max_quads) {
	try {
		cv::Mat img(height, width, CV_8UC1, const_cast<uint8_t *>(gray), static_cast<size_t>(stride));
		double scale = 1.0;
		cv::Mat small = img;
		if (max_side > 0 && std::max(width, height) > max_side) {
			scale = static_cast<double>(max_side) / std::max(width, height);
			cv::resize(img, small, cv::Size(), scale, scale, cv::INTER_AREA);
		}
		cv::QRCodeDetector det;
		std::vector<cv::Point2f> pts;
		bool ok = multi ? det.detectMulti(small, pts) : det.detect(small, pts);
		if (!ok) return 0;
		int n = 0;
		for (size_t i = 0; i + 3 < pts.size() && n < max_quads; i += 4, n++)
			for (int k = 0; k < 4; k++) {
				quads[8 * n + 2 * k] = static_cast<float>(pts[i + k].x / scale);
				quads[8 * n + 2 * k + 1] = static_cast<float>(pts[i + k].y / scale);
			}
		return n;
	} catch (...) {
		return 0;
	}
}

extern "C" int cc_read_quad(const uint8_t *gray, int width, int height, int stride, const float *quad, int side, int margin, cc_opts o, cc_code **out, char **err) {
	*out = nullptr;
	*err = nullptr;
	try {
		cv::Mat img(height, width, CV_8UC1, const_cast<uint8_t *>(gray), static_cast<size_t>(stride));
		std::vector<cv::Point2f> src(4), dst(4);
		for (int k = 0; k < 4; k++) src[k] = cv::Point2f(quad[2 * k], quad[2 * k + 1]);
		float m = static_cast<float>(margin), s = static_cast<float>(side);
		dst[0] = {m, m};
		dst[1] = {m + s, m};
		dst[2] = {m + s, m + s};
		dst[3] = {m, m + s};
		cv::Mat H = cv::getPerspectiveTransform(src, dst);
		cv::Mat warped;
		cv::warpPerspective(img, warped, H, cv::Size(side + 2 * margin, side + 2 * margin), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
		cv::Mat inv = H.inv();
		ZXing::ImageView view(warped.data, warped.cols, warped.rows, ZXing::ImageFormat::Lum, static_cast<int>(warped.step));
		ZXing::Results results = ZXing::ReadBarcodes(view, hints_of(o));
		auto map = [&inv](float &x, float &y) {
			std::vector<cv::Point2f> p{{x, y}}, q;
			cv::perspectiveTransform(p, q, inv);
			x = q[0].x;
			y = q[0].y;
		};
		return to_codes(results, map, out, err);
	} catch (const std::exception &e) {
		*err = dup_bytes(e.what(), std::strlen(e.what()));
		return -1;
	} catch (...) {
		*err = dup_bytes("unknown zxing-cpp error", 23);
		return -1;
	}
}

extern "C" void cc_free(cc_code *codes, int n) {
	if (codes == nullptr) return;
	for (int i = 0; i < n; i++) {
		std::free(codes[i].text);
		std::free(codes[i].bytes);
	}
	std::free(codes);
}

static void quiet_av_log(void *, int, const char *, va_list) {}

extern "C" void cc_quiet(void) {
	cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
	// OpenCV's FFmpeg backend resets FFmpeg's log level when it first opens a
	// file, but keeps the callback: a callback that drops everything holds.
	av_log_set_callback(quiet_av_log);
}
