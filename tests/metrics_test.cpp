#include "sdd/metrics/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "sdd/util/text_width.h"

using namespace sdd;

TEST(ConfusionMatrix, HandComputedPrecisionRecallF1) {
  // truth/pred pairs: class 0: 3 right, 1 predicted as 1; class 1: 2 right, 1 as 0.
  ConfusionMatrix cm(2);
  for (int i = 0; i < 3; ++i) cm.add(0, 0);
  cm.add(0, 1);
  cm.add(1, 1);
  cm.add(1, 1);
  cm.add(1, 0);
  EXPECT_EQ(cm.total(), 7);
  EXPECT_DOUBLE_EQ(cm.accuracy(), 5.0 / 7);
  EXPECT_DOUBLE_EQ(cm.precision(0), 3.0 / 4);
  EXPECT_DOUBLE_EQ(cm.recall(0), 3.0 / 4);
  EXPECT_DOUBLE_EQ(cm.precision(1), 2.0 / 3);
  EXPECT_DOUBLE_EQ(cm.recall(1), 2.0 / 3);
  EXPECT_DOUBLE_EQ(cm.f1(1), 2.0 / 3);
}

TEST(ConfusionMatrix, F1IsZeroForClassNeverPredicted) {
  ConfusionMatrix cm(3);
  cm.add(0, 0);
  cm.add(1, 1);
  cm.add(2, 1);  // class 2 is never predicted
  EXPECT_DOUBLE_EQ(cm.precision(2), 0.0);
  EXPECT_DOUBLE_EQ(cm.recall(2), 0.0);
  EXPECT_DOUBLE_EQ(cm.f1(2), 0.0);
  EXPECT_DOUBLE_EQ(cm.precision(1), 0.5);
  EXPECT_DOUBLE_EQ(cm.f1(1), 2 * 0.5 * 1.0 / 1.5);
}

TEST(ConfusionMatrix, RejectsOutOfRangeClass) {
  ConfusionMatrix cm(2);
  EXPECT_THROW(cm.add(2, 0), std::out_of_range);
  EXPECT_THROW(cm.add(0, -1), std::out_of_range);
}

TEST(Roc, PerfectSeparationHasAucOne) {
  const RocCurve r = rocCurve({0.9, 0.8, 0.3, 0.1}, {true, true, false, false});
  EXPECT_DOUBLE_EQ(r.auc, 1.0);
  EXPECT_DOUBLE_EQ(r.points.front().fpr, 0.0);
  EXPECT_DOUBLE_EQ(r.points.back().tpr, 1.0);
  EXPECT_DOUBLE_EQ(r.points.back().fpr, 1.0);
}

TEST(Roc, HandComputedAucMatchesPairCounting) {
  // Positives 0.8, 0.4; negatives 0.6, 0.2. Pairs (pos > neg): (0.8,0.6), (0.8,0.2), (0.4,0.2)
  // = 3 of 4.
  const RocCurve r = rocCurve({0.8, 0.6, 0.4, 0.2}, {true, false, true, false});
  EXPECT_DOUBLE_EQ(r.auc, 0.75);
  ASSERT_EQ(r.points.size(), 5u);
  EXPECT_DOUBLE_EQ(r.points[1].tpr, 0.5);
  EXPECT_DOUBLE_EQ(r.points[1].fpr, 0.0);
  EXPECT_DOUBLE_EQ(r.points[1].threshold, 0.8);
}

TEST(Roc, TiedScoresCountHalfAndFormOneDiagonalStep) {
  // All scores equal: a classifier that knows nothing, AUC exactly 0.5 whatever the order.
  const RocCurve all = rocCurve({0.5, 0.5, 0.5, 0.5}, {true, false, false, true});
  EXPECT_DOUBLE_EQ(all.auc, 0.5);
  ASSERT_EQ(all.points.size(), 2u);  // (0,0) then straight to (1,1)
  // One positive tied with one negative at the top: pairs = (0.9 vs 0.9) counts 1/2,
  // (0.9 vs 0.1) counts 1, (0.3 vs 0.9) 0, (0.3 vs 0.1) 1 -> 2.5 / 4.
  const RocCurve some = rocCurve({0.9, 0.9, 0.3, 0.1}, {true, false, true, false});
  EXPECT_DOUBLE_EQ(some.auc, 2.5 / 4);
}

