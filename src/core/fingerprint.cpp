#include "fingerprint.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <vector>

namespace fs = std::filesystem;

namespace imgopt {
namespace {

std::string hex(XXH64_hash_t h) { return fmt::format("{:016x}", h); }

// Closes the descriptor on every path out.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

std::optional<Fingerprint> statFingerprint(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    Fingerprint f;
    f.size = std::uint64_t(st.st_size);
    f.mtimeNs = std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return f;
}

std::string hashFile(const fs::path& file) {
    Fd in{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0) return {};
    const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), XXH3_freeState);
    if (!state || XXH3_64bits_reset(state.get()) != XXH_OK) return {};
    std::vector<char> buffer(1 << 16);
    for (;;) {
        const ssize_t n = ::read(in.fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return {};
        if (n == 0) break;
        XXH3_64bits_update(state.get(), buffer.data(), std::size_t(n));
    }
    return hex(XXH3_64bits_digest(state.get()));
}

std::string hashBytes(std::span<const std::uint8_t> bytes) {
    return hex(XXH3_64bits(bytes.data(), bytes.size()));
}

bool matches(const fs::path& file, const Fingerprint& recorded, bool recent) {
    const auto now = statFingerprint(file);
    if (!now || now->size != recorded.size) return false;
    if (now->mtimeNs == recorded.mtimeNs && !recent) return true;
    return !recorded.hash.empty() && hashFile(file) == recorded.hash;
}

std::string settingsHash(const Options& o) {
    // A versioned, fixed-order text of the options that shape an output; changing its layout makes every
    // earlier output look stale once, which is the safe direction.
    std::string text = fmt::format("v1|{}|{}|{}|", outputFormatName(o.convertTo), toString(o.quality),
                                   toString(o.visualTarget));
    for (const auto& [format, quality] : o.formatQuality)
        text += fmt::format("{}={},", formatInfo(format).name, toString(quality));
    text += fmt::format("|{}|{}|{}|{}|{}|", toString(o.resize), toString(o.metadata), o.keepDates,
                        toString(o.outputMode), o.allowLarger);
    if (o.outputMode == OutputMode::OutputDir) text += fs::absolute(o.outputDir).lexically_normal().string();
    if (o.outputMode == OutputMode::Suffix) text += o.suffix;
    return hex(XXH3_64bits(text.data(), text.size()));
}

}  // namespace imgopt
