#include "cli_options.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <memory>

#include "imgopt/preset.hpp"
#include "imgopt/report_writer.hpp"
#include "imgopt/runtime.hpp"
#include "imgopt/version.hpp"
#include "man_page.hpp"

namespace imgopt::cli {
namespace {

// A CLI11 check from one of the core's parsers, whose error message lists the accepted values.
template <typename Parse>
CLI::Validator parsedBy(Parse parse, const std::string& typeName) {
    return CLI::Validator(
        [parse](std::string& s) { return parse(s) ? std::string() : parse(s).error().message; }, typeName);
}

std::string joined(const std::vector<std::string>& names, const char* separator) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : separator) + n;
    return out;
}

// The raw values as typed; turned into Options by apply(), so that a preset's values stay unless overridden.
struct RawOptions {
    std::vector<std::string> paths;
    std::string format, resize, metadata, conflict, preset, report, outputDir, suffix, quality, visualTarget,
        shard, stateDir;
    std::vector<std::string> mergeReports;
    int jobs = 0;
    std::map<ImageFormat, std::string> formatQuality;  // empty = not given
    std::uint64_t maxPixels = 0;
    bool keepDates = false, inPlace = false, allowLarger = false, hidden = false, dryRun = false,
         quiet = false, verbose = false, force = false, undo = false;
};

void addOutputOptions(CLI::App& app, RawOptions& raw) {
    const std::string formats = joined(outputFormatChoices(), ", ");
    app.add_option("-f,--format", raw.format,
                   fmt::format("Output format: {} (original keeps each file's)", formats))
        ->check(parsedBy(parseOutputFormat, "FMT"))
        ->type_name("FMT");
    app.add_option(
           "--quality", raw.quality,
           fmt::format("Quality 1-100 for every format, or auto: per image the smallest file that meets "
                       "--visual-target (default {}; 100 = lossless preset)",
                       toString(Options{}.quality)))
        ->check(parsedBy(parseQuality, "N|auto"))
        ->type_name("N|auto");
    for (ImageFormat f : conversionTargets())
        app.add_option(fmt::format("--{}-quality", formatInfo(f).name), raw.formatQuality[f],
                       fmt::format("{} quality (or auto), overrides --quality", formatInfo(f).displayName))
            ->check(parsedBy(parseQuality, "N|auto"))
            ->type_name("N|auto");
    app.add_option("--visual-target", raw.visualTarget,
                   "What quality auto aims for: high (default: looks the same), balanced or small")
        ->check(parsedBy(parseVisualTarget, "TARGET"))
        ->type_name("TARGET");
    app.add_option("--resize", raw.resize, "none, width:N, height:N, long:N or short:N (only ever shrinks)")
        ->check(parsedBy(parseResize, "RULE"))
        ->type_name("RULE");
    app.add_option("--keep-metadata", raw.metadata,
                   "none (sRGB, nothing kept), icc (default: colour profile only) or all")
        ->check(parsedBy(parseMetadataMode, "WHAT"))
        ->type_name("WHAT");
    app.add_flag("--keep-dates", raw.keepDates, "Give outputs the source's modification time");
    app.add_flag("--allow-larger", raw.allowLarger,
                 "Write results even when they are not smaller than the input");
}

void addPlacementOptions(CLI::App& app, RawOptions& raw) {
    auto* outOpt =
        app.add_option("--output-dir", raw.outputDir, "Write into DIR, mirroring each dropped folder")
            ->type_name("DIR");
    auto* sufOpt = app.add_option("--suffix", raw.suffix, "Write next to the source as NAME<TEXT>.ext")
                       ->type_name("TEXT");
    auto* inOpt = app.add_flag("--in-place", raw.inPlace,
                               "Replace originals atomically, only when smaller; originals go to the Trash");
    outOpt->excludes(sufOpt)->excludes(inOpt);
    sufOpt->excludes(inOpt);
    app.add_option("--on-conflict", raw.conflict,
                   "When an output exists: rename (default), overwrite or skip")
        ->check(parsedBy(parseConflictPolicy, "POLICY"))
        ->type_name("POLICY");
}

void addRunOptions(CLI::App& app, RawOptions& raw) {
    app.add_option("paths", raw.paths, "Files and folders to optimize (folders are scanned recursively)")
        ->type_name("PATH...");
    app.add_option("--preset", raw.preset,
                   "Read settings from a JSON preset (options given here override it)")
        ->type_name("FILE")
        ->check(CLI::ExistingFile);
    app.add_option("--max-pixels", raw.maxPixels, "Refuse images above N pixels, checked before decoding")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    app.add_flag("--hidden", raw.hidden, "Include hidden files and folders");
    app.add_option("-j,--jobs", raw.jobs, "Images processed at a time (default: one per core)")
        ->check(CLI::Range(1, 256))
        ->type_name("N");
    app.add_option("--report", raw.report, "Write a report: .json, .csv, .md or .html")
        ->check(parsedBy([](const std::string& s) { return reportFormatFromPath(s); }, "FILE"))
        ->type_name("FILE");
    app.add_flag("--dry-run", raw.dryRun,
                 "Show each input, its planned output and the action; write nothing");
    app.add_flag("--force", raw.force, "Redo files whose output from an earlier run is up to date");
    app.add_flag("--undo", raw.undo, "Put back the originals of the last in-place run, from the Trash")
        ->excludes("paths");
    app.add_option("--shard", raw.shard,
                   "Take share K of N of the job: N processes with the same paths and options, on one "
                   "machine or many, together write exactly one run's outputs (docs/scale-out.md)")
        ->check(parsedBy(parseShard, "K/N"))
        ->type_name("K/N");
    app.add_option("--state-dir", raw.stateDir,
                   "Keep the run state (what earlier runs wrote) in DIR instead of ~/.local/state/imgopt")
        ->type_name("DIR");
    app.add_option("--merge-reports", raw.mergeReports,
                   "Merge the JSON reports of a job's shards into the --report file; optimizes nothing")
        ->type_name("JSON...")
        ->excludes("paths");
    app.add_flag("-q,--quiet", raw.quiet, "Print only errors and the exit status");
    app.add_flag("-v,--verbose", raw.verbose, "Print warnings from libvips and per-file timings");
}

