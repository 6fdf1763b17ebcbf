#include "cli/app.hpp"

#include <iostream>

namespace hx::cli {

Result<std::unique_ptr<App>> App::open(const std::string& db_url, int pool_size, bool test_clock,
                                       const std::string& files_dir, const std::string& secrets_directory) {
    std::unique_ptr<App> app(new App());
    if (test_clock) {
        auto clock = std::make_unique<SettableClock>();
        app->test_clock_ = clock.get();
        app->clock_ = std::move(clock);
    } else {
        app->clock_ = std::make_unique<SystemClock>();
    }
    ASSIGN_OR_RETURN(app->database_, storage::open_store(db_url, pool_size));
    app->identity_ = std::make_unique<identity::IdentityService>(*app->database_, *app->clock_);
    app->regions_ = std::make_unique<regions::RegionService>(*app->database_, *app->clock_);
    app->audit_ = std::make_unique<audit::AuditQueries>(*app->database_);
    app->standards_ = std::make_unique<standards::StandardService>(*app->database_, *app->clock_);
    ASSIGN_OR_RETURN(app->files_,
                     storage::open_deployment_file_store(*app->database_, db_url, files_dir));
    app->rounds_ = std::make_unique<rounds::RoundService>(*app->database_, *app->clock_);
    app->applications_ = std::make_unique<applications::ApplicationService>(
        *app->database_, *app->files_, *app->standards_, *app->clock_);
    // Without a secrets directory (a PostgreSQL command given none) everything runs but the
    // seal and the phone numbers, which then say what is missing.
    const auto secrets_path = secrets_directory.empty() ? secrets_dir(db_url) : secrets_directory;
    if (secrets_path.empty()) {
        app->sealer_ = std::make_unique<UnconfiguredSealer>();
    } else {
        ASSIGN_OR_RETURN(auto secrets, load_secrets(secrets_path));
        app->sealer_ = std::make_unique<KeySealer>(secrets.seal);
        ASSIGN_OR_RETURN(auto phones, notice::PhoneProtector::create(std::move(secrets.phone_key)));
        app->phones_ = std::make_unique<notice::PhoneProtector>(std::move(phones));
    }
    app->notice_ = std::make_unique<notice::NoticeService>(*app->database_, *app->files_, *app->clock_, app->phones_.get(),
                                                           app->sms_, *app->sealer_);
    app->certifications_ = std::make_unique<certifications::CertificationService>(*app->database_, *app->clock_);
    app->supervision_ = std::make_unique<supervision::SupervisionService>(*app->database_, *app->files_, *app->clock_);
    app->stats_ = std::make_unique<stats::StatsService>(*app->database_, *app->clock_);
    app->reminders_ = std::make_unique<reminders::ReminderService>(*app->database_, *app->clock_,
                                                                   *app->applications_, *app->supervision_);
    return app;
}

void print_error(const Error& error) {
    std::cerr << "错误：" << error.message() << "\n";
    for (const auto& field : error.fields()) {
        std::cerr << "  - " << field.field << "：" << field.message << "\n";
    }
}

}  // namespace hx::cli
