// The negative control of the sanitizer stage (fuzz/sanitizers.sh, docs/reliability.md): a
// program with one deliberate fault per argument, run with the stage's ASAN_OPTIONS and
// UBSAN_OPTIONS while its exit status is ignored, as a server's is. The stage passes only if each
// fault left its report in the log directory, so a green stage means the reports of processes
// nobody waits for are really collected. Built only in the `fuzz` preset; not part of the product.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace {

int heap_overflow() {
    volatile std::size_t size = 8;
    auto* bytes = static_cast<char*>(std::malloc(size));
    std::memset(bytes, 0, size);
    volatile char past_end = bytes[size];  // one byte beyond the block
    std::free(bytes);
    return past_end;
}

int signed_overflow() {
    volatile int value = std::numeric_limits<int>::max();
    return value + 1;
}

int leak() {
    void* volatile lost = std::malloc(64);
    lost = nullptr;
    return lost == nullptr ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s heap|ub|leak\n", argv[0]);
        return 2;
    }
    if (std::strcmp(argv[1], "heap") == 0) return heap_overflow();
    if (std::strcmp(argv[1], "ub") == 0) return signed_overflow();
    if (std::strcmp(argv[1], "leak") == 0) return leak();
    return 2;
}
