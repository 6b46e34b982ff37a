// canhcua's shim over OpenCV 4.6's WeChat QR code detector (Debian's
// libopencv-contrib), without the CNN models: the detector then uses its
// traditional finder-pattern search and its own zxing-derived decoder.
#include "wechat_shim.h"

#include <opencv2/core.hpp>
#include <opencv2/wechat_qrcode.hpp>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

static char *wc_dup(const void *p, size_t n) {
	char *d = static_cast<char *>(std::malloc(n + 1));
	if (d == nullptr) return nullptr;
	if (n > 0) std::memcpy(d, p, n);
	d[n] = 0;
	return d;
}

extern "C" int cc_wechat_read(const uint8_t *gray, int width, int height, int stride, cc_code **out, char **err) {
	*out = nullptr;
	*err = nullptr;
	try {
		cv::Mat img(height, width, CV_8UC1, const_cast<uint8_t *>(gray), static_cast<size_t>(stride));
		// Without model files the detector holds no network: one per call is cheap
		// and keeps calls from different goroutines apart.
		cv::wechat_qrcode::WeChatQRCode det;
		std::vector<cv::Mat> points;
		std::vector<std::string> texts = det.detectAndDecode(img, points);
		int n = static_cast<int>(texts.size());
		if (n == 0) return 0;
		cc_code *codes = static_cast<cc_code *>(std::calloc(n, sizeof(cc_code)));
		if (codes == nullptr) {
			*err = wc_dup("out of memory", 13);
			return -1;
		}
		for (int i = 0; i < n; i++) {
			cc_code &c = codes[i];
			c.text = wc_dup(texts[i].data(), texts[i].size());
			c.text_len = static_cast<int>(texts[i].size());
			c.bytes = reinterpret_cast<uint8_t *>(wc_dup(texts[i].data(), texts[i].size()));
			c.bytes_len = c.text_len;
			if (i < static_cast<int>(points.size()) && points[i].total() >= 4) {
				cv::Mat p;
				points[i].convertTo(p, CV_32F);
				p = p.reshape(1, 4);
				for (int k = 0; k < 4; k++) {
					c.pts[2 * k] = static_cast<int>(p.at<float>(k, 0) + 0.5f);
					c.pts[2 * k + 1] = static_cast<int>(p.at<float>(k, 1) + 0.5f);
				}
			}
		}
		*out = codes;
		return n;
	} catch (const std::exception &e) {
		*err = wc_dup(e.what(), std::strlen(e.what()));
		return -1;
	} catch (...) {
		*err = wc_dup("unknown WeChat detector error", 29);
		return -1;
	}
}
