/// The raw SQLite commit rate that the deadline rush (bench/rush.sh) is divided by: the same
/// settings as the server's store (WAL, synchronous=FULL), the same disk (a file in DIR), one
/// write transaction (BEGIN IMMEDIATE … COMMIT) per row, rows of the sizes the rush writes:
/// per client three small rows (SMALL bytes, the application, the assessment, the submission)
/// and one of EVIDENCE bytes (the evidence file), CLIENTS times. No server, no HTTP, no JSON:
/// the floor of what the disk allows. Prints one JSON object with commits per second.
///
///     sqlite_commit_bench DIR [CLIENTS] [SMALL] [EVIDENCE]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::cerr << what << ": " << sqlite3_errmsg(db) << "\n";
        std::exit(1);
    }
}

void exec(sqlite3* db, const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: sqlite_commit_bench DIR [CLIENTS] [SMALL] [EVIDENCE]\n";
        return 2;
    }
    const std::string path = std::string(argv[1]) + "/commit-rate.db";
    const int clients = argc > 2 ? std::atoi(argv[2]) : 200;
    const std::size_t small = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 1024;
    const std::size_t evidence = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : (1U << 20U);
    std::remove(path.c_str());
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = FULL");
    exec(db, "PRAGMA foreign_keys = ON");
    exec(db, "CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO rows (body) VALUES (?)", -1, &insert, nullptr), db, "prepare");
    const std::string small_row(small, 'x');
    const std::string big_row(evidence, 'y');
    const auto started = std::chrono::steady_clock::now();
    int commits = 0;
    for (int c = 0; c < clients; ++c) {
        for (int step = 0; step < 4; ++step) {
            const auto& row = step == 2 ? big_row : small_row;
            exec(db, "BEGIN IMMEDIATE");
            check(sqlite3_bind_blob(insert, 1, row.data(), static_cast<int>(row.size()), SQLITE_STATIC), db, "bind");
            check(sqlite3_step(insert), db, "insert");
            sqlite3_reset(insert);
            exec(db, "COMMIT");
            ++commits;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
    std::cout << "{\"commits\": " << commits << ", \"seconds\": " << seconds
              << ", \"commits_per_s\": " << commits / seconds << ", \"small_bytes\": " << small
              << ", \"evidence_bytes\": " << evidence << "}\n";
    return 0;
}
