// libpng 1.6 (Debian's libpng-dev) through its simplified API, which reports errors in
// the image structure rather than by a jump; these wrappers give Swift the format
// constants (macros it cannot import) and one call each way.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

/// The size in pixels and whether the image has an alpha channel. 0 on success.
static inline int bilan_png_header(
    const unsigned char *data, size_t size, unsigned *width, unsigned *height, int *alpha,
    char *message, size_t message_size
) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        snprintf(message, message_size, "%s", image.message);
        png_image_free(&image);
        return 1;
    }
    *width = image.width;
    *height = image.height;
    *alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    png_image_free(&image);
    return 0;
}

/// Decodes to malloc'd 8-bit sRGB rows, RGBA when the image has alpha, RGB otherwise;
/// refuses images of more than max_pixels before decoding; a warning counts as an error.
/// 0 on success.
static inline int bilan_png_decode(
    const unsigned char *data, size_t size, unsigned long max_pixels, unsigned char **pixels,
    unsigned *width, unsigned *height, int *components, char *message, size_t message_size
) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        snprintf(message, message_size, "%s", image.message);
        png_image_free(&image);
        return 1;
    }
    if ((unsigned long)image.width * image.height > max_pixels) {
        snprintf(message, message_size, "%ux%u pixels is more than bilan decodes (%lu)",
                 image.width, image.height, max_pixels);
        png_image_free(&image);
        return 2;
    }
    int alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    image.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    size_t length = PNG_IMAGE_SIZE(image);
    unsigned char *buffer = malloc(length);
    if (!buffer) {
        snprintf(message, message_size, "out of memory");
        png_image_free(&image);
        return 1;
    }
    if (!png_image_finish_read(&image, NULL, buffer, 0, NULL) || image.warning_or_error) {
        snprintf(message, message_size, "%s", image.message);
        free(buffer);
        png_image_free(&image);
        return 1;
    }
    *pixels = buffer;
    *width = image.width;
    *height = image.height;
    *components = alpha ? 4 : 3;
    png_image_free(&image);
    return 0;
}

/// Encodes 8-bit RGB (3) or RGBA (4) rows as a PNG with libpng's fixed defaults; the
/// result is malloc'd. 0 on success.
static inline int bilan_png_encode(
    const unsigned char *pixels, unsigned width, unsigned height, int components, unsigned char **output,
    size_t *output_size, char *message, size_t message_size
) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = components == 4 ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    size_t length = 0;
    if (!png_image_write_to_memory(&image, NULL, &length, 0, pixels, 0, NULL)) {
        snprintf(message, message_size, "%s", image.message);
        return 1;
    }
    unsigned char *buffer = malloc(length);
    if (!buffer) {
        snprintf(message, message_size, "out of memory");
        return 1;
    }
    if (!png_image_write_to_memory(&image, buffer, &length, 0, pixels, 0, NULL)) {
        snprintf(message, message_size, "%s", image.message);
        free(buffer);
        return 1;
    }
    *output = buffer;
    *output_size = length;
    return 0;
}
