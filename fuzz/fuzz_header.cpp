// The header reader and the validator on arbitrary bytes: loader sniffing, libvips' header parsers, the
// HEIF brand check, the pixel limit and the format checks. Nothing may crash, hang or read out of bounds;
// an accepted header must describe a real image.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "header_reader.hpp"
#include "validator.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char*** argv) {
    imgopt::fuzz::start((*argv)[0]);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = imgopt::fuzz::writeInput(data, size);
    const auto header = imgopt::readHeader(file);
    if (header && (header->width < 1 || header->height < 1 || header->pages < 1 || header->bands < 1))
        std::abort();
    imgopt::ScanItem item;
    item.id = 1;
    item.path = file;
    item.bytes = size;
    const auto validated = imgopt::validate(item, imgopt::Options{});
    if (validated && !header) std::abort();  // validation accepted what the header reader refused
    return 0;
}
