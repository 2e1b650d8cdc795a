#pragma once
// ThumbnailLoader: previews for the queue, made off the GUI thread and kept in a bounded in-memory cache.
//
// The caller says which previews it wants now (the rows on screen, top first) with setWanted(). A new wish
// list replaces the old one: requests that were not started are forgotten, so rows that scrolled away cost
// nothing. At most maxThreads() previews are made at a time, each by imgopt::makeThumbnail() (libvips'
// shrink-on-load thumbnail) on a thread of the loader's own QThreadPool; the pool never holds a backlog that
// could go stale. The worker hands back a plain imgopt::Thumbnail value and the QImage is built here.
//
// Thread rules: every method is called on the GUI thread. A job reads only the values it was given and posts
// its result back with a queued call; it never touches a member. The destructor waits for running jobs.

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>
#include <deque>
#include <filesystem>
#include <functional>

#include "imgopt/thumbnail.hpp"

namespace imgopt::gui {

struct ThumbnailRequest {
    QString key;   // what the cache knows the preview by
    QString path;  // the file to preview
};

class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    // Makes one preview; runs on a pool thread. imgopt::makeThumbnail() unless a test puts in its own.
    using Maker = std::function<Expected<Thumbnail>(const std::filesystem::path& file, int maxEdge)>;

    // `maxEdge`: the long edge of a preview in device pixels.
    explicit ThumbnailLoader(int maxEdge, QObject* parent = nullptr);
    ~ThumbnailLoader() override;

    // Replaces the wish list, in priority order. Previews already cached or being made are not requested
    // again.
    void setWanted(const QList<ThumbnailRequest>& requests);

    // The preview for `key`: nullptr while it is not made yet, a null QImage when the file has none (not an
    // image, unreadable). Marks the entry as recently used.
    const QImage* find(const QString& key) const;

    int maxEdge() const { return maxEdge_; }
    void setMaxEdge(int pixels);
    // The cache's bound in KiB of pixels (default 32 MiB). The least recently used previews go first.
    void setCacheLimitKiB(qsizetype kib);
    qsizetype cacheLimitKiB() const { return cache_.maxCost(); }
    qsizetype cacheCostKiB() const { return cache_.totalCost(); }
    int cachedCount() const { return int(cache_.count()); }

    void setMaxThreads(int threads);
    int maxThreads() const { return pool_.maxThreadCount(); }
    int pendingCount() const { return int(pending_.size()); }
    int runningCount() const { return int(running_.size()); }
    quint64 startedCount() const { return started_; }
    void setMaker(Maker maker) { maker_ = std::move(maker); }

signals:
    // A pool thread has started on the preview for `key`.
    void started(const QString& key);
    // A preview (or the knowledge that there is none) has arrived for `key`.
    void ready(const QString& key);

private:
    void startJobs();
    void finish(const QString& key, int edge, const Expected<Thumbnail>& result);

    Maker maker_;
    int maxEdge_;
    QCache<QString, QImage> cache_;
    std::deque<ThumbnailRequest> pending_;
    QSet<QString> running_;
    quint64 started_ = 0;
    QThreadPool pool_;
};

}  // namespace imgopt::gui