TEST(Roc, UndefinedWithoutBothClasses) {
  const RocCurve r = rocCurve({0.1, 0.2}, {true, true});
  EXPECT_TRUE(std::isnan(r.auc));
  EXPECT_THROW(rocCurve({0.1}, {true, false}), std::invalid_argument);
}

TEST(Evaluate, MacroAveragesOverClassesAndFindsArgmax) {
  const std::vector<int> truth = {0, 0, 1, 2};
  const std::vector<std::vector<float>> probs = {
      {0.7f, 0.2f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.3f, 0.6f, 0.1f}};
  const Evaluation e = evaluate(truth, probs, {"a", "b", "c"});
  EXPECT_EQ(e.confusion.count(0, 0), 1);
  EXPECT_EQ(e.confusion.count(0, 1), 1);
  EXPECT_EQ(e.confusion.count(2, 1), 1);
  EXPECT_DOUBLE_EQ(e.accuracy, 0.5);
  // F1: a = 2*1*0.5/1.5 = 2/3; b: P = 1/3, R = 1 -> 0.5; c: never predicted -> 0.
  EXPECT_NEAR(e.perClass[0].f1, 2.0 / 3, 1e-12);
  EXPECT_NEAR(e.perClass[1].f1, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(e.perClass[2].f1, 0.0);
  EXPECT_NEAR(e.macroF1, (2.0 / 3 + 0.5) / 3, 1e-12);
  EXPECT_NEAR(e.meanLoss, -(std::log(0.7) + std::log(0.2) + std::log(0.8) + std::log(0.1)) / 4,
              1e-6);
  const auto j = toJson(e);
  EXPECT_EQ(j["confusion_matrix"][0][1], 1);
  EXPECT_EQ(j["per_class"].size(), 3u);
  EXPECT_NE(formatTableIV(e).find("macro avg"), std::string::npos);
}

// Class names are folder names, in any script: the tables line up by terminal columns, not
// bytes (a "划痕" class, 6 bytes and 4 columns, shifted every number after it).
TEST(Evaluate, TablesLineUpWithClassNamesInAnyScript) {
  EXPECT_EQ(displayWidth("scratches"), 9u);
  EXPECT_EQ(displayWidth("Kratzer \u00fc"), 9u);
  EXPECT_EQ(displayWidth("\u5212\u75d5"), 4u);  // 划痕
  EXPECT_EQ(displayWidth("\uc2a4\ud06c"), 4u);  // Korean, two syllables
  EXPECT_EQ(padRight("\u5212\u75d5", 6), "\u5212\u75d5  ");
  EXPECT_EQ(padLeft("ab", 4), "  ab");
  const Evaluation e =
      evaluate({0, 1, 2}, {{0.8f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.1f, 0.1f, 0.8f}},
               {"a", "\u5212\u75d5", "Kratzer \u00fc"});
  for (const std::string& table : {formatTableIV(e), formatConfusion(e)}) {
    std::istringstream lines(table);
    std::string line;
    std::vector<std::size_t> widths;
    while (std::getline(lines, line))
      if (line.rfind("accuracy", 0) != 0) widths.push_back(displayWidth(line));
    ASSERT_GE(widths.size(), 4u) << table;
    for (std::size_t w : widths) EXPECT_EQ(w, widths.front()) << table;
  }
}

// One percentile for every median the tools show (the CLI, the Evaluate tab, the report):
// the Evaluate tab and `sdd predict` took sorted[n/2], which for an even count is the upper
// of the middle two (3 for {1, 2, 3, 10}), so the tab and the report could disagree.
TEST(Percentile, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  EXPECT_DOUBLE_EQ(percentile({10, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(percentile({3, 1, 2}, 0.5), 2.0);
  EXPECT_DOUBLE_EQ(percentile({5}, 0.95), 5.0);
  EXPECT_DOUBLE_EQ(percentile({}, 0.5), 0.0);
  EXPECT_DOUBLE_EQ(percentile({0, 10}, 0.95), 9.5);
  EXPECT_DOUBLE_EQ(percentile({0, 10}, 2.0), 10.0) << "q is clamped to [0, 1]";
}
