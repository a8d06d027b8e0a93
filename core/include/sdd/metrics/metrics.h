#pragma once
/// Classification metrics the paper reports: confusion matrix (Fig. 6), per-class
/// precision/recall/F1 (Table IV), macro averages, one-vs-rest ROC curves and AUC (Fig. 7).
/// Plain C++; safe to use from any thread on distinct objects.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sdd {

/// Rows = true class, columns = predicted class.
class ConfusionMatrix {
 public:
  explicit ConfusionMatrix(int numClasses = 0);
  void add(int truth, int predicted);
  int size() const { return n_; }
  std::int64_t count(int truth, int predicted) const { return cells_[truth * n_ + predicted]; }
  std::int64_t total() const;
  std::int64_t support(int truth) const;        ///< row sum
  std::int64_t predicted(int predicted) const;  ///< column sum
  double accuracy() const;
  /// 0 when the class was never predicted (no positives to be precise about).
  double precision(int c) const;
  /// 0 when the class has no samples.
  double recall(int c) const;
  double f1(int c) const;

 private:
  int n_ = 0;
  std::vector<std::int64_t> cells_;
};

struct ClassReport {
  std::string name;
  double precision = 0, recall = 0, f1 = 0, auc = 0;
  std::int64_t support = 0;
};

struct RocPoint {
  double fpr = 0, tpr = 0;
  double threshold = 0;  ///< scores >= threshold count as positive
};

/// One-vs-rest ROC. Tied scores form one step (a diagonal segment), so the AUC equals
/// the Mann-Whitney statistic with ties counted as one half.
struct RocCurve {
  std::vector<RocPoint> points;  ///< from (0,0) to (1,1)
  double auc = 0;
};

/// Throws std::invalid_argument when sizes differ. With no positives or no negatives the
/// curve is undefined: returns auc = NaN and no points.
RocCurve rocCurve(const std::vector<double>& scores, const std::vector<bool>& positive);

struct Evaluation {
  std::vector<std::string> classes;
  ConfusionMatrix confusion;
  std::vector<ClassReport> perClass;
  double accuracy = 0, macroPrecision = 0, macroRecall = 0, macroF1 = 0, macroAuc = 0;
  std::vector<RocCurve> roc;
  double meanLoss = 0;  ///< mean cross-entropy of the probabilities (NaN when not computed)
};

/// Everything above from true labels and per-sample class probabilities.
Evaluation evaluate(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                    const std::vector<std::string>& classes);

/// The paper's Table IV as an aligned text table (plus accuracy and AUC columns).
std::string formatTableIV(const Evaluation& eval);
/// The confusion matrix as an aligned text table.
std::string formatConfusion(const Evaluation& eval);
/// All numbers including the ROC points.
nlohmann::json toJson(const Evaluation& eval);

/// The q-quantile (0..1) of `values`, interpolated linearly between the two nearest ranks
/// (so the median of an even count is the mean of the middle two); 0 for none.
double percentile(std::vector<double> values, double q);

}  // namespace sdd
