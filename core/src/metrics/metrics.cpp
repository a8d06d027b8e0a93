#include "sdd/metrics/metrics.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "sdd/util/text_width.h"

namespace sdd {

ConfusionMatrix::ConfusionMatrix(int numClasses)
    : n_(numClasses), cells_(static_cast<std::size_t>(numClasses) * numClasses, 0) {}

void ConfusionMatrix::add(int truth, int predicted) {
  if (truth < 0 || truth >= n_ || predicted < 0 || predicted >= n_)
    throw std::out_of_range("ConfusionMatrix::add: class index out of range");
  ++cells_[truth * n_ + predicted];
}

std::int64_t ConfusionMatrix::total() const {
  return std::accumulate(cells_.begin(), cells_.end(), std::int64_t{0});
}

std::int64_t ConfusionMatrix::support(int t) const {
  std::int64_t s = 0;
  for (int p = 0; p < n_; ++p) s += count(t, p);
  return s;
}

std::int64_t ConfusionMatrix::predicted(int p) const {
  std::int64_t s = 0;
  for (int t = 0; t < n_; ++t) s += count(t, p);
  return s;
}

double ConfusionMatrix::accuracy() const {
  const std::int64_t n = total();
  if (n == 0) return 0;
  std::int64_t correct = 0;
  for (int c = 0; c < n_; ++c) correct += count(c, c);
  return static_cast<double>(correct) / n;
}

double ConfusionMatrix::precision(int c) const {
  const std::int64_t p = predicted(c);
  return p == 0 ? 0.0 : static_cast<double>(count(c, c)) / p;
}

double ConfusionMatrix::recall(int c) const {
  const std::int64_t s = support(c);
  return s == 0 ? 0.0 : static_cast<double>(count(c, c)) / s;
}

double ConfusionMatrix::f1(int c) const {
  const double p = precision(c), r = recall(c);
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

RocCurve rocCurve(const std::vector<double>& scores, const std::vector<bool>& positive) {
  if (scores.size() != positive.size())
    throw std::invalid_argument("rocCurve: scores and labels differ in length");
  RocCurve roc;
  const auto P = std::count(positive.begin(), positive.end(), true);
  const auto N = static_cast<std::int64_t>(positive.size()) - P;
  if (P == 0 || N == 0) {
    roc.auc = std::numeric_limits<double>::quiet_NaN();
    return roc;
  }
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  roc.points.push_back({0.0, 0.0, std::numeric_limits<double>::infinity()});
  std::int64_t tp = 0, fp = 0;
  double auc = 0;
  for (std::size_t i = 0; i < order.size();) {
    const double s = scores[order[i]];
    // All samples with the same score cross the threshold together: one (possibly diagonal) step.
    for (; i < order.size() && scores[order[i]] == s; ++i) (positive[order[i]] ? tp : fp)++;
    const RocPoint prev = roc.points.back();
    RocPoint pt{static_cast<double>(fp) / N, static_cast<double>(tp) / P, s};
    auc += (pt.fpr - prev.fpr) * (pt.tpr + prev.tpr) / 2;
    roc.points.push_back(pt);
  }
  roc.auc = auc;
  return roc;
}

Evaluation evaluate(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                    const std::vector<std::string>& classes) {
  if (truth.size() != probs.size())
    throw std::invalid_argument("evaluate: labels and probabilities differ in length");
  const int n = static_cast<int>(classes.size());
  Evaluation e;
  e.classes = classes;
  e.confusion = ConfusionMatrix(n);
  double loss = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (static_cast<int>(probs[i].size()) != n)
      throw std::invalid_argument("evaluate: probability vector has the wrong length");
    const int pred =
        static_cast<int>(std::max_element(probs[i].begin(), probs[i].end()) - probs[i].begin());
    e.confusion.add(truth[i], pred);
    loss -= std::log(std::max(1e-12, static_cast<double>(probs[i][truth[i]])));
  }
  e.meanLoss = truth.empty() ? std::numeric_limits<double>::quiet_NaN() : loss / truth.size();
  e.accuracy = e.confusion.accuracy();
  int aucCount = 0;
  for (int c = 0; c < n; ++c) {
    ClassReport r;
    r.name = classes[c];
    r.precision = e.confusion.precision(c);
    r.recall = e.confusion.recall(c);
    r.f1 = e.confusion.f1(c);
    r.support = e.confusion.support(c);
    std::vector<double> scores(truth.size());
    std::vector<bool> pos(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
      scores[i] = probs[i][c];
      pos[i] = truth[i] == c;
    }
    e.roc.push_back(rocCurve(scores, pos));
    r.auc = e.roc.back().auc;
    if (!std::isnan(r.auc)) {
      e.macroAuc += r.auc;
      ++aucCount;
    }
    e.macroPrecision += r.precision / n;
    e.macroRecall += r.recall / n;
    e.macroF1 += r.f1 / n;
    e.perClass.push_back(r);
  }
  e.macroAuc = aucCount ? e.macroAuc / aucCount : std::numeric_limits<double>::quiet_NaN();
  return e;
}

std::string formatTableIV(const Evaluation& e) {
  std::size_t w = 9;
  for (const auto& r : e.perClass) w = std::max(w, displayWidth(r.name));
  std::ostringstream o;
  o << std::fixed << std::setprecision(4);
  o << std::left << std::setw(static_cast<int>(w)) << "class" << std::right << std::setw(11)
    << "precision" << std::setw(9) << "recall" << std::setw(9) << "F1" << std::setw(9) << "AUC"
    << std::setw(9) << "support"
    << "\n";
  for (const auto& r : e.perClass) {
    o << padRight(r.name, w) << std::setw(11) << r.precision << std::setw(9) << r.recall
      << std::setw(9) << r.f1 << std::setw(9) << r.auc << std::setw(9) << r.support << "\n";
  }
  o << std::left << std::setw(static_cast<int>(w)) << "macro avg" << std::right << std::setw(11)
    << e.macroPrecision << std::setw(9) << e.macroRecall << std::setw(9) << e.macroF1
    << std::setw(9) << e.macroAuc << std::setw(9) << e.confusion.total() << "\n";
  o << "accuracy " << e.accuracy << "  (" << e.confusion.total() << " images)\n";
  return o.str();
}

std::string formatConfusion(const Evaluation& e) {
  std::size_t w = 4;
  for (const auto& n : e.classes) w = std::max(w, displayWidth(n));
  std::ostringstream o;
  o << std::left << std::setw(static_cast<int>(w) + 2) << "true \\ pred";
  for (std::size_t c = 0; c < e.classes.size(); ++c) o << std::right << std::setw(6) << c;
  o << "\n";
  for (int t = 0; t < e.confusion.size(); ++t) {
    o << padRight(std::to_string(t) + " " + e.classes[t], w + 2);
    for (int p = 0; p < e.confusion.size(); ++p)
      o << std::right << std::setw(6) << e.confusion.count(t, p);
    o << "\n";
  }
  return o.str();
}

nlohmann::json toJson(const Evaluation& e) {
  nlohmann::json j;
  j["classes"] = e.classes;
  j["images"] = e.confusion.total();
  j["accuracy"] = e.accuracy;
  j["macro"] = {{"precision", e.macroPrecision},
                {"recall", e.macroRecall},
                {"f1", e.macroF1},
                {"auc", e.macroAuc}};
  j["mean_loss"] = e.meanLoss;
  nlohmann::json cm = nlohmann::json::array();
  for (int t = 0; t < e.confusion.size(); ++t) {
    std::vector<std::int64_t> row;
    for (int p = 0; p < e.confusion.size(); ++p) row.push_back(e.confusion.count(t, p));
    cm.push_back(row);
  }
  j["confusion_matrix"] = cm;
  nlohmann::json per = nlohmann::json::array();
  for (std::size_t c = 0; c < e.perClass.size(); ++c) {
    const auto& r = e.perClass[c];
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : e.roc[c].points)
      pts.push_back(
          {p.fpr, p.tpr,
           std::isfinite(p.threshold) ? nlohmann::json(p.threshold) : nlohmann::json(nullptr)});
    per.push_back({{"class", r.name},
                   {"precision", r.precision},
                   {"recall", r.recall},
                   {"f1", r.f1},
                   {"auc", r.auc},
                   {"support", r.support},
                   {"roc", pts}});
  }
  j["per_class"] = per;
  j["roc_point_format"] = {"fpr", "tpr", "threshold"};
  return j;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

}  // namespace sdd