// The options given on the command line, over the preset's (or the defaults).
void apply(const CLI::App& app, const RawOptions& raw, Options& o) {
    if (app.count("--format")) o.convertTo = *parseOutputFormat(raw.format);
    if (app.count("--quality")) o.quality = *parseQuality(raw.quality);
    for (const auto& [format, q] : raw.formatQuality)
        if (!q.empty()) o.formatQuality[format] = *parseQuality(q);
    if (app.count("--visual-target")) o.visualTarget = *parseVisualTarget(raw.visualTarget);
    if (app.count("--resize")) o.resize = *parseResize(raw.resize);
    if (app.count("--keep-metadata")) o.metadata = *parseMetadataMode(raw.metadata);
    if (raw.keepDates) o.keepDates = true;
    if (app.count("--output-dir")) {
        o.outputMode = OutputMode::OutputDir;
        o.outputDir = raw.outputDir;
    }
    if (app.count("--suffix")) {
        o.outputMode = OutputMode::Suffix;
        o.suffix = raw.suffix;
    }
    if (raw.inPlace) o.outputMode = OutputMode::InPlace;
    if (app.count("--on-conflict")) o.onConflict = *parseConflictPolicy(raw.conflict);
    if (raw.allowLarger) o.allowLarger = true;
    if (app.count("--max-pixels")) o.maxPixels = raw.maxPixels;
    if (raw.hidden) o.includeHidden = true;
    if (app.count("--jobs")) o.jobs = raw.jobs;
    o.dryRun = raw.dryRun;
    if (raw.force) o.force = true;
}

// The one definition of the command line: parsing, --help and the man page (man_page.cpp) all read it.
// The options write into `raw`, which must outlive the App.
std::unique_ptr<CLI::App> buildApp(RawOptions& raw) {
    auto app = std::make_unique<CLI::App>(
        "ImgOpt: makes folders of images smaller without losing quality or data.\n"
        "Outputs go to an optimized/ folder beside each source unless told otherwise;\n"
        "an output is never larger than its input unless --allow-larger is given.",
        "imgopt");
    app->set_version_flag("--version", fmt::format("imgopt {} (libvips {})", kVersion, libvipsVersion()));
    app->get_formatter()->column_width(36);
    addRunOptions(*app, raw);
    addOutputOptions(*app, raw);
    addPlacementOptions(*app, raw);
    return app;
}

ParseOutcome usageError(const std::string& message) {
    std::cerr << "imgopt: " << message << "\n";
    return {std::nullopt, 2};
}

}  // namespace

ParseOutcome parseCommandLine(int argc, char** argv) {
    RawOptions raw;
    const std::unique_ptr<CLI::App> built = buildApp(raw);
    CLI::App& app = *built;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return {std::nullopt, e.get_exit_code() == 0 || code == 0 ? 0 : 2};
    }

    CliSettings s;
    s.quiet = raw.quiet;
    s.verbose = raw.verbose;
    s.undo = raw.undo;
    if (s.undo) return {std::move(s), 0};
    if (!raw.report.empty()) s.report = raw.report;
    if (!raw.mergeReports.empty()) {
        if (!s.report) return usageError("--merge-reports needs --report FILE to write the merged report to");
        for (const auto& p : raw.mergeReports) s.mergeReports.emplace_back(p);
        return {std::move(s), 0};
    }
    if (raw.paths.empty()) return usageError("no files or folders given (PATH... is required)");
    if (!raw.preset.empty()) {
        auto preset = loadPreset(raw.preset, s.options);
        if (!preset) return usageError(preset.error().message);
        s.options = *preset;
    }
    apply(app, raw, s.options);
    if (auto valid = s.options.validate(); !valid) return usageError(valid.error().message);
    for (const auto& p : raw.paths) s.paths.emplace_back(p);
    if (!raw.stateDir.empty()) s.stateDir = raw.stateDir;
    if (!raw.shard.empty()) {
        s.shard = *parseShard(raw.shard);
        if (auto ok = checkShardable(s.options); !ok) return usageError(ok.error().message);
    }
    return {std::move(s), 0};
}

std::string manPage() {
    RawOptions raw;
    return renderManPage(*buildApp(raw), kVersion);
}

}  // namespace imgopt::cli
