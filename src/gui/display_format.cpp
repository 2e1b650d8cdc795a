#include "gui/display_format.hpp"

#include <QCoreApplication>
#include <QLocale>

namespace imgopt::gui {

namespace {
// A context for lupdate: these free functions translate under "DisplayFormat".
struct DisplayFormat {
    Q_DECLARE_TR_FUNCTIONS(imgopt::gui::DisplayFormat)
};

// lupdate only sees literals: these are the core's qualityLabel() texts, listed so they get translated.
[[maybe_unused]] constexpr const char* kQualityLabels[] = {
    QT_TRANSLATE_NOOP("QualityLabel", "Lossless"),
    QT_TRANSLATE_NOOP("QualityLabel", "Near-lossless"),
    QT_TRANSLATE_NOOP("QualityLabel", "Excellent"),
    QT_TRANSLATE_NOOP("QualityLabel", "Good"),
    QT_TRANSLATE_NOOP("QualityLabel", "Fair"),
    QT_TRANSLATE_NOOP("QualityLabel", "Poor"),
    QT_TRANSLATE_NOOP("QualityLabel", "Very poor"),
};
}  // namespace

QString formatBytes(std::uint64_t bytes) {
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString formatSignedBytes(std::int64_t bytes) {
    const QString magnitude = formatBytes(std::uint64_t(bytes < 0 ? -bytes : bytes));
    return bytes < 0 ? QStringLiteral("−") + magnitude : magnitude;
}

QString formatSeconds(double seconds) {
    const int decimals = seconds < 10 ? 2 : 1;
    return DisplayFormat::tr("%1 s").arg(QLocale().toString(seconds, 'f', decimals));
}

QString formatDuration(double seconds) {
    const auto total = static_cast<long long>(seconds + 0.5);
    const long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0) {
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString formatName(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg: return QStringLiteral("JPEG");
        case ImageFormat::Png: return QStringLiteral("PNG");
        case ImageFormat::Webp: return QStringLiteral("WebP");
        case ImageFormat::Avif: return QStringLiteral("AVIF");
        case ImageFormat::Heif: return QStringLiteral("HEIF");
        case ImageFormat::Tiff: return QStringLiteral("TIFF");
        case ImageFormat::Gif: return QStringLiteral("GIF");
        case ImageFormat::Unknown: break;
    }
    return DisplayFormat::tr("?");
}

QString statusText(TaskStatus status) {
    switch (status) {
        case TaskStatus::Optimized: return DisplayFormat::tr("Optimized");
        case TaskStatus::KeptOriginal: return DisplayFormat::tr("Kept original");
        case TaskStatus::Skipped: return DisplayFormat::tr("Skipped");
        case TaskStatus::Failed: return DisplayFormat::tr("Failed");
    }
    return {};
}

QString outputFormatText(OutputFormat format) {
    switch (format) {
        case OutputFormat::Original: return DisplayFormat::tr("Same as input");
        case OutputFormat::Jpeg: return QStringLiteral("JPEG");
        case OutputFormat::Png: return QStringLiteral("PNG");
        case OutputFormat::Webp: return QStringLiteral("WebP");
        case OutputFormat::Avif: return QStringLiteral("AVIF");
    }
    return {};
}

QString qualityText(int quality) {
    // The core's labels are English keys; they are translated here so the slider, CLI and report stay in step.
    const std::string_view label = qualityLabel(quality);
    const QString translated =
        QCoreApplication::translate("QualityLabel", std::string(label).c_str());
    return DisplayFormat::tr("%1 · %2").arg(quality).arg(translated);
}

double savingPercent(std::uint64_t before, std::uint64_t after) {
    if (before == 0) return 0;
    return 100.0 * (double(before) - double(after)) / double(before);
}

QString figuresTableHtml(std::span<const std::pair<QString, QString>> rows) {
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    for (const auto& [name, value] : rows) {
        html += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td align='right'><b>%2</b></td></tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

}  // namespace imgopt::gui
