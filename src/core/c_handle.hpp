#pragma once
// The one idiom for C libraries' handles (libwebp, libexif, libimagequant, libdeflate): a unique_ptr whose
// deleter is the library's own free function. Structs that live on the stack (WebPPicture, ...) are guarded
// the same way: their free function releases what they own, not the struct.

#include <memory>

namespace imgopt {

template <auto Free>
struct CFree {
    template <class T>
    void operator()(T* p) const {
        Free(p);
    }
};

template <class T, auto Free>
using Handle = std::unique_ptr<T, CFree<Free>>;

}  // namespace imgopt
