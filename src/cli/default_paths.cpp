#include "cli/default_paths.hpp"

namespace hx::cli {

const char* default_data_dir() { return HX_DEFAULT_DATA_DIR; }
const char* default_web_root() { return HX_DEFAULT_WEB_ROOT; }

}  // namespace hx::cli
