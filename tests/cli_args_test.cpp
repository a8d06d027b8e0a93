// The `sdd` argument parser (app/cli/args.h): what every command's options go through.
#include <gtest/gtest.h>

#include "args.h"
#include "common.h"

using sdd::cli::Args;
using sdd::cli::CliError;

namespace {
std::string errorOf(const std::vector<std::string>& argv) {
  try {
    Args a(argv, {"epochs", "conv", "optimizer", "lr"}, {"quiet"});
    a.integer("epochs", 0, 1, 100);
    a.intList("conv", {8});
    a.choice("optimizer", "adam", {"adam", "sgd"});
    a.real("lr", 0.1, 1e-9, 10);
  } catch (const CliError& e) {
    return e.what();
  }
  return {};
}
}  // namespace

TEST(CliArgs, ValuesSwitchesAndPositionalsInAnyOrder) {
  const Args a({"data", "--epochs", "3", "--quiet", "--lr=0.5", "more"}, {"epochs", "lr"},
               {"quiet"});
  EXPECT_EQ(a.positionals(), (std::vector<std::string>{"data", "more"}));
  EXPECT_EQ(a.integer("epochs", 0, 1, 10), 3);
  EXPECT_DOUBLE_EQ(a.real("lr", 0, 0, 1), 0.5);
  EXPECT_TRUE(a.has("quiet"));
  EXPECT_FALSE(a.has("epochs-not-given"));
  EXPECT_EQ(a.str("missing", "fallback"), "fallback");
}

TEST(CliArgs, AfterADoubleDashEverythingIsAPositional) {
  const Args a({"--quiet", "--", "-odd.png", "--epochs", "-"}, {"epochs"}, {"quiet"});
  EXPECT_EQ(a.positionals(), (std::vector<std::string>{"-odd.png", "--epochs", "-"}));
  EXPECT_FALSE(a.has("epochs"));
  EXPECT_EQ(Args({"-"}, {}, {}).positionals(), std::vector<std::string>{"-"});  // stdin-like name
}

TEST(CliArgs, BadInputNamesTheFlagAndTheValue) {
  EXPECT_EQ(errorOf({"--epochz", "3"}), "unknown option '--epochz' (see --help)");
  EXPECT_EQ(errorOf({"-e", "3"}), "unknown option '-e' (options are spelled --name)");
  EXPECT_EQ(errorOf({"--epochs"}), "--epochs needs a value");
  EXPECT_EQ(errorOf({"--quiet=yes"}), "--quiet takes no value");
  EXPECT_EQ(errorOf({"--epochs", "many"}), "--epochs expects a whole number, got 'many'");
  EXPECT_EQ(errorOf({"--epochs", "1000"}), "--epochs must be between 1 and 100, got 1000");
  EXPECT_EQ(errorOf({"--epochs", "99999999999999999999"}),
            "--epochs expects a whole number, got '99999999999999999999'");
  EXPECT_EQ(errorOf({"--conv", "8,,16"}),
            "--conv expects comma-separated positive numbers, got '8,,16'");
  EXPECT_EQ(errorOf({"--conv", "8,-16"}),
            "--conv expects comma-separated positive numbers, got '8,-16'");
  EXPECT_EQ(errorOf({"--optimizer", "rmsprop"}),
            "--optimizer must be one of adam, sgd, got 'rmsprop'");
  EXPECT_EQ(errorOf({"--lr", "nan"}), "--lr expects a number, got 'nan'");
  EXPECT_EQ(errorOf({"--epochs", "5", "--conv", "8,16", "--lr", "1e-3"}), "");
}

namespace {
sdd::TrainConfig trainOptions(const std::vector<std::string>& argv) {
  const Args a(argv, sdd::cli::kTrainValueFlags, sdd::cli::kTrainSwitches);
  sdd::TrainConfig cfg;
  sdd::ModelSpec spec;
  sdd::cli::parseTrainOptions(a, cfg, spec);
  return cfg;
}
}  // namespace

TEST(CliArgs, EpochsGivenAreTrainedAsGivenAndTheBalanceFlagsAgree) {
  const sdd::TrainConfig def = trainOptions({});
  EXPECT_EQ(def.minSteps, 3600);   // the default recipe adapts to small sets…
  EXPECT_EQ(def.balance, "auto");  // …and to imbalanced ones
  EXPECT_EQ(trainOptions({"--epochs", "5"}).minSteps, 0);
  EXPECT_EQ(trainOptions({"--epochs", "5", "--min-steps", "100"}).minSteps, 100);
  EXPECT_EQ(trainOptions({"--min-steps", "100"}).epochs, def.epochs);
  EXPECT_EQ(trainOptions({"--class-weights"}).balance, "weights");
  EXPECT_EQ(trainOptions({"--balance", "sqrt"}).balance, "sqrt");
  EXPECT_THROW(trainOptions({"--class-weights", "--balance", "none"}), CliError);
  EXPECT_THROW(trainOptions({"--balance", "evenly"}), CliError);
  const sdd::TrainConfig paper = trainOptions({"--preset", "tableII"});
  EXPECT_EQ(paper.minSteps, 0);  // the paper's recipe stays as written
  EXPECT_EQ(paper.balance, "none");
}
