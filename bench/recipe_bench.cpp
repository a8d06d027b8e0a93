// sdd_recipe_bench — does the default recipe adapt to datasets it was not tuned on (issue 22)?
// From NEU it builds the test sets the issue names and trains each with the default recipe
// (the `sdd train DATASET` command: adaptive length and class balance) and, with --sweep,
// with a small hand sweep of fixed settings (epochs x learning rate x class balance) in the
// same process, printing macro F1 and per-class recall of each. Not a test: it asserts
// nothing; docs/performance.md records what it printed.
//
//  imbalanced  NEU's training images cut to 240/120/60/30/15/8 per class (validation: all 360)
//  small       20 training images per class (validation: all 360)
//  64px        every NEU image as a 64 x 64 one-channel PNG (same split)
//  neu         NEU itself, the default recipe with seeds 42, 7 and 123
//
//   sdd_recipe_bench [NEU-DET] [--work DIR] [--only imbalanced,small,64px,neu] [--sweep]
//                    [--threads N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "args.h"
#include "sdd/dataset/dataset.h"
#include "sdd/training/trainer.h"
#include "sdd/util/csv.h"

namespace fs = std::filesystem;

namespace {

struct Options {
  fs::path root = "data/NEU-DET";
  fs::path work = "runs/recipe-bench";
  std::vector<std::string> only = {"imbalanced", "small", "64px", "neu"};
  bool sweep = false;
  int threads = 2;  // fixed: runs repeatable
};

/// Writes a class-folder copy of NEU under `dir`: at most `perClass[c]` training images of
/// class c (the first by name; all when the list is empty) as links, and every validation
/// image; with `side` > 0 each image as a one-channel PNG of that size instead.
sdd::Dataset derive(const sdd::Dataset& neu, const fs::path& dir, const std::vector<int>& perClass,
                    int side) {
  fs::remove_all(dir);
  std::vector<int> taken(neu.classes().size(), 0);
  for (int pass = 0; pass < 2; ++pass) {
    const sdd::Split split = pass == 0 ? sdd::Split::Train : sdd::Split::Validation;
    std::vector<std::size_t> idx = neu.indices(split);
    std::sort(idx.begin(), idx.end(),
              [&](auto a, auto b) { return neu.samples()[a].path < neu.samples()[b].path; });
    for (std::size_t i : idx) {
      const sdd::Sample& s = neu.samples()[i];
      if (split == sdd::Split::Train && !perClass.empty() &&
          taken[std::size_t(s.label)]++ >= perClass[std::size_t(s.label)])
        continue;
      const fs::path to = dir / (pass == 0 ? "train" : "validation") / neu.className(s.label);
      fs::create_directories(to);
      if (side <= 0) {
        fs::create_symlink(fs::absolute(s.path), to / s.path.filename());
        continue;
      }
      cv::Mat im = cv::imread(s.path.string(), cv::IMREAD_GRAYSCALE), small;
      if (im.empty()) throw std::runtime_error("cannot read " + s.path.string());
      cv::resize(im, small, {side, side}, 0, 0, cv::INTER_AREA);
      if (!cv::imwrite((to / s.path.stem()).string() + ".png", small))
        throw std::runtime_error("cannot write into " + to.string());
    }
  }
  return sdd::Dataset::scan(dir);
}

struct Setting {
  std::string name;
  sdd::TrainConfig config;
};

/// The default recipe as `sdd train` runs it, then (with --sweep) fixed settings.
std::vector<Setting> settings(const Options& o, const std::vector<int>& epochs,
                              const std::vector<std::string>& balances, int classes) {
  const sdd::TrainRecipe r = sdd::trainRecipe("default", classes);
  std::vector<Setting> out = {{"default recipe", r.config}};
  if (!o.sweep) return out;
  for (int e : epochs)
    for (double lr : {1e-3, 3e-3})
      for (const std::string& b : balances) {
        sdd::TrainConfig c = r.config;
        c.fixEpochs(e);
        c.learningRate = lr;
        c.balance = b;
        char name[96];
        std::snprintf(name, sizeof name, "%d epochs, lr %.0e, %s", e, lr, b.c_str());
        out.push_back({name, c});
      }
  return out;
}

struct Row {
  std::string name;
  double f1 = 0, seconds = 0;
  int epochs = 0;
  std::vector<double> recall;
};

Row train(const sdd::Dataset& ds, const Setting& s, std::uint64_t seed, int threads,
          const fs::path& out) {
  const sdd::TrainRecipe r = sdd::trainRecipe("default", int(ds.classes().size()));
  sdd::TrainConfig c = s.config;
  c.seed = seed;
  c.threads = threads;
  fs::remove_all(out);
  sdd::Trainer t(ds, r.spec, c, out);
  const sdd::TrainResult res = t.run();
  Row row{s.name, res.history.empty() ? 0.0 : res.history.back().valMacroF1, res.seconds,
          int(res.history.size()), res.perClassRecall};
  fs::remove_all(out);
  return row;
}

void print(const Row& r, const std::vector<std::string>& classes) {
  std::printf("  %-34s F1 %.4f  %4d epochs %6.1f s  recall", r.name.c_str(), r.f1, r.epochs,
              r.seconds);
  for (std::size_t c = 0; c < r.recall.size(); ++c)
    std::printf(" %s %.2f", classes[c].substr(0, 4).c_str(), r.recall[c]);
  std::printf("\n");
  std::fflush(stdout);
}

void sweepSet(const Options& o, const std::string& name, const sdd::Dataset& ds,
              const std::vector<int>& epochs, const std::vector<std::string>& balances) {
  const auto train0 = ds.indices(sdd::Split::Train), val0 = ds.indices(sdd::Split::Validation);
  std::printf("%s: %zu training, %zu validation images\n", name.c_str(), train0.size(),
              val0.size());
  std::vector<Row> rows;
  for (const Setting& s : settings(o, epochs, balances, int(ds.classes().size()))) {
    rows.push_back(train(ds, s, 42, o.threads, o.work / "run"));
    print(rows.back(), ds.classes());
  }
  if (rows.size() < 2) return;
  const auto best = std::max_element(rows.begin() + 1, rows.end(),
                                     [](const Row& a, const Row& b) { return a.f1 < b.f1; });
  std::printf("  best of the sweep: %s, F1 %.4f; the default recipe %.4f (%+.4f)\n",
              best->name.c_str(), best->f1, rows[0].f1, rows[0].f1 - best->f1);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  try {
    const sdd::cli::Args args(std::vector<std::string>(argv + 1, argv + argc),
                              {"work", "only", "threads"}, {"sweep"});
    if (args.positionals().size() > 1) throw sdd::cli::CliError("give one dataset folder");
    if (!args.positionals().empty()) o.root = args.positionals().front();
    o.work = args.str("work", o.work.string());
    if (args.has("only")) {
      const auto records = sdd::parseCsv(args.str("only", ""));
      o.only = records.empty() ? std::vector<std::string>() : records.front().fields;
    }
    o.sweep = args.has("sweep");
    o.threads = args.integer("threads", o.threads, 0, 1024);
  } catch (const sdd::cli::CliError& e) {
    std::fprintf(stderr,
                 "sdd_recipe_bench: %s\nusage: sdd_recipe_bench [NEU-DET] [--work DIR] "
                 "[--only imbalanced,small,64px,neu] [--sweep] [--threads N]\n",
                 e.what());
    return 2;
  }
  auto wanted = [&](const std::string& n) {
    return std::find(o.only.begin(), o.only.end(), n) != o.only.end();
  };
  try {
    const sdd::Dataset neu = sdd::Dataset::scan(o.root);
    if (wanted("imbalanced"))
      sweepSet(o, "imbalanced NEU (240/120/60/30/15/8)",
               derive(neu, o.work / "imbalanced", {240, 120, 60, 30, 15, 8}, 0), {80, 240},
               {"none", "weights", "sampling"});
    if (wanted("small"))
      sweepSet(o, "small NEU (20 per class)",
               derive(neu, o.work / "small", {20, 20, 20, 20, 20, 20}, 0), {80, 300, 900},
               {"none"});
    if (wanted("64px"))
      sweepSet(o, "NEU at 64 px, one-channel PNG", derive(neu, o.work / "64px", {}, 64), {80, 200},
               {"none"});
    if (wanted("neu")) {
      std::printf("NEU-DET, default recipe, three seeds\n");
      const Setting s = settings(o, {}, {}, int(neu.classes().size())).front();
      double sum = 0;
      for (std::uint64_t seed : {42, 7, 123}) {
        Row r = train(neu, s, seed, o.threads, o.work / "run");
        r.name = "seed " + std::to_string(seed);
        print(r, neu.classes());
        sum += r.f1;
      }
      std::printf("  mean macro F1 of 3 seeds: %.4f (goal >= 0.990)\n", sum / 3);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sdd_recipe_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
