// The one test source that holds the checkout's paths (see test_paths.hpp).
#include "test_paths.hpp"

const char* hx_test_source_dir() { return HX_SOURCE_DIR_PATH; }

const char* hx_test_binary() {
#ifdef HX_BINARY_PATH
    return HX_BINARY_PATH;
#else
    return "";
#endif
}
