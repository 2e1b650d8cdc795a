#pragma once
// QualitySpinBox: a per-format quality override. Shows "Same as global" (no override), "Auto" (the
// visual-quality search) or a number from 1 to 100, and converts to and from the core's optional Quality.

#include <QSpinBox>
#include <optional>

#include "imgopt/options.hpp"

namespace imgopt::gui {

class QualitySpinBox : public QSpinBox {
    Q_OBJECT
public:
    explicit QualitySpinBox(QWidget* parent = nullptr);

    // Empty: "Same as global".
    std::optional<Quality> quality() const;
    void setQuality(const std::optional<Quality>& quality);

protected:
    QString textFromValue(int value) const override;
    int valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
};

}  // namespace imgopt::gui
