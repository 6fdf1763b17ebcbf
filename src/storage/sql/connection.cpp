#include "storage/sql/connection.hpp"

namespace hx::storage::sql {

Status Statement::run() {
    while (true) {
        ASSIGN_OR_RETURN(const bool row, step());
        if (!row) return ok();
    }
}

}  // namespace hx::storage::sql
