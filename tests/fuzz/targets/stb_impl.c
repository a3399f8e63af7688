/* stb_image and stb_image_write compiled here, with the fuzzers' instrumentation, instead of
   Debian's prebuilt libstb: the same source (libstb-dev's headers), so coverage guides the fuzzer
   into the decoder and ASan sees its memory accesses. */
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image.h>
#include <stb_image_write.h>
