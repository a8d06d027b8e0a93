#pragma once
// The Review tab: one image at a time from the review queue, large, with the model's
// suggestion and its SoftMax bars, and the keys that decide it: Enter accepts the suggestion,
// 1-9 give a class, U marks it unsure (kept for a second look), Backspace undoes the last
// decision. A line says how far the queue is and how long the rest takes at the user's pace.
// The model's own decision on the image (OK / review / unknown) shows beside its suggestion.
// Above: the order of the queue, scoring the images, bulk acceptance, Train & Re-score.
// It only shows and asks; LabelingController decides. Lives on the GUI thread.

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "sdd/labels/prelabel.h"

class QComboBox;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace sddui {

/// One image of the queue as the panel shows it.
struct ReviewItem {
  QString file;
  QString name;
  int label = -1;       ///< current class (-1: none)
  int suggestion = -1;  ///< -1: not scored
  QVector<float> probabilities;
  /// The model's rule on it (sdd::Decision; -1: not scored), the calibrated probability of the
  /// suggestion and the unknown score (NaN: none came with the suggestion).
  int decision = -1;
  double calibrated = 0;
  double unknownScore = 0;
  QString outside;  ///< why it is outside the model's trained image sizes (then unknown)
};

class ReviewPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ReviewPanel(QWidget* parent = nullptr);

  /// The classes of the open dataset: one button (and key, for the first nine) each.
  void setClasses(const QStringList& classes);
  sdd::ReviewOrder order() const;
  void showItem(const ReviewItem& item);
  /// Nothing to show: `message` says why (queue done, no suggestions yet, ...).
  void showMessage(const QString& message);
  void setProgress(const QString& line);

 Q_SIGNALS:
  void orderChanged();
  void acceptRequested();
  void classRequested(int cls);
  void unsureRequested();
  void undoRequested();
  void scoreRequested();
  void bulkRequested();
  void trainAndRescoreRequested();

 private:
  QComboBox* order_;
  QLabel* image_;
  QLabel* title_;
  QLabel* progress_;
  QGridLayout* bars_;
  QWidget* classButtons_;
  QList<QProgressBar*> barList_;
  QList<QPushButton*> buttons_;
  QPushButton* accept_;
  QPushButton* unsure_;
  QPushButton* undo_;
  QStringList classes_;
  QPixmap pixmap_;

 protected:
  void resizeEvent(QResizeEvent* e) override;
};

}  // namespace sddui
