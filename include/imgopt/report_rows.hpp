#pragma once
// ReportRows: the per-file rows of a run report. The first kMemoryRows rows are kept in memory; past that,
// every row goes to an unnamed temporary file (in $TMPDIR, removed by the system when the last copy is gone,
// even when the process is killed), so a run of a million files holds no per-file data in memory while it
// runs (docs/report-format.md, "Large runs"). Rows read back in id (scan) order.
//
// Thread rules: a ReportRows is a value. Copies share the spill file, which only grows and has its own lock:
// a copy taken while another appends sees the rows it had when it was copied. Appending to a copy made while
// the original goes on appending costs a private copy of the spill file (correct, and never done by ImgOpt).

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <vector>

#include "imgopt/task.hpp"

namespace imgopt {

class ReportRows {
public:
    static constexpr std::size_t kMemoryRows = 2000;

    ReportRows();
    ~ReportRows();
    ReportRows(const ReportRows&);
    ReportRows& operator=(const ReportRows&);
    ReportRows(ReportRows&&) noexcept;
    ReportRows& operator=(ReportRows&&) noexcept;

    void push_back(const TaskResult& row);
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    bool spilled() const;  // the rows live in the temporary file

    // Iteration gives every row in id order; rows with the same id in the order they were added.
    class const_iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = TaskResult;
        using difference_type = std::ptrdiff_t;
        using pointer = const TaskResult*;
        using reference = const TaskResult&;

        const_iterator() = default;
        reference operator*() const { return current_; }
        pointer operator->() const { return &current_; }
        const_iterator& operator++();
        bool operator==(const const_iterator& other) const { return pos_ == other.pos_; }

    private:
        friend class ReportRows;
        struct Order;
        const_iterator(const ReportRows* rows, std::shared_ptr<const Order> order, std::size_t pos);
        void load();

        const ReportRows* rows_ = nullptr;
        std::shared_ptr<const Order> order_;
        std::size_t pos_ = 0;
        TaskResult current_;
    };
    const_iterator begin() const;
    const_iterator end() const;

private:
    class Spool;
    void spill();

    std::vector<TaskResult> memory_;  // until spilled
    std::shared_ptr<Spool> spool_;    // after
    std::size_t count_ = 0;
};

}  // namespace imgopt
