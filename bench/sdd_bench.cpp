// sdd_bench — speed benchmarks on the NEU data. Each runs a naive baseline and the optimized
// path in the same process and prints both and the ratio, so the figure holds on a noisy
// machine. Not a test: it asserts nothing; docs/performance.md records what it printed.
//
//   sdd_bench [DATASET] [--model FILE] [--only latency|throughput|prelabel|train|load]
//             [--json FILE]
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <torch/torch.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <thread>
#include <vector>

#include "args.h"
#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/labels/prediction_store.h"
#include "sdd/labels/prelabel.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"
#include "sdd/training/trainer.h"
#include "sdd/util/parallel.h"
#include "sdd/util/runtime.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, std::size_t(q * double(v.size() - 1) + 0.5))];
}

/// Batch-1 predictions of `files`, timed: the total and each stage, per image.
struct StageTimes {
  std::vector<double> total, read, decode, preprocess, network;
  /// "  stages of <what>, median ms: read …, decode …, preprocess …, network …".
  void printMedians(const char* what) const {
    std::printf(
        "  stages of %s, median ms: read %.3f, decode %.3f, preprocess %.3f, network %.3f\n", what,
        percentile(read, 0.5), percentile(decode, 0.5), percentile(preprocess, 0.5),
        percentile(network, 0.5));
  }
};

StageTimes timeEach(sdd::Predictor& p, const std::vector<fs::path>& files) {
  StageTimes t;
  for (const auto& f : files) {
    const sdd::Prediction r = p.predictFile(f);
    t.total.push_back(r.totalMs);
    t.read.push_back(r.readMs);
    t.decode.push_back(r.decodeMs);
    t.preprocess.push_back(r.preprocessMs);
    t.network.push_back(r.inferenceMs);
  }
  return t;
}

long peakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

std::vector<fs::path> filesOf(const sdd::Dataset& ds, sdd::Split split) {
  std::vector<fs::path> out;
  for (std::size_t i : ds.indices(split)) out.push_back(ds.samples()[i].path);
  return out;
}

/// The textbook path: cv::imread, resize, float NCHW tensor, normalize, forward.
torch::Tensor naiveInput(const fs::path& file, const sdd::ModelMetadata& meta) {
  cv::Mat img = cv::imread(file.string(), cv::IMREAD_COLOR);
  cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
  cv::resize(img, img, cv::Size(meta.spec.inputSize, meta.spec.inputSize));
  img.convertTo(img, CV_32FC3, 1.0 / 255.0);
  auto t = torch::from_blob(img.data, {1, img.rows, img.cols, 3}, torch::kFloat32)
               .permute({0, 3, 1, 2})
               .clone();
  auto mean = torch::tensor(meta.normalization.mean).view({1, 3, 1, 1});
  auto stdv = torch::tensor(meta.normalization.std).view({1, 3, 1, 1});
  return (t - mean) / stdv;
}

void line(const char* what, double base, double ours, const char* unit, bool lowerIsBetter) {
  const double ratio = lowerIsBetter ? base / ours : ours / base;
  std::printf("  %-44s baseline %9.2f %-9s optimized %9.2f %-9s  %.2fx\n", what, base, unit, ours,
              unit, ratio);
}

