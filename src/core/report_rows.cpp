#include "imgopt/report_rows.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>

#include "report_row_json.hpp"

namespace imgopt {

// Append-only records of [id: 8 bytes][length: 4 bytes][the row as CBOR], in the order they came. CBOR keeps
// file names byte for byte (JSON text would have to replace invalid UTF-8).
class ReportRows::Spool {
public:
    static std::shared_ptr<Spool> create() {
        std::error_code ec;
        auto dir = std::filesystem::temp_directory_path(ec);
        if (ec) dir = "/tmp";
        // O_TMPFILE: the file never has a name, so nothing is left behind however the process ends.
        int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (fd < 0) {
            std::string name = (dir / "imgopt-report-XXXXXX").string();
            fd = ::mkstemp(name.data());
            if (fd >= 0) ::unlink(name.c_str());
        }
        if (fd < 0) return nullptr;
        return std::shared_ptr<Spool>(new Spool(fd));
    }
    ~Spool() { ::close(fd_); }
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    bool append(const TaskResult& row) {
        const std::vector<std::uint8_t> body = nlohmann::json::to_cbor(fileJson(row));
        std::string record(12 + body.size(), '\0');
        const std::uint64_t id = row.id;
        const auto length = std::uint32_t(body.size());
        std::memcpy(record.data(), &id, 8);
        std::memcpy(record.data() + 8, &length, 4);
        std::memcpy(record.data() + 12, body.data(), body.size());
        std::lock_guard lock(mutex_);
        if (!writeAll(record, end_)) return false;
        end_ += record.size();
        ++rows_;
        return true;
    }
    std::size_t rows() const {
        std::lock_guard lock(mutex_);
        return rows_;
    }
    // (id, offset) of the first `count` records.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> index(std::size_t count) const {
        std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
        out.reserve(count);
        std::uint64_t offset = 0;
        for (std::size_t i = 0; i < count; ++i) {
            char head[12];
            if (::pread(fd_, head, 12, off_t(offset)) != 12) break;
            std::uint64_t id = 0;
            std::uint32_t length = 0;
            std::memcpy(&id, head, 8);
            std::memcpy(&length, head + 8, 4);
            out.emplace_back(id, offset);
            offset += 12 + length;
        }
        return out;
    }
    TaskResult read(std::uint64_t offset) const {
        char head[12];
        TaskResult row;
        if (::pread(fd_, head, 12, off_t(offset)) != 12) return row;
        std::uint32_t length = 0;
        std::memcpy(&row.id, head, 8);
        std::memcpy(&length, head + 8, 4);
        std::vector<std::uint8_t> body(length);
        if (::pread(fd_, body.data(), length, off_t(offset + 12)) != ssize_t(length)) return row;
        const TaskId id = row.id;
        if (auto parsed = fileFromJson(nlohmann::json::from_cbor(body, true, false)); parsed) row = *parsed;
        row.id = id;
        return row;
    }

private:
    explicit Spool(int fd) : fd_(fd) {}
    bool writeAll(const std::string& data, std::uint64_t at) const {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done, off_t(at + done));
            if (n <= 0) return false;
            done += std::size_t(n);
        }
        return true;
    }

    const int fd_;
    mutable std::mutex mutex_;
    std::uint64_t end_ = 0;  // guarded by mutex_
    std::size_t rows_ = 0;   // guarded by mutex_
};

// Where each row is, in id order: positions in memory_, or offsets in the spool.
struct ReportRows::const_iterator::Order {
    std::vector<std::uint64_t> at;
    bool spooled = false;
};

ReportRows::ReportRows() = default;
ReportRows::~ReportRows() = default;
ReportRows::ReportRows(const ReportRows&) = default;
ReportRows& ReportRows::operator=(const ReportRows&) = default;
ReportRows::ReportRows(ReportRows&&) noexcept = default;
ReportRows& ReportRows::operator=(ReportRows&&) noexcept = default;

bool ReportRows::spilled() const { return spool_ != nullptr; }

void ReportRows::spill() {
    auto spool = Spool::create();
    if (!spool) return;  // no temporary folder: the rows stay in memory
    if (spool_) {        // a copy that appends: its own spool, with the rows it sees
        for (const auto& row : *this)
            if (!spool->append(row)) return;
    } else {
        for (const auto& row : memory_)
            if (!spool->append(row)) return;
    }
    spool_ = std::move(spool);
    memory_.clear();
    memory_.shrink_to_fit();
}

void ReportRows::push_back(const TaskResult& row) {
    if ((!spool_ && memory_.size() >= kMemoryRows) || (spool_ && spool_->rows() != count_)) spill();
    if (spool_ && spool_->append(row)) {
        ++count_;
        return;
    }
    if (spool_) return;  // the disk refused the row; the ones before it are still there
    memory_.push_back(row);
    ++count_;
}

ReportRows::const_iterator ReportRows::begin() const {
    auto order = std::make_shared<const_iterator::Order>();
    if (spool_) {
        auto index = spool_->index(count_);
        std::stable_sort(index.begin(), index.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        order->spooled = true;
        order->at.reserve(index.size());
        for (const auto& [id, offset] : index) order->at.push_back(offset);
    } else {
        order->at.resize(memory_.size());
        for (std::size_t i = 0; i < memory_.size(); ++i) order->at[i] = i;
        std::stable_sort(order->at.begin(), order->at.end(),
                         [&](std::uint64_t a, std::uint64_t b) { return memory_[a].id < memory_[b].id; });
    }
    return const_iterator(this, std::move(order), 0);
}

ReportRows::const_iterator ReportRows::end() const {
    const_iterator it;
    it.pos_ = spool_ ? count_ : memory_.size();
    return it;
}

ReportRows::const_iterator::const_iterator(const ReportRows* rows, std::shared_ptr<const Order> order,
                                           std::size_t pos)
    : rows_(rows), order_(std::move(order)), pos_(pos) {
    load();
}

ReportRows::const_iterator& ReportRows::const_iterator::operator++() {
    ++pos_;
    load();
    return *this;
}

void ReportRows::const_iterator::load() {
    if (!order_ || pos_ >= order_->at.size()) {
        // Short of rows (a spool the disk cut short): the iterator ends here.
        if (order_) pos_ = rows_->spool_ ? rows_->count_ : rows_->memory_.size();
        return;
    }
    current_ = order_->spooled ? rows_->spool_->read(order_->at[pos_]) : rows_->memory_[order_->at[pos_]];
}

}  // namespace imgopt
