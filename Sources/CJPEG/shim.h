// libjpeg-turbo (Debian's libjpeg62-turbo-dev) with its errors caught: libjpeg reports a
// fatal error by calling error_exit, which must not return, so these wrappers set a jump
// point in C and hand Swift a status and libjpeg's message instead. A warning (corrupt
// data, a truncated file) counts as an error: bilan never publishes a half-grey photo.
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} bilan_jpeg_error;

static void bilan_jpeg_error_exit(j_common_ptr info) {
    bilan_jpeg_error *error = (bilan_jpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

static void bilan_jpeg_emit_message(j_common_ptr info, int level) {
    if (level < 0) bilan_jpeg_error_exit(info);
}

static void bilan_jpeg_errors(bilan_jpeg_error *error) {
    jpeg_std_error(&error->manager);
    error->manager.error_exit = bilan_jpeg_error_exit;
    error->manager.emit_message = bilan_jpeg_emit_message;
    error->message[0] = 0;
}

/// The image's size in pixels and its components (1 grey, 3 colour, 4 CMYK). 0 on success.
static inline int bilan_jpeg_header(
    const unsigned char *data, unsigned long size, unsigned *width, unsigned *height, int *components,
    char *message, size_t message_size
) {
    struct jpeg_decompress_struct info;
    bilan_jpeg_error error;
    info.err = &error.manager;
    bilan_jpeg_errors(&error);
    if (setjmp(error.jump)) {
        snprintf(message, message_size, "%s", error.message);
        jpeg_destroy_decompress(&info);
        return 1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    *width = info.image_width;
    *height = info.image_height;
    *components = info.num_components;
    jpeg_destroy_decompress(&info);
    return 0;
}

/// Decodes the whole image, scaled by 1/scale_denom (1, 2, 4 or 8: libjpeg's DCT scaling),
/// into malloc'd rows of grey (1) or RGB (3) bytes, CMYK converted to RGB; the ICC profile,
/// if any, malloc'd too. Refuses images of more than max_pixels before decoding. 0 on success.
static inline int bilan_jpeg_decode(
    const unsigned char *data, unsigned long size, unsigned long max_pixels, unsigned scale_denom,
    unsigned char **pixels, unsigned *width, unsigned *height, int *components,
    unsigned char **icc, unsigned *icc_size, char *message, size_t message_size
) {
    struct jpeg_decompress_struct info;
    bilan_jpeg_error error;
    unsigned char *volatile rows = NULL;
    info.err = &error.manager;
    bilan_jpeg_errors(&error);
    *icc = NULL;
    *icc_size = 0;
    if (setjmp(error.jump)) {
        snprintf(message, message_size, "%s", error.message);
        free(rows);
        free(*icc);
        *icc = NULL;
        jpeg_destroy_decompress(&info);
        return 1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_save_markers(&info, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&info, TRUE);
    if ((unsigned long)info.image_width * info.image_height > max_pixels) {
        snprintf(message, message_size, "%ux%u pixels is more than bilan decodes (%lu)",
                 info.image_width, info.image_height, max_pixels);
        jpeg_destroy_decompress(&info);
        return 2;
    }
    jpeg_read_icc_profile(&info, icc, icc_size);
    int cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : (info.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB);
    info.scale_num = 1;
    info.scale_denom = scale_denom;
    info.dct_method = JDCT_ISLOW;
    info.do_fancy_upsampling = TRUE;
    jpeg_start_decompress(&info);
    unsigned stride = info.output_width * info.output_components;
    int out = cmyk ? 3 : info.output_components;
    rows = malloc((size_t)info.output_width * info.output_height * out + stride);
    if (!rows) {
        snprintf(message, message_size, "out of memory");
        jpeg_destroy_decompress(&info);
        return 1;
    }
    unsigned char *scratch = rows + (size_t)info.output_width * info.output_height * out;
    while (info.output_scanline < info.output_height) {
        unsigned line = info.output_scanline;
        unsigned char *row = cmyk ? scratch : rows + (size_t)line * stride;
        JSAMPROW pointer = row;
        jpeg_read_scanlines(&info, &pointer, 1);
        if (cmyk) {
            // Adobe writes CMYK inverted; with K, as browsers convert without a profile.
            unsigned char *target = rows + (size_t)line * info.output_width * 3;
            for (unsigned x = 0; x < info.output_width; x++) {
                unsigned k = row[4 * x + 3];
                for (int c = 0; c < 3; c++) target[3 * x + c] = (unsigned char)((row[4 * x + c] * k + 127) / 255);
            }
        }
    }
    jpeg_finish_decompress(&info);
    *pixels = rows;
    *width = info.output_width;
    *height = info.output_height;
    *components = out;
    jpeg_destroy_decompress(&info);
    return 0;
}

/// Encodes grey (1) or RGB (3) rows as a baseline JPEG of fixed settings (4:2:0, the
/// integer DCT, optimised Huffman tables, no JFIF density, the ICC profile carried over):
/// the same pixels give the same bytes. The result is malloc'd. 0 on success.
static inline int bilan_jpeg_encode(
    const unsigned char *pixels, unsigned width, unsigned height, int components, int quality,
    const unsigned char *icc, unsigned icc_size, unsigned char **output, unsigned long *output_size,
    char *message, size_t message_size
) {
    struct jpeg_compress_struct info;
    bilan_jpeg_error error;
    unsigned char *volatile buffer = NULL;
    unsigned long volatile length = 0;
    info.err = &error.manager;
    bilan_jpeg_errors(&error);
    if (setjmp(error.jump)) {
        snprintf(message, message_size, "%s", error.message);
        jpeg_destroy_compress(&info);
        free(buffer);
        return 1;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, (unsigned char **)&buffer, (unsigned long *)&length);
    info.image_width = width;
    info.image_height = height;
    info.input_components = components;
    info.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    info.dct_method = JDCT_ISLOW;
    info.optimize_coding = TRUE;
    info.write_JFIF_header = TRUE;
    info.density_unit = 0;
    info.X_density = 1;
    info.Y_density = 1;
    jpeg_start_compress(&info, TRUE);
    if (icc && icc_size) jpeg_write_icc_profile(&info, icc, icc_size);
    unsigned stride = width * components;
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)info.next_scanline * stride);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *output = buffer;
    *output_size = length;
    return 0;
}
