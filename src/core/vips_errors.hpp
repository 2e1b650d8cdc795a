#pragma once
// libvips' error text, per call and without cross-talk. libvips 8.14 keeps one error buffer for the whole
// process, and its worker threads append to it for whichever pipeline failed, so a line cannot be told
// apart by thread or by name (matching file names let `a.jpg` take `data.jpg`'s lines). The rule here:
// - libvips work whose failure text we want runs inside a VipsCall (a header read, an encode, a
//   verification); the outermost one on a thread is the call;
// - a failure's text is taken once, in the catch block of the call that failed, under one lock that every
//   read and clear of the buffer goes through;
// - it is kept only when no other call ran at any moment of this one; then every line in the buffer is
//   this call's. Otherwise it is dropped: the message is ImgOpt's own sentence without libvips' detail,
//   never another file's words. A call that starts alone first clears what unattributed work left.
// With several workers most failures overlap another call, so the detail is often left out; the cause
// (damaged input, full disk, ...) never depends on it.
//
// Thread rules: every function may be called from any thread; one internal mutex guards the buffer and the
// set of running calls.

#include <string>

#include "imgopt/result.hpp"

namespace imgopt {

class VipsCall {
public:
    VipsCall();
    ~VipsCall();
    VipsCall(const VipsCall&) = delete;
    VipsCall& operator=(const VipsCall&) = delete;
};

// The text of the failure of this thread's current VipsCall, when it is certainly this call's (see above),
// or "". Clears the buffer either way. Call it from the catch block of the call that failed.
std::string takeVipsError();

// The error of a libvips call that failed while producing the source's pixels for an encoder of our own
// (png_writer, webp_codec): "cancelled" when the task was, else a damaged input with libvips' text when it
// is certainly this call's. Call it from the catch block; it takes the error text.
Unexpected<Error> sourcePixelsFailure(bool cancelled);

}  // namespace imgopt
