// BatchEngine::Impl and what earlier runs left behind: the run state (run_state.hpp) consulted before a file
// is validated, stale temporary files swept from the target folders as tasks are planned, and the context
// every task is given (run state, Trash, full-disk rule).
#include <fmt/format.h>

#include <set>

#include "engine_impl.hpp"
#include "fingerprint.hpp"
#include "task_runner.hpp"

namespace imgopt {
namespace {

TaskResult upToDateResult(const ScanItem& item, const PriorOutput& prior) {
    const OutputRecord& rec = prior.record;
    const bool already = prior.kind == PriorOutput::Kind::AlreadyOptimized;
    TaskResult r = skippedResult(
        item, rec.inputFormat,
        already ? Error{ErrorCode::AlreadyOptimized,
                        "already optimized: ImgOpt wrote this file in an earlier run"}
                : Error{ErrorCode::UpToDate,
                        "up to date: the output of an earlier run with these settings is current"});
    r.output = rec.output;
    r.outputFormat = rec.outputFormat;
    r.outputBytes = rec.outputFp.size;
    r.width = rec.width;
    r.height = rec.height;
    return r;
}

}  // namespace

void BatchEngine::Impl::openRunState() {
    context_.disk = &disk_;
    context_.trash = &trash_;
    context_.settings = settingsHash(options_);
    if (!config_.useRunState) return;
    const auto folder = config_.stateFolder.empty() ? RunState::defaultFolder() : config_.stateFolder;
    auto opened = RunState::open(folder, options_.dryRun);
    if (opened) {
        state_ = std::move(*opened);
        context_.state = state_.get();
        return;
    }
    // A dry run before any real run has no database yet, and needs none.
    if (options_.dryRun) return;
    std::lock_guard lock(mutex_);
    notices_.push_back(opened.error().message +
                       "; outputs of earlier runs are not recognised, and this run "
                       "cannot be undone from ImgOpt (in place, originals still go to "
                       "the Trash)");
}

std::shared_ptr<BatchEngine::Impl::Validated> BatchEngine::Impl::checkAndValidate(const ScanItem& item) {
    PriorOutput prior;
    if (state_) {
        const bool inPlace = options_.outputMode == OutputMode::InPlace;
        prior = state_->check(item.path, context_.settings, inPlace, options_.force);
    }
    if (prior.kind != PriorOutput::Kind::None) {
        // Costs a stat (and a database look-up), never a header read.
        auto v = std::make_shared<Validated>(
            Unexpected(ValidationFailure{item, prior.record.inputFormat, Error{ErrorCode::UpToDate, {}}, 0}),
            false);
        v->upToDate = upToDateResult(item, prior);
        return v;
    }
    auto v = std::make_shared<Validated>(validate(item, options_), false);
    v->ownOutput = prior.ownOutput;
    return v;
}

void BatchEngine::Impl::sweepTargetFolders(const std::vector<PlannedTask>& planned,
                                           const std::vector<TaskResult>& results) {
    if (options_.dryRun) return;
    std::set<std::filesystem::path> folders;
    for (const auto& p : planned) folders.insert(p.output.parent_path());
    for (const auto& r : results)
        if (r.output) folders.insert(r.output->parent_path());
    for (const auto& folder : folders) sweeper_.sweepOnce(folder);
}

}  // namespace imgopt
