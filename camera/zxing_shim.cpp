// canhcua's shim over zxing-cpp 1.4 (Debian's libzxing-dev).
#define ZX_USE_UTF8 1
#include "zxing_shim.h"

#include <ReadBarcode.h>
#include <opencv2/core/utils/logger.hpp>
extern "C" {
#include <libavutil/log.h>
}

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

static char *dup_bytes(const void *p, size_t n) {
	char *d = static_cast<char *>(std::malloc(n + 1));
	if (d == nullptr) return nullptr;
	if (n > 0) std::memcpy(d, p, n);
	d[n] = 0;
	return d;
}

extern "C" int cc_read(const uint8_t *gray, int width, int height, int stride, cc_opts o, cc_code **out, char **err) {
	*out = nullptr;
	*err = nullptr;
	try {
		ZXing::ImageView view(gray, width, height, ZXing::ImageFormat::Lum, stride);
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
		ZXing::Results results = ZXing::ReadBarcodes(view, hints);
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
				c.pts[2 * k] = pos[k].x;
				c.pts[2 * k + 1] = pos[k].y;
			}
		}
		*out = codes;
		return n;
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
