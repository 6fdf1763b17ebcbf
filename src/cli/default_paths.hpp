#pragma once
/// Where `huixing` looks for its data and the console's built files when no option names them:
/// inside the checkout it was built from. The paths are compiled into default_paths.cpp alone, so
/// every other source preprocesses the same in every checkout and hits the shared compiler cache.
namespace hx::cli {

const char* default_data_dir();
const char* default_web_root();

}  // namespace hx::cli