/// Pre-labeling a large folder of new images: 20,000 files (links to the dataset's images,
/// each a distinct path) scored and kept in a workspace's predictions file, as the Review
/// tab's "Score" and `sdd prelabel --workspace` do. Baseline: the same model classifying one
/// file at a time (Predictor::predictFile, all cores), on the dataset's images once.
void prelabelSection(const sdd::Dataset& ds, const fs::path& model, unsigned cores,
                     nlohmann::json& j) {
  constexpr std::size_t kImages = 20000;
  const fs::path dir =
      fs::temp_directory_path() / ("sdd_bench_prelabel_" + std::to_string(::getpid()));
  fs::create_directories(dir / "new");
  std::vector<sdd::Sample> samples;
  for (std::size_t k = 0; k < kImages; ++k) {
    const sdd::Sample& from = ds.samples()[k % ds.samples().size()];
    sdd::Sample s;
    s.path = dir / "new" / ("img_" + std::to_string(k) + from.path.extension().string());
    fs::create_symlink(fs::absolute(from.path), s.path);
    s.split = sdd::Split::Train;
    samples.push_back(s);
  }
  const sdd::Dataset unlabeled = sdd::Dataset::fromSamples(dir, ds.classes(), std::move(samples));
  std::vector<std::size_t> all(kImages);
  for (std::size_t k = 0; k < kImages; ++k) all[k] = k;

  sdd::configureThreads(0);
  sdd::Predictor one(model, "cpu", 0);
  auto t = Clock::now();
  for (const sdd::Sample& s : ds.samples()) (void)one.predictFile(s.path);
  const double baseRate = double(ds.samples().size()) / (msSince(t) / 1000.0);

  sdd::Predictor p(model, "cpu", 0);
  sdd::PredictionStore store(dir / "predictions.sqlite");
  const std::string fingerprint = sdd::fileFingerprint(model);
  std::size_t scored = 0;
  t = Clock::now();
  sdd::scoreSamples(p, unlabeled, all, &store, fingerprint,
                    [&](const std::vector<sdd::ScoredImage>& part) { scored += part.size(); });
  const double oursS = msSince(t) / 1000.0;
  const std::size_t kept = store.get(fingerprint).size();
  std::error_code ec;
  fs::remove_all(dir, ec);
  std::printf(
      "pre-labeling %zu new images, decode + classify + kept in the workspace (%u threads; "
      "baseline: one file at a time, %zu images):\n",
      kImages, cores, ds.samples().size());
  line("images per second", baseRate, double(scored) / oursS, "img/s", false);
  std::printf("  %zu suggestions kept in predictions.sqlite, %.1f s in all\n", kept, oursS);
  j["prelabel_img_s"] = {{"baseline", baseRate},
                         {"optimized", double(scored) / oursS},
                         {"images", kImages},
                         {"kept", kept}};
}

/// A CPU-bound process beside us (a line PC's camera acquisition) for as long as it lives.
class BusyNeighbour {
 public:
  BusyNeighbour() : pid_(::fork()) {
    if (pid_ == 0) {
      volatile unsigned long spin = 0;
      for (;;) spin = spin + 1;  // never returns; killed by the destructor
    }
  }
  ~BusyNeighbour() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  BusyNeighbour(const BusyNeighbour&) = delete;
  BusyNeighbour& operator=(const BusyNeighbour&) = delete;

 private:
  pid_t pid_;
};

/// Speed on a busy machine: training (a recipe's median epoch after the first) and batch-1
/// latency, idle and with one competing CPU-bound process. Baseline: all cores always (how
/// training ran before the thread tuner); optimized: threads left to the trainer (ThreadTuner).
void loadSection(const sdd::Dataset& ds, const fs::path& model, unsigned cores, nlohmann::json& j) {
  std::printf(
      "speed with one competing CPU-bound process on %u cores (slowdown = loaded / idle):\n",
      cores);
  for (const std::string recipe : {"default", "tableII"}) {
    auto epochSeconds = [&](int threads) {
      sdd::TrainRecipe r = sdd::trainRecipe(recipe, int(ds.classes().size()));
      r.config.fixEpochs(recipe == "default" ? 5 : 3);
      r.config.threads = threads;
      const fs::path dir =
          fs::temp_directory_path() / ("sdd_bench_load_" + std::to_string(::getpid()));
      sdd::Trainer trainer(ds, r.spec, r.config, dir);
      std::vector<double> seconds;
      trainer.onEpoch = [&](const sdd::EpochStats& s) { seconds.push_back(s.seconds); };
      trainer.run();
      fs::remove_all(dir);
      seconds.erase(seconds.begin());  // the first epoch warms up
      return percentile(seconds, 0.5);
    };
    const double baseIdle = epochSeconds(int(cores)), oursIdle = epochSeconds(0);
    double baseBusy = 0, oursBusy = 0;
    {
      BusyNeighbour neighbour;
      baseBusy = epochSeconds(int(cores));
      oursBusy = epochSeconds(0);
    }
    std::printf(
        "  %-8s training, s/epoch: all cores %.2f idle, %.2f loaded (%.1fx); tuned %.2f idle, "
        "%.2f loaded (%.1fx)\n",
        recipe.c_str(), baseIdle, baseBusy, baseBusy / baseIdle, oursIdle, oursBusy,
        oursBusy / oursIdle);
    j["load"][recipe] = {{"all_cores", {{"idle_s", baseIdle}, {"loaded_s", baseBusy}}},
                         {"tuned", {{"idle_s", oursIdle}, {"loaded_s", oursBusy}}}};
  }
  const auto val = filesOf(ds, sdd::Split::Validation);
  auto latency = [&](int threads) {
    sdd::Predictor p(model, "cpu", threads);
    std::vector<double> ms;
    for (const auto& f : val) ms.push_back(p.predictFile(f).totalMs);
    return percentile(ms, 0.5);
  };
  const double oneIdle = latency(1), allIdle = latency(int(cores));
  double oneBusy = 0, allBusy = 0;
  {
    BusyNeighbour neighbour;
    oneBusy = latency(1);
    allBusy = latency(int(cores));
  }
  std::printf(
      "  batch-1 latency, median ms: 1 thread (the workbench's) %.3f idle, %.3f loaded "
      "(%.1fx); all cores %.3f idle, %.3f loaded (%.1fx)\n",
      oneIdle, oneBusy, oneBusy / oneIdle, allIdle, allBusy, allBusy / allIdle);
  j["load"]["latency_ms"] = {{"one_thread", {{"idle", oneIdle}, {"loaded", oneBusy}}},
                             {"all_cores", {{"idle", allIdle}, {"loaded", allBusy}}}};
}

}  // namespace

