#pragma once
// The core's one result type: a function that can fail returns Expected<T> (a value or an Error), or Status
// when there is no value. It has the shape of C++23's std::expected, which libstdc++ 12 offers only to
// compilers with C++20 concepts at their final level; clang 14, which builds the fuzzers, is not one of them.
// Exceptions from libvips' C++ API are caught where the core calls it and become an Error there.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace imgopt {

// What went wrong, so that a tool can add its own hint (a CLI flag, a settings page) and the engine can react
// (a full disk stops admitting tasks). The message says the cause in words; it never names a tool's option.
enum class ErrorCode {
    InputUnreadable,   // missing, not a regular file, no permission
    InputUnsupported,  // not an image format ImgOpt reads, or a feature it does not handle
    InputDamaged,      // damaged, truncated, or not what its header claims
    PixelLimit,        // more pixels than the configured limit
    OutputExists,      // the output exists and the conflict policy says skip
    OutputFailed,      // writing or verifying the output failed
    OutputTooLarge,    // larger than the output format can hold
    NoSpace,           // the output disk is full
    ReadOnly,          // the output folder is read-only or not writable
    Cancelled,         // the user cancelled, or removed the file from the queue
    UpToDate,          // skipped: an earlier run's output for this source and these settings is current
    AlreadyOptimized,  // skipped: in place, the file holds the bytes ImgOpt wrote there
    InvalidSettings,   // options or a preset that cannot be used
    Internal,          // a bug: an exception escaped a job
};

std::string_view toString(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

template <class E>
class Unexpected {
public:
    explicit Unexpected(E error) : error_(std::move(error)) {}
    E& error() & { return error_; }
    E&& error() && { return std::move(error_); }

private:
    E error_;
};

inline Unexpected<Error> fail(ErrorCode code, std::string message) {
    return Unexpected<Error>(Error{code, std::move(message)});
}

template <class T, class E = Error>
class [[nodiscard]] Expected {
public:
    Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    template <class G>
    Expected(Unexpected<G> e) : v_(std::in_place_index<1>, std::move(e).error()) {}

    bool has_value() const { return v_.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & {
        assert(has_value());
        return std::get<0>(v_);
    }
    const T& value() const& {
        assert(has_value());
        return std::get<0>(v_);
    }
    T&& value() && {
        assert(has_value());
        return std::get<0>(std::move(v_));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    E& error() & {
        assert(!has_value());
        return std::get<1>(v_);
    }
    const E& error() const& {
        assert(!has_value());
        return std::get<1>(v_);
    }
    E&& error() && {
        assert(!has_value());
        return std::get<1>(std::move(v_));
    }

    // As std::expected: equal to a value when it holds one that compares equal.
    template <class U>
    friend bool operator==(const Expected& x, const U& v) requires(!std::is_same_v<U, Expected>) {
        return x.has_value() && x.value() == v;
    }

private:
    std::variant<T, E> v_;
};

template <class E>
class [[nodiscard]] Expected<void, E> {
public:
    Expected() = default;
    template <class G>
    Expected(Unexpected<G> e) : e_(std::move(e).error()) {}

    bool has_value() const { return !e_.has_value(); }
    explicit operator bool() const { return has_value(); }

    E& error() & {
        assert(!has_value());
        return *e_;
    }
    const E& error() const& {
        assert(!has_value());
        return *e_;
    }
    E&& error() && {
        assert(!has_value());
        return std::move(*e_);
    }

private:
    std::optional<E> e_;
};

using Status = Expected<void>;

}  // namespace imgopt
