#pragma once
/// Where the tests find the checkout and the server binary. Force-included into every test
/// source (tests/CMakeLists.txt), so the checkout's absolute path is compiled into one file only,
/// test_paths.cpp: the other test sources then preprocess the same in every checkout and hit the
/// shared compiler cache (ccache), which a path in a `-D` on every file defeated.
const char* hx_test_source_dir();
/// The `huixing` binary of this build (integration and reliability tests only).
const char* hx_test_binary();

#define HX_SOURCE_DIR hx_test_source_dir()
#define HX_BINARY hx_test_binary()
