// Small C interface of canhcua's own over OpenCV's WeChat QR code detector
// (opencv_contrib wechat_qrcode), used without its CNN model files.
#ifndef CANHCUA_WECHAT_SHIM_H
#define CANHCUA_WECHAT_SHIM_H

#include <stdint.h>

#include "zxing_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

// cc_wechat_read detects and decodes every QR code in an 8-bit gray image
// with the WeChat detector. Returns like cc_read; a code's bytes are its text.
int cc_wechat_read(const uint8_t *gray, int width, int height, int stride, cc_code **out, char **err);

#ifdef __cplusplus
}
#endif

#endif
