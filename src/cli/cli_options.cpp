#include "cli_options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>

#include "imgopt/preset.hpp"
#include "imgopt/report_writer.hpp"
#include "imgopt/version.hpp"
#include "imgopt/vips_runtime.hpp"

namespace imgopt::cli {
namespace {

template <typename T>
CLI::Validator enumValidator(std::optional<T> (*parse)(std::string_view), const std::string& allowed) {
    return CLI::Validator(
        [parse, allowed](std::string& s) { return parse(s) ? std::string() : "must be one of " + allowed; }, allowed);
}

}  // namespace

ParseOutcome parseCommandLine(int argc, char** argv) {
    CLI::App app{"ImgOpt: makes folders of images smaller without losing quality or data.\n"
                 "Outputs go to an optimized/ folder beside each source unless told otherwise;\n"
                 "an output is never larger than its input unless --allow-larger is given.",
                 "imgopt"};
    app.set_version_flag("--version", fmt::format("imgopt {} (libvips {})", kVersion, vipsVersion()));
    app.get_formatter()->column_width(36);

    std::vector<std::string> paths;
    std::string format, resize, metadata, conflict, preset, report, outputDir, suffix;
    int quality = 90, jpegQ = 0, pngQ = 0, webpQ = 0, avifQ = 0, jobs = 0;
    std::uint64_t maxPixels = 0;
    bool keepDates = false, inPlace = false, allowLarger = false, hidden = false, dryRun = false, quiet = false,
         verbose = false;

    app.add_option("paths", paths, "Files and folders to optimize (folders are scanned recursively)")
        ->required()
        ->type_name("PATH...");
    app.add_option("--preset", preset, "Read settings from a JSON preset (options given here override it)")
        ->type_name("FILE")
        ->check(CLI::ExistingFile);
    app.add_option("-f,--format", format, "Output format: original (default), jpeg, png, webp or avif")
        ->check(enumValidator(parseOutputFormat, "original|jpeg|png|webp|avif"))
        ->type_name("FMT");
    app.add_option("--quality", quality, "Quality 1-100 for every format (default 90; 100 = lossless preset)")
        ->check(CLI::Range(1, 100))
        ->type_name("N");
    app.add_option("--jpeg-quality", jpegQ, "JPEG quality, overrides --quality")->check(CLI::Range(1, 100))->type_name("N");
    app.add_option("--png-quality", pngQ, "PNG quality, overrides --quality")->check(CLI::Range(1, 100))->type_name("N");
    app.add_option("--webp-quality", webpQ, "WebP quality, overrides --quality")->check(CLI::Range(1, 100))->type_name("N");
    app.add_option("--avif-quality", avifQ, "AVIF quality, overrides --quality")->check(CLI::Range(1, 100))->type_name("N");
    app.add_option("--resize", resize, "none, width:N, height:N, long:N or short:N (only ever shrinks)")
        ->check(enumValidator(parseResize, "none|width:N|height:N|long:N|short:N"))
        ->type_name("RULE");
    app.add_option("--keep-metadata", metadata,
                   "none (sRGB, nothing kept), icc (default: colour profile only) or all")
        ->check(enumValidator(parseMetadataMode, "none|icc|all"))
        ->type_name("WHAT");
    app.add_flag("--keep-dates", keepDates, "Give outputs the source's modification time");
    auto* outOpt = app.add_option("--output-dir", outputDir, "Write into DIR, mirroring each dropped folder")
                       ->type_name("DIR");
    auto* sufOpt = app.add_option("--suffix", suffix, "Write next to the source as NAME<TEXT>.ext")->type_name("TEXT");
    auto* inOpt = app.add_flag("--in-place", inPlace, "Replace originals atomically, and only when smaller");
    outOpt->excludes(sufOpt)->excludes(inOpt);
    sufOpt->excludes(inOpt);
    app.add_option("--on-conflict", conflict, "When an output exists: rename (default), overwrite or skip")
        ->check(enumValidator(parseConflictPolicy, "rename|overwrite|skip"))
        ->type_name("POLICY");
    app.add_flag("--allow-larger", allowLarger, "Write results even when they are not smaller than the input");
    app.add_option("--max-pixels", maxPixels, "Refuse images above N pixels, checked before decoding")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    app.add_flag("--hidden", hidden, "Include hidden files and folders");
    app.add_option("-j,--jobs", jobs, "Images processed at a time (default: one per core)")
        ->check(CLI::Range(1, 256))
        ->type_name("N");
    app.add_option("--report", report, "Write a report: .json, .csv, .md or .html")->type_name("FILE");
    app.add_flag("--dry-run", dryRun, "Show each input, its planned output and the action; write nothing");
    app.add_flag("-q,--quiet", quiet, "Print only errors and the exit status");
    app.add_flag("-v,--verbose", verbose, "Print warnings from libvips and per-file timings");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return {std::nullopt, e.get_exit_code() == 0 ? 0 : (code == 0 ? 0 : 2)};
    }

    CliSettings s;
    Options& o = s.options;
    if (!preset.empty()) {
        if (auto err = loadPreset(preset, o); !err.empty()) {
            std::cerr << "imgopt: " << err << "\n";
            return {std::nullopt, 2};
        }
    }
    if (app.count("--format")) o.format = *parseOutputFormat(format);
    if (app.count("--quality")) o.quality = quality;
    if (jpegQ) o.formatQuality[ImageFormat::Jpeg] = jpegQ;
    if (pngQ) o.formatQuality[ImageFormat::Png] = pngQ;
    if (webpQ) o.formatQuality[ImageFormat::Webp] = webpQ;
    if (avifQ) o.formatQuality[ImageFormat::Avif] = avifQ;
    if (app.count("--resize")) o.resize = *parseResize(resize);
    if (app.count("--keep-metadata")) o.metadata = *parseMetadataMode(metadata);
    if (keepDates) o.keepDates = true;
    if (app.count("--output-dir")) {
        o.outputMode = OutputMode::OutputDir;
        o.outputDir = outputDir;
    }
    if (app.count("--suffix")) {
        o.outputMode = OutputMode::Suffix;
        o.suffix = suffix;
    }
    if (inPlace) o.outputMode = OutputMode::InPlace;
    if (app.count("--on-conflict")) o.onConflict = *parseConflictPolicy(conflict);
    if (allowLarger) o.allowLarger = true;
    if (app.count("--max-pixels")) o.maxPixels = maxPixels;
    if (hidden) o.includeHidden = true;
    if (app.count("--jobs")) o.jobs = jobs;
    o.dryRun = dryRun;
    if (auto err = o.validate(); !err.empty()) {
        std::cerr << "imgopt: " << err << "\n";
        return {std::nullopt, 2};
    }
    for (const auto& p : paths) s.paths.emplace_back(p);
    if (!report.empty()) {
        ReportFormat rf{};
        if (!reportFormatFromPath(report, &rf)) {
            std::cerr << "imgopt: --report: unknown report type \"" << report
                      << "\" (use .json, .csv, .md or .html)\n";
            return {std::nullopt, 2};
        }
        s.report = report;
    }
    s.quiet = quiet;
    s.verbose = verbose;
    return {std::move(s), 0};
}

}  // namespace imgopt::cli
