#include "http/test_clock.hpp"

#include "domain/identity/identity_repository.hpp"

#include <optional>
#include <string>

namespace hx::http {

namespace {

Timestamp system_now() { return SystemClock().now(); }

}  // namespace

Status publish_test_clock(Store& store, SettableClock& clock, Timestamp now) {
    const auto offset_ms = (now - system_now()).count();
    RETURN_IF_ERROR(store.write([&](Repositories& repos) -> Status {
        return repos.settings().put(kTestClockOffsetKey, std::to_string(offset_ms));
    }));
    clock.set(system_now() + std::chrono::milliseconds(offset_ms));
    return ok();
}

Status sync_test_clock(Store& store, SettableClock& clock) {
    std::optional<std::string> stored;
    RETURN_IF_ERROR(store.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(stored, repos.settings().get(kTestClockOffsetKey));
        return ok();
    }));
    if (!stored) return ok();
    std::int64_t offset_ms = 0;
    try {
        offset_ms = std::stoll(*stored);
    } catch (const std::exception&) {
        return fail(Error::internal("test clock setting is not a number: '" + *stored + "'"));
    }
    clock.set(system_now() + std::chrono::milliseconds(offset_ms));
    return ok();
}

}  // namespace hx::http
