// The labeling simulation (sdd simulate-labeling): its rounds give the labels asked for, both
// strategies run on the same start, bad settings are refused, and its CSV reads back as
// written.
#include "sdd/training/labeling_simulation.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "test_support.h"

using namespace sdd;
using sdd::test::TempDir;

namespace {

SimulationOptions tinyOptions(const TempDir& dir, const std::string& strategy) {
  SimulationOptions o;
  o.strategy = strategy;
  o.startPerClass = 2;
  o.query = 4;
  o.maxLabels = 14;
  o.minEpochs = o.maxEpochs = 1;  // mechanics, not accuracy
  o.threads = 1;
  o.workDir = dir / "work";
  return o;
}

}  // namespace

TEST(LabelingSimulation, EachRoundAddsTheLabelsAskedForUntilTheLimitForBothStrategies) {
  TempDir dir;
  sdd::test::writePatternDataset(dir / "data", 3, 12);
  const Dataset ds = Dataset::scan(dir / "data");
  for (const char* strategy : {"uncertainty", "random"}) {
    std::vector<SimulationPoint> seen;
    const auto curve = simulateLabeling(ds, tinyOptions(dir, strategy),
                                        [&](const SimulationPoint& p) { seen.push_back(p); });
    ASSERT_EQ(curve.size(), 3u) << strategy;
    EXPECT_EQ(seen.size(), curve.size());
    for (std::size_t k = 0; k < curve.size(); ++k) {
      EXPECT_EQ(curve[k].labels, 6 + 4 * int(k)) << strategy;  // 2 per class, then 4 a round
      EXPECT_EQ(curve[k].epochs, 1);
      EXPECT_GE(curve[k].macroF1, 0.0);
      EXPECT_LE(curve[k].macroF1, 1.0);
    }
  }
  // The rounds' run folders are removed.
  EXPECT_TRUE(!std::filesystem::exists(dir / "work") || std::filesystem::is_empty(dir / "work"));
  const SimulationPoint full = fullLabelPoint(ds, tinyOptions(dir, "random"));
  EXPECT_EQ(full.labels, int(ds.indices(Split::Train).size()));
}

TEST(LabelingSimulation, RefusesAnUnknownStrategyAndAStartLargerThanAClass) {
  TempDir dir;
  sdd::test::writePatternDataset(dir / "data", 2, 6);
  const Dataset ds = Dataset::scan(dir / "data");
  EXPECT_THROW(simulateLabeling(ds, tinyOptions(dir, "greedy")), std::invalid_argument);
  SimulationOptions o = tinyOptions(dir, "random");
  o.startPerClass = 100;
  EXPECT_THROW(simulateLabeling(ds, o), std::invalid_argument);
}

TEST(LabelingSimulation, LabelsToReachIsTheFirstRoundAtOrAboveTheTarget) {
  const std::vector<SimulationPoint> curve = {{30, 0.80}, {60, 0.96}, {90, 0.94}, {120, 0.985}};
  EXPECT_EQ(labelsToReach(curve, 0.95), 60);
  EXPECT_EQ(labelsToReach(curve, 0.98), 120);
  EXPECT_EQ(labelsToReach(curve, 0.99), 0);  // never
}

TEST(LabelingSimulation, ItsCsvReadsBackAsWrittenAndABadRowNamesItsLine) {
  const std::vector<SimulationRow> rows = {{kAllLabels, 1, {1440, 0.98889, 40, 61.5}},
                                           {"uncertainty", 1, {30, 0.8193, 80, 4.25}},
                                           {"random", 2, {108, 0.90375, 80, 7}}};
  const std::vector<SimulationRow> back = parseSimulationCsv(simulationCsv(rows));
  ASSERT_EQ(back.size(), rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    EXPECT_EQ(back[k].strategy, rows[k].strategy);
    EXPECT_EQ(back[k].seed, rows[k].seed);
    EXPECT_EQ(back[k].point.labels, rows[k].point.labels);
    EXPECT_NEAR(back[k].point.macroF1, rows[k].point.macroF1, 1e-9);
    EXPECT_EQ(back[k].point.epochs, rows[k].point.epochs);
    EXPECT_NEAR(back[k].point.seconds, rows[k].point.seconds, 1e-9);
  }
  try {
    parseSimulationCsv("strategy,seed,labels,macro_f1,epochs,seconds\nrandom,1,30,high,80,4\n");
    FAIL() << "a bad number was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parseSimulationCsv("random,1,30\n"), std::runtime_error);
}
