#pragma once
// CompareLoader: renders the compare view's pictures on worker threads through the core's previews
// (imgopt/preview.hpp): the original, the output and their difference, for the whole frame (an overview)
// or for the part in view at its full resolution (a detail). Answers to requests that were overtaken by
// newer ones are dropped, so a fast zoom or a quick "next" never shows stale pictures.
// Thread rules: create and call on the GUI thread. Renders run on QThreadPool::globalInstance(); results
// come back as queued calls on the GUI thread, and never reach a loader that was destroyed meanwhile.

#include <QImage>
#include <QObject>
#include <QRectF>
#include <QSize>
#include <QString>

namespace imgopt::gui {

struct ComparePictures {
    QImage before, after, difference;  // the same size
    QSize frame;                       // the original's upright size, which the region refers to
    QRectF region;                     // the part of the frame the pictures show
    bool overview = false;
};

class CompareLoader : public QObject {
    Q_OBJECT
public:
    explicit CompareLoader(QObject* parent = nullptr);

    // The whole frame, fitted within `bound` pixels. An empty `frame` is read from the original's header.
    void requestOverview(const QString& before, const QString& after, QSize frame, QSize bound);
    // `region` of the frame at `output` pixels.
    void requestDetail(const QString& before, const QString& after, QSize frame, QRectF region, QSize output);
    // Drops every answer still under way (another file is shown).
    void cancelPending();

    bool busy() const { return pending_ > 0; }

signals:
    void ready(const imgopt::gui::ComparePictures& pictures);
    void failed(const QString& message);

private:
    struct Job {
        QString before, after;
        QSize frame;
        QRectF region;
        QSize size;  // the bound of an overview, the output of a detail
        bool overview = false;
        int generation = 0;
    };
    void start(Job job);
    void deliver(const Job& job, const ComparePictures& pictures, const QString& error);

    int overviewGeneration_ = 0;
    int detailGeneration_ = 0;
    int pending_ = 0;
};

}  // namespace imgopt::gui