constexpr const char* kUsage =
    "usage: sdd_bench [DATASET] [--model FILE] [--only latency|throughput|prelabel|train|load] "
    "[--json FILE]";

int main(int argc, char** argv) {
  fs::path root = "data/NEU-DET";
  fs::path model = sdd::shippedModelFile();
  std::string only, jsonFile;
  try {
    const sdd::cli::Args args(std::vector<std::string>(argv + 1, argv + argc),
                              {"model", "only", "json"}, {"help"});
    if (args.has("help")) {
      std::puts(kUsage);
      return 0;
    }
    if (args.positionals().size() > 1) throw sdd::cli::CliError("give one dataset folder");
    if (!args.positionals().empty()) root = args.positionals().front();
    model = args.str("model", model.string());
    if (args.has("only"))
      only = args.choice("only", "", {"latency", "throughput", "prelabel", "train", "load"});
    jsonFile = args.str("json", "");
  } catch (const sdd::cli::CliError& e) {
    std::fprintf(stderr, "sdd_bench: %s\n%s\n", e.what(), kUsage);
    return 2;
  }
  try {
    const sdd::Dataset ds = sdd::Dataset::scan(root);
    const auto val = filesOf(ds, sdd::Split::Validation);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    nlohmann::json j;
    j["dataset"] = root.string();
    j["model"] = model.string();
    j["cores"] = cores;
    std::printf("sdd_bench on %s (%zu validation, %zu train images), model %s, %u cores\n\n",
                root.c_str(), val.size(), ds.indices(sdd::Split::Train).size(),
                model.filename().c_str(), cores);

    if (only.empty() || only == "latency") {
      // The paper's measurement: one image at a time, file read to decision.
      sdd::configureThreads(1);
      sdd::LoadedModel lm = sdd::loadModelFile(model);
      lm.net->eval();
      std::vector<double> base, ours;
      {
        torch::NoGradGuard g;
        for (const auto& f : val) {
          const auto t = Clock::now();
          const auto logits = lm.net->forward(naiveInput(f, lm.metadata));
          (void)logits.argmax(1).item<int64_t>();
          base.push_back(msSince(t));
        }
      }
      sdd::Predictor p(model, "cpu", 1);
      for (const auto& f : val) ours.push_back(p.predictFile(f).totalMs);
      // The same network exported to ONNX and run by OpenCV's DNN module (its own kernels;
      // grey images through the first layer folded to one channel): `--engine opencv`.
      std::vector<double> cvdnn;
      {
        sdd::Predictor cvp(model, "cpu", 1, "opencv");
        for (const auto& f : val) cvdnn.push_back(cvp.predictFile(f).totalMs);
      }
      StageTimes cvAll, nat;
      {
        cv::setNumThreads(-1);  // all cores for the one image
        sdd::Predictor cvp(model, "cpu", 0, "opencv");
        cvAll = timeEach(cvp, val);
      }
      {
        // The native engine (the classifier in plain C++, core/src/inference/native_net.h).
        sdd::Predictor np(model, "cpu", 1, "native");
        nat = timeEach(np, val);
      }
      cv::setNumThreads(-1);
      std::printf("latency, batch 1, file read -> decision, %zu images, 1 thread:\n", val.size());
      line("median", percentile(base, 0.5), percentile(ours, 0.5), "ms", true);
      line("p95", percentile(base, 0.95), percentile(ours, 0.95), "ms", true);
      line("median, OpenCV DNN on the ONNX export", percentile(base, 0.5), percentile(cvdnn, 0.5),
           "ms", true);
      line("median, OpenCV DNN, all cores (one image)", percentile(base, 0.5),
           percentile(cvAll.total, 0.5), "ms", true);
      line("p95, OpenCV DNN, all cores (one image)", percentile(base, 0.95),
           percentile(cvAll.total, 0.95), "ms", true);
      line("median, native engine (1 thread)", percentile(base, 0.5), percentile(nat.total, 0.5),
           "ms", true);
      line("p95, native engine (1 thread)", percentile(base, 0.95), percentile(nat.total, 0.95),
           "ms", true);
      nat.printMedians("the native engine");
      j["latency_ms"]["native"] = {{"median", percentile(nat.total, 0.5)},
                                   {"p95", percentile(nat.total, 0.95)},
                                   {"network", percentile(nat.network, 0.5)}};
      cvAll.printMedians("OpenCV DNN, all cores");
      j["latency_ms"]["opencv_dnn_all_cores_stages"] = {
          {"read", percentile(cvAll.read, 0.5)},
          {"decode", percentile(cvAll.decode, 0.5)},
          {"preprocess", percentile(cvAll.preprocess, 0.5)},
          {"network", percentile(cvAll.network, 0.5)}};
      j["latency_ms"]["opencv_dnn"] = {{"median", percentile(cvdnn, 0.5)},
                                       {"p95", percentile(cvdnn, 0.95)}};
      j["latency_ms"]["opencv_dnn_all_cores"] = {{"median", percentile(cvAll.total, 0.5)},
                                                 {"p95", percentile(cvAll.total, 0.95)}};
      j["latency_ms"]["baseline"] = {{"median", percentile(base, 0.5)},
                                     {"p95", percentile(base, 0.95)}};
      j["latency_ms"]["optimized"] = {{"median", percentile(ours, 0.5)},
                                      {"p95", percentile(ours, 0.95)}};
      std::printf("\n");
    }

    if (only.empty() || only == "throughput") {
      // Batched, including JPEG decode: sequential naive vs parallel decode + channels-last.
      sdd::configureThreads(1);
      sdd::LoadedModel lm = sdd::loadModelFile(model);
      lm.net->eval();
      auto t = Clock::now();
      {
        torch::NoGradGuard g;
        for (std::size_t b = 0; b < val.size(); b += 64) {
          std::vector<torch::Tensor> xs;
          for (std::size_t i = b; i < std::min(val.size(), b + 64); ++i)
            xs.push_back(naiveInput(val[i], lm.metadata));
          (void)lm.net->forward(torch::cat(xs)).argmax(1);
        }
      }
      const double baseS = msSince(t) / 1000.0;
      sdd::Predictor p(model, "cpu", 0);
      t = Clock::now();
      const auto inputs =
          sdd::loadModelInputs(val, lm.metadata.spec.inputSize, lm.metadata.spec.inputChannels, 0);
      const auto probs = p.predictImages(inputs.images, 64);
      const double oursS = msSince(t) / 1000.0;
      // An engine fed the way the workbench feeds it: parallel decode keeping grey images
      // grey, then batches; seconds for the whole split.
      auto decodeAndPredict = [&](sdd::Predictor& engine) {
        const auto start = Clock::now();
        std::vector<cv::Mat> decoded(val.size());
        sdd::parallelFor(val.size(), 0, [&](std::size_t i) {
          decoded[i] = sdd::loadImage(val[i], lm.metadata.spec.inputSize).image;
        });
        (void)engine.predictImages(decoded, 64);
        return msSince(start) / 1000.0;
      };
      sdd::Predictor cvp(model, "cpu", 0, "opencv");
      const double cvS = decodeAndPredict(cvp);
      // The native engine (its batches go over the cores image by image).
      sdd::Predictor np(model, "cpu", 0, "native");
      const double natS = decodeAndPredict(np);
      cv::setNumThreads(-1);
      std::printf(
          "throughput, batches of 64 including decode, %zu images (baseline 1 thread, optimized "
          "%u):\n",
          val.size(), cores);
      line("images per second", double(val.size()) / baseS, double(probs.size()) / oursS, "img/s",
           false);
      line("images per second, OpenCV DNN engine", double(val.size()) / baseS,
           double(val.size()) / cvS, "img/s", false);
      line("images per second, native engine", double(val.size()) / baseS,
           double(val.size()) / natS, "img/s", false);
      j["throughput_img_s"] = {{"native", double(val.size()) / natS},
                               {"baseline", double(val.size()) / baseS},
                               {"optimized", double(probs.size()) / oursS},
                               {"opencv_dnn", double(val.size()) / cvS}};
      std::printf("\n");
    }

    if (only.empty() || only == "prelabel") {
      prelabelSection(ds, model, cores, j);
      std::printf("\n");
    }

    if (only.empty() || only == "load") {
      loadSection(ds, model, cores, j);
      std::printf("\n");
    }

    if (only.empty() || only == "train") {
      // One epoch over the train split. Baseline: a straightforward LibTorch loop (images
      // decoded once into a float NCHW tensor, LibTorch's default 1 thread, no augmentation).
      const auto trainFiles = filesOf(ds, sdd::Split::Train);
      sdd::ModelSpec spec = sdd::ModelSpec::tableII(int(ds.classes().size()));
      sdd::configureThreads(1);
      torch::manual_seed(1);
      sdd::DetectorNet net(spec);
      sdd::ModelMetadata meta;
      std::vector<torch::Tensor> xs;
      std::vector<int64_t> ys;
      for (std::size_t i : ds.indices(sdd::Split::Train)) {
        xs.push_back(naiveInput(ds.samples()[i].path, meta));
        ys.push_back(ds.samples()[i].label);
      }
      const auto X = torch::cat(xs);
      const auto Y = torch::tensor(ys);
      torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
      net->train();
      auto t = Clock::now();
      const auto perm = torch::randperm(X.size(0));
      for (int64_t b = 0; b < X.size(0); b += 32) {
        const auto idx = perm.slice(0, b, std::min<int64_t>(X.size(0), b + 32));
        opt.zero_grad();
        auto loss = torch::nn::functional::cross_entropy(net->forward(X.index_select(0, idx)),
                                                         Y.index_select(0, idx));
        loss.backward();
        opt.step();
      }
      const double baseS = msSince(t) / 1000.0;

      sdd::TrainConfig cfg;
      cfg.epochs = 2;  // the first epoch includes one-off warm-up; report the second
      cfg.threads = 0;
      const fs::path dir =
          fs::temp_directory_path() / ("sdd_bench_train_" + std::to_string(::getpid()));
      sdd::Trainer trainer(ds, spec, cfg, dir);
      std::vector<double> epochSeconds;
      trainer.onEpoch = [&](const sdd::EpochStats& s) { epochSeconds.push_back(s.seconds); };
      trainer.run();
      fs::remove_all(dir);
      const double oursS = epochSeconds.back();
      std::printf(
          "training, one epoch over %zu images (baseline 1 thread, no augmentation, training only; "
          "optimized: "
          "the default trainer, %u threads, augmentation and the validation pass included):\n",
          trainFiles.size(), cores);
      line("seconds per epoch", baseS, oursS, "s", true);
      line("training images per second", double(trainFiles.size()) / baseS,
           double(trainFiles.size()) / oursS, "img/s", false);
      j["train_epoch_s"] = {{"baseline", baseS}, {"optimized", oursS}};
      std::printf("\n");
    }
    std::printf("peak memory (max RSS of this process): %ld MB\n", peakRssMb());
    j["peak_rss_mb"] = peakRssMb();
    if (!jsonFile.empty()) std::ofstream(jsonFile) << j.dump(2) << "\n";
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sdd_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
