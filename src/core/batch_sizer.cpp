#include "batch_sizer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace imgopt {

std::uint64_t estimateTaskBytes(const ImageHeader& h, int targetWidth, int targetHeight, ImageFormat output) {
    const FormatInfo& in = formatInfo(h.format);
    const FormatInfo& out = formatInfo(output);
    const double sample = double(std::max(1, h.bands)) * double(std::max(1, h.bytesPerSample));
    const double pages = double(std::max(1, h.pages));
    // Shrink-on-load (JPEG DCT scaling, WebP/HEIF thumbnails) decodes at most at 2x the target size, so the
    // loader's frame is bounded by that rather than by the stored size.
    const double scale =
        std::min(1.0, 2.0 * double(std::max(targetWidth, targetHeight)) /
                          double(std::max(1, std::max(h.uprightWidth(), h.uprightHeight()))));
    const double decoded = double(h.width) * double(h.height) * scale * scale * sample;
    const double pixels = double(std::max(1, targetWidth)) * double(std::max(1, targetHeight));
    // Any orientation other than 1 is a rotate or flip, which needs the whole decoded frame.
    const double decode = std::max(in.decodeMemoryFactor, h.orientation != 1 ? 1.0 : 0.0);
    // Distinct colours (with alpha) the bands can hold: 256 for grey, 65,536 for grey and alpha, more than
    // the cap for colour.
    const double colours = std::pow(256.0, std::clamp(h.bands, 1, 3));
    const double perFrame = decode * decoded + out.encodeMemoryFactor * 4.0 * pixels +
                            out.encodeSmallFrameBytes * std::min(pixels, kSmallFramePixels) +
                            out.encodeColourBytes * std::min({pixels, colours, kColourCap}) +
                            (h.hasAlpha ? out.encodeAlphaBytes * pixels : 0.0);
    return std::uint64_t(kTaskFixedBytes + perFrame * pages);
}

std::uint64_t batchBudget(const MemorySample& s, const BatchBudgetPolicy& p, std::uint64_t baselineRss) {
    const auto fromAvailable =
        std::max(p.floorBytes, std::uint64_t(double(s.availableBytes) * p.fractionOfAvailable));
    if (!p.memoryLimitBytes) return fromAvailable;
    // An explicit limit wins over the floor: a user who says 400 MB means it.
    const std::uint64_t forTasks = *p.memoryLimitBytes > baselineRss ? *p.memoryLimitBytes - baselineRss : 1;
    return std::min(fromAvailable, forTasks);
}

std::optional<std::uint64_t> parseMemorySize(std::string_view text) {
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::size_t digits = 0;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
        ++digits;
    if (digits == 0) return std::nullopt;
    double value = 0;
    try {
        value = std::stod(std::string(text.substr(0, digits)));
    } catch (...) {
        return std::nullopt;
    }
    std::string unit(text.substr(digits));
    for (auto& c : unit) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (unit.ends_with("IB"))
        unit.resize(unit.size() - 2);
    else if (unit.size() > 1 && unit.ends_with("B"))
        unit.pop_back();
    static constexpr std::string_view kUnits = "KMGT";
    double scale = 1;
    if (unit.size() == 1 && kUnits.find(unit[0]) != std::string_view::npos)
        scale = std::pow(1024.0, double(kUnits.find(unit[0]) + 1));
    else if (!unit.empty() && unit != "B")
        return std::nullopt;
    if (value <= 0 || value * scale > 1e19) return std::nullopt;
    return std::uint64_t(value * scale);
}

std::vector<std::size_t> admitSelection(const std::vector<std::uint64_t>& pending, std::uint64_t budget,
                                        std::uint64_t inFlight, std::size_t maxCount, bool holdHead) {
    std::vector<std::size_t> chosen;
    if (pending.empty() || maxCount == 0) return chosen;
    if (pending.front() > budget) {
        if (inFlight == 0) return {0};  // alone, when nothing else runs
        if (holdHead) return chosen;
    }
    std::uint64_t used = inFlight;
    for (std::size_t i = 0; i < pending.size() && chosen.size() < maxCount; ++i) {
        if (pending[i] <= budget && used + pending[i] <= budget) {
            used += pending[i];
            chosen.push_back(i);
        } else if (i == 0 && holdHead) {
            break;
        }
    }
    return chosen;
}

}  // namespace imgopt
