#pragma once
/// The composition root: opens the database, builds the services, wires the server.
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_service.hpp"
#include "domain/identity/identity_service.hpp"
#include "domain/regions/region_service.hpp"
#include "domain/standards/standard_service.hpp"
#include "storage/store_factory.hpp"

namespace hx::cli {

/// Everything a subcommand needs, in dependency order.
class App {
public:
    static Result<std::unique_ptr<App>> open(const std::string& db_url, int pool_size,
                                             bool test_clock);

    Store& store() { return *database_; }
    const Clock& clock() const { return *clock_; }
    SettableClock* test_clock() { return test_clock_; }
    identity::IdentityService& identity() { return *identity_; }
    regions::RegionService& regions() { return *regions_; }
    audit::AuditQueries& audit() { return *audit_; }
    standards::StandardService& standards() { return *standards_; }

private:
    App() = default;
    std::unique_ptr<Clock> clock_;
    SettableClock* test_clock_ = nullptr;
    std::unique_ptr<Store> database_;
    std::unique_ptr<identity::IdentityService> identity_;
    std::unique_ptr<regions::RegionService> regions_;
    std::unique_ptr<audit::AuditQueries> audit_;
    std::unique_ptr<standards::StandardService> standards_;
};

/// Prints an error for a person at a terminal: the Chinese message and each field problem.
void print_error(const Error& error);

}  // namespace hx::cli
