#include "gui/thumbnail_loader.hpp"

#include <QFile>
#include <algorithm>

#include "imgopt/options.hpp"

namespace imgopt::gui {

namespace {
// About 1,300 previews of 80 x 80 RGBA: a long queue scrolls back without re-reading files.
constexpr qsizetype kDefaultCacheKiB = 32 * 1024;
// Previews are quick next to a run's encodes; two threads keep a page of rows filling fast without taking
// the cores from a run.
constexpr int kDefaultThreads = 2;

QImage toImage(const Thumbnail& t) {
    const QImage::Format format = t.channels == 4 ? QImage::Format_RGBA8888 : QImage::Format_RGB888;
    // The view paints premultiplied ARGB fastest; the conversion also makes the deep copy QImage must own.
    return QImage(t.pixels.data(), t.width, t.height, t.stride(), format)
        .convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

qsizetype costKiB(const QImage& image) { return std::max<qsizetype>(1, (image.sizeInBytes() + 1023) / 1024); }
}  // namespace

ThumbnailLoader::ThumbnailLoader(int maxEdge, QObject* parent)
    : QObject(parent),
      maker_([](const std::filesystem::path& file, int edge) {
          return makeThumbnail(file, edge, Options{}.maxPixels);
      }),
      maxEdge_(std::max(1, maxEdge)) {
    cache_.setMaxCost(kDefaultCacheKiB);
    pool_.setMaxThreadCount(kDefaultThreads);
}

ThumbnailLoader::~ThumbnailLoader() {
    // Running jobs post to this object; they must be done before it goes.
    pool_.clear();
    pool_.waitForDone();
}

void ThumbnailLoader::setWanted(const QList<ThumbnailRequest>& requests) {
    pending_.clear();
    QSet<QString> queued;
    for (const ThumbnailRequest& r : requests) {
        // object() also marks a cached preview as recently used, so what is on screen is evicted last.
        if (r.key.isEmpty() || cache_.object(r.key) || running_.contains(r.key) || queued.contains(r.key))
            continue;
        queued.insert(r.key);
        pending_.push_back(r);
    }
    startJobs();
}

const QImage* ThumbnailLoader::find(const QString& key) const { return cache_.object(key); }

void ThumbnailLoader::setMaxEdge(int pixels) {
    if (std::max(1, pixels) == maxEdge_) return;
    maxEdge_ = std::max(1, pixels);
    // Previews of the old size would look blurred or small; the next wish list makes them again.
    cache_.clear();
}

void ThumbnailLoader::setCacheLimitKiB(qsizetype kib) { cache_.setMaxCost(std::max<qsizetype>(1, kib)); }

void ThumbnailLoader::setMaxThreads(int threads) {
    pool_.setMaxThreadCount(std::max(1, threads));
    startJobs();
}

void ThumbnailLoader::startJobs() {
    while (!pending_.empty() && running_.size() < pool_.maxThreadCount()) {
        const ThumbnailRequest request = pending_.front();
        pending_.pop_front();
        running_.insert(request.key);
        ++started_;
        emit started(request.key);
        // The job gets copies: the maker, the file name and the size. Nothing of this object but its address,
        // which only the queued call back to the GUI thread uses.
        pool_.start([this, maker = maker_, key = request.key,
                     file = std::filesystem::path(QFile::encodeName(request.path).toStdString()),
                     edge = maxEdge_] {
            Expected<Thumbnail> result = maker(file, edge);
            QMetaObject::invokeMethod(
                this, [this, key, edge, result = std::move(result)] { finish(key, edge, result); },
                Qt::QueuedConnection);
        });
    }
}

void ThumbnailLoader::finish(const QString& key, int edge, const Expected<Thumbnail>& result) {
    running_.remove(key);
    if (edge != maxEdge_) {  // made for the size before setMaxEdge(); the next wish list asks again
        startJobs();
        return;
    }
    auto* image = new QImage(result ? toImage(*result) : QImage());
    // A failure is remembered too (as a null image), so a broken file is not read again on every scroll.
    cache_.insert(key, image, costKiB(*image));
    emit ready(key);
    startJobs();
}

}  // namespace imgopt::gui
