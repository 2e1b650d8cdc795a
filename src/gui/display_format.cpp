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
    QT_TRANSLATE_NOOP("QualityLabel", "Lossless"),  QT_TRANSLATE_NOOP("QualityLabel", "Near-lossless"),
    QT_TRANSLATE_NOOP("QualityLabel", "Excellent"), QT_TRANSLATE_NOOP("QualityLabel", "Good"),
    QT_TRANSLATE_NOOP("QualityLabel", "Fair"),      QT_TRANSLATE_NOOP("QualityLabel", "Poor"),
    QT_TRANSLATE_NOOP("QualityLabel", "Very poor"),
};
}  // namespace

QString formatBytes(std::uint64_t bytes) { return formatSignedBytes(std::int64_t(bytes)); }

QString formatSignedBytes(std::int64_t bytes) {
    const QString decimal = QLocale().decimalPoint();
    const char point = decimal.size() == 1 && decimal[0].unicode() < 128 ? char(decimal[0].unicode()) : '.';
    QString text = QString::fromStdString(imgopt::formatBytes(bytes, point));
    // A typographic minus, as the rest of the GUI shows negative figures.
    if (text.startsWith(QLatin1Char('-'))) text.replace(0, 1, QStringLiteral("−"));
    return text;
}

QString formatSeconds(double seconds) {
    const int decimals = seconds < 10 ? 2 : 1;
    return DisplayFormat::tr("%1 s").arg(QLocale().toString(seconds, 'f', decimals));
}

QString formatDuration(double seconds) { return QString::fromStdString(imgopt::formatDuration(seconds)); }

QString formatName(ImageFormat format) {
    if (format == ImageFormat::Unknown) return DisplayFormat::tr("?");
    return latin1(formatInfo(format).displayName);
}

QString statusText(TaskStatus status) {
    switch (status) {
        case TaskStatus::Optimized:
            return DisplayFormat::tr("Optimized");
        case TaskStatus::KeptOriginal:
            return DisplayFormat::tr("Kept original");
        case TaskStatus::Skipped:
            return DisplayFormat::tr("Skipped");
        case TaskStatus::Failed:
            return DisplayFormat::tr("Failed");
    }
    return {};
}

QString outputFormatText(const std::optional<ImageFormat>& convertTo) {
    return convertTo ? formatName(*convertTo) : DisplayFormat::tr("Same as input");
}

QString qualityText(int quality) {
    // The core's labels are English keys; they are translated here so the slider, CLI and report stay in
    // step.
    const std::string_view label = qualityLabel(quality);
    const QString translated = QCoreApplication::translate("QualityLabel", std::string(label).c_str());
    return DisplayFormat::tr("%1 · %2").arg(quality).arg(translated);
}

QString encodingText(const QString& encoding) {
    if (encoding == QLatin1String("lossy")) return DisplayFormat::tr("lossy");
    if (encoding == QLatin1String("lossy-444")) return DisplayFormat::tr("lossy, full colour resolution");
    if (encoding == QLatin1String("palette")) return DisplayFormat::tr("palette");
    if (encoding == QLatin1String("near-lossless")) return DisplayFormat::tr("near-lossless truecolour");
    if (encoding == QLatin1String("lossless")) return DisplayFormat::tr("lossless");
    return encoding;
}

QString errorText(const TaskResult& result) {
    const QString message = QString::fromStdString(result.error);
    if (!result.errorCode) return message;
    switch (*result.errorCode) {
        case ErrorCode::PixelLimit:
            return DisplayFormat::tr("%1 (raise the pixel limit under Settings, Advanced)").arg(message);
        case ErrorCode::OutputExists:
            return DisplayFormat::tr("%1 (Settings, Destination: If the output exists)").arg(message);
        default:
            return message;
    }
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
