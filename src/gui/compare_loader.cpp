#include "gui/compare_loader.hpp"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <cmath>

#include "imgopt/preview.hpp"

namespace imgopt::gui {

namespace {

QImage toImage(const PreviewImage& p) {
    if (p.rgba.empty()) return {};
    QImage wrapped(p.rgba.data(), p.width, p.height, p.width * 4, QImage::Format_RGBA8888);
    return wrapped.copy();  // owns its pixels once the preview is gone
}

PixelSize fitted(QSize frame, QSize bound) {
    const double s =
        std::min({1.0, double(bound.width()) / frame.width(), double(bound.height()) / frame.height()});
    return {std::max(1, int(std::lround(frame.width() * s))),
            std::max(1, int(std::lround(frame.height() * s)))};
}

// Runs on a worker thread.
ComparePictures render(const QString& before, const QString& after, QSize frame, QRectF region, QSize size,
                       bool overview, QString* error) {
    ComparePictures out;
    out.overview = overview;
    if (frame.isEmpty()) {
        auto read = previewSize(before.toStdString());
        if (!read) {
            *error = QString::fromStdString(read.error().message);
            return out;
        }
        frame = QSize(read->width, read->height);
    }
    out.frame = frame;
    out.region = overview ? QRectF(QPointF(0, 0), QSizeF(frame)) : region;
    const PixelSize pixels = overview ? fitted(frame, size) : PixelSize{size.width(), size.height()};
    const PreviewRegion r{out.region.x(), out.region.y(), out.region.width(), out.region.height()};
    const PixelSize f{frame.width(), frame.height()};
    auto a = renderPreview(PreviewRequest{before.toStdString(), f, r, pixels});
    auto b = renderPreview(PreviewRequest{after.toStdString(), f, r, pixels});
    if (!a || !b) {
        *error = QString::fromStdString((!a ? a.error() : b.error()).message);
        return out;
    }
    out.before = toImage(*a);
    out.after = toImage(*b);
    out.difference = toImage(differenceMap(*a, *b));
    return out;
}

}  // namespace

CompareLoader::CompareLoader(QObject* parent) : QObject(parent) {}

void CompareLoader::requestOverview(const QString& before, const QString& after, QSize frame, QSize bound) {
    start(Job{before, after, frame, {}, bound, true, ++overviewGeneration_});
}

void CompareLoader::requestDetail(const QString& before, const QString& after, QSize frame, QRectF region,
                                  QSize output) {
    start(Job{before, after, frame, region, output, false, ++detailGeneration_});
}

void CompareLoader::cancelPending() {
    ++overviewGeneration_;
    ++detailGeneration_;
}

void CompareLoader::start(Job job) {
    ++pending_;
    QPointer<CompareLoader> self(this);
    QThreadPool::globalInstance()->start([self, job] {
        QString error;
        ComparePictures pictures =
            render(job.before, job.after, job.frame, job.region, job.size, job.overview, &error);
        // The application object outlives every dialog: the answer is checked against the loader there, on
        // the GUI thread, where the guard may be read safely.
        QMetaObject::invokeMethod(
            qApp,
            [self, job, pictures = std::move(pictures), error] {
                if (self) self->deliver(job, pictures, error);
            },
            Qt::QueuedConnection);
    });
}

void CompareLoader::deliver(const Job& job, const ComparePictures& pictures, const QString& error) {
    --pending_;
    const int current = job.overview ? overviewGeneration_ : detailGeneration_;
    if (job.generation != current) return;
    if (!error.isEmpty())
        emit failed(error);
    else
        emit ready(pictures);
}

}  // namespace imgopt::gui
