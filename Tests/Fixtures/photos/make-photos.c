// Writes the test photos of Tests/Fixtures/photos with Debian's libjpeg-turbo (run once;
// the files are checked in): cc make-photos.c -ljpeg -o /tmp/make-photos && /tmp/make-photos
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>

static void write_jpeg(const char *name, int width, int height, int quality, int orientation) {
    struct jpeg_compress_struct info;
    struct jpeg_error_mgr error;
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    FILE *file = fopen(name, "wb");
    jpeg_stdio_dest(&info, file);
    info.image_width = width;
    info.image_height = height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    if (orientation > 1) {
        unsigned char exif[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
                                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)orientation, 0, 0, 0, 0, 0, 0};
        jpeg_write_marker(&info, JPEG_APP0 + 1, exif, sizeof exif);
    }
    unsigned char *row = malloc((size_t)width * 3);
    unsigned seed = 7;
    while (info.next_scanline < info.image_height) {
        int y = info.next_scanline;
        for (int x = 0; x < width; x++) {
            // A sky, a sun and a hill, with a little grain.
            seed = seed * 1103515245u + 12345u;
            int grain = (int)((seed >> 16) % 9) - 4;
            int r = 60 + 140 * y / height, g = 110 + 90 * y / height, b = 190 - 60 * y / height;
            int dx = x - width * 7 / 10, dy = y - height / 3, sun = width / 9;
            if (dx * dx + dy * dy < sun * sun) { r = 250; g = 200; b = 80; }
            int hill = height * 2 / 3 + (int)(height / 8.0 * ((x % (width / 2)) - width / 4) * ((x % (width / 2)) - width / 4) / (width * width / 16.0));
            if (y > hill) { r = 50 + 20 * x / width; g = 120; b = 60; }
            int v[3] = {r + grain, g + grain, b + grain};
            for (int c = 0; c < 3; c++) row[3 * x + c] = v[c] < 0 ? 0 : v[c] > 255 ? 255 : v[c];
        }
        JSAMPROW pointer = row;
        jpeg_write_scanlines(&info, &pointer, 1);
    }
    jpeg_finish_compress(&info);
    fclose(file);
    jpeg_destroy_compress(&info);
    free(row);
}

int main(void) {
    write_jpeg("paysage.jpg", 2000, 1333, 80, 1);
    write_jpeg("portrait-exif6.jpg", 900, 600, 80, 6);
    write_jpeg("panorama.jpg", 4200, 300, 60, 1);
    return 0;
}
