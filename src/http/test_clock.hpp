#pragma once
/// The test clock of `serve --test-clock`, shared by every instance of a deployment (issue 8,
/// 2): its offset from the system clock is a row of the settings table. PUT /api/v1/system/clock
/// stores it before answering, and each instance adopts the stored offset before every request,
/// so a clock moved through one instance is the clock of the next request on any other. Without
/// `--test-clock` (production) nothing here runs and the key is never read.
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/store.hpp"

namespace hx::http {

inline constexpr const char* kTestClockOffsetKey = "test_clock.offset_ms";

/// Stores `now` as the deployment's test time, then moves this instance's clock to it.
Status publish_test_clock(Store& store, SettableClock& clock, Timestamp now);

/// Moves this instance's clock to the deployment's stored test time (none stored: unchanged).
Status sync_test_clock(Store& store, SettableClock& clock);

}  // namespace hx::http
