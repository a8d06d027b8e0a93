#include "sdd/training/trainer.h"

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <chrono>
#include <cmath>

#include <ATen/CPUGeneratorImpl.h>
#include <fstream>
#include <iomanip>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>

#include <torch/torch.h>

#include "imaging/batch.h"
#include "model/tensor_file.h"
#include "training/checkpoint.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/metrics/metrics.h"
#include "sdd/model/detector_net.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"
#include "sdd/util/json.h"
#include "sdd/util/runtime.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace sdd {

void TrainConfig::validate() const {
  auto bad = [](const std::string& what) { throw std::invalid_argument(what); };
  if (epochs < 1) bad("epochs must be >= 1");
  if (batchSize < 1) bad("batch size must be >= 1");
  if (!(learningRate > 0)) bad("learning rate must be > 0");
  if (optimizer != "adam" && optimizer != "adamw" && optimizer != "sgd")
    bad("optimizer must be adam, adamw or sgd (got '" + optimizer + "')");
  if (schedule != "none" && schedule != "cosine" && schedule != "step")
    bad("schedule must be none, cosine or step (got '" + schedule + "')");
  if (schedule == "step" && stepSize < 1) bad("step size must be >= 1");
  if (patience < 0) bad("patience must be >= 0");
  if (keep != "last" && keep != "best") bad("keep must be last or best (got '" + keep + "')");
  if (weightDecay < 0) bad("weight decay must be >= 0");
  if (brightness < 0 || brightness > 1 || contrast < 0 || contrast > 1)
    bad("brightness/contrast jitter must be in [0, 1]");
  if (noise < 0 || noise > 1) bad("noise must be in [0, 1] (pixel units)");
  if (blur < 0 || blur > 10) bad("blur must be in [0, 10] pixels");
  if (threads < 0) bad("threads must be >= 0");
  if (labelSmoothing < 0 || labelSmoothing >= 1) bad("label smoothing must be in [0, 1)");
  if (ema != 0 && (ema < 0.5 || ema >= 1)) bad("ema decay must be 0 (off) or in [0.5, 1)");
}

void to_json(nlohmann::json& j, const TrainConfig& c) {
  j = {{"epochs", c.epochs},         {"batch_size", c.batchSize},   {"lr", c.learningRate},
       {"optimizer", c.optimizer},   {"weight_decay", c.weightDecay}, {"momentum", c.momentum},
       {"schedule", c.schedule},     {"step_size", c.stepSize},     {"gamma", c.gamma},
       {"patience", c.patience},     {"augment", c.augment},        {"brightness", c.brightness},
       {"contrast", c.contrast},     {"class_weights", c.classWeights}, {"keep", c.keep},
       {"seed", c.seed},             {"threads", c.threads},        {"device", c.device},
       {"channels_last", c.channelsLast}, {"noise", c.noise},   {"blur", c.blur},
       {"label_smoothing", c.labelSmoothing}, {"ema", c.ema}};
}

void from_json(const nlohmann::json& j, TrainConfig& c) {
  TrainConfig d;
  c.epochs = j.value("epochs", d.epochs);
  c.batchSize = j.value("batch_size", d.batchSize);
  c.learningRate = j.value("lr", d.learningRate);
  c.optimizer = j.value("optimizer", d.optimizer);
  c.weightDecay = j.value("weight_decay", d.weightDecay);
  c.momentum = j.value("momentum", d.momentum);
  c.schedule = j.value("schedule", d.schedule);
  c.stepSize = j.value("step_size", d.stepSize);
  c.gamma = j.value("gamma", d.gamma);
  c.patience = j.value("patience", d.patience);
  c.augment = j.value("augment", d.augment);
  c.brightness = j.value("brightness", d.brightness);
  c.contrast = j.value("contrast", d.contrast);
  c.noise = j.value("noise", d.noise);
  c.blur = j.value("blur", d.blur);
  c.classWeights = j.value("class_weights", d.classWeights);
  c.labelSmoothing = j.value("label_smoothing", d.labelSmoothing);
  c.ema = j.value("ema", d.ema);
  c.keep = j.value("keep", d.keep);
  c.seed = j.value("seed", d.seed);
  c.threads = j.value("threads", d.threads);
  c.device = j.value("device", d.device);
  c.channelsLast = j.value("channels_last", d.channelsLast);
}

TrainRecipe trainRecipe(const std::string& name, int numClasses) {
  TrainRecipe r;
  r.name = name;
  if (name == "default") {
    r.spec = ModelSpec::recommended(numClasses);
    r.config.epochs = 80;
    r.config.learningRate = 3e-3;
    r.config.ema = 0.999;
  } else if (name == "tableII" || name == "tableII-bn") {
    r.spec = ModelSpec::tableII(numClasses);
    r.spec.batchNorm = name == "tableII-bn";
    r.config.epochs = 60;
    r.config.learningRate = 1e-3;
  } else {
    throw std::invalid_argument("unknown recipe '" + name + "' (expected default, tableII or tableII-bn)");
  }
  return r;
}

std::vector<std::string> trainRecipeNames() { return {"default", "tableII", "tableII-bn"}; }

void to_json(nlohmann::json& j, const EpochStats& s) {
  j = {{"epoch", s.epoch},           {"train_loss", s.trainLoss}, {"train_acc", s.trainAccuracy},
       {"val_loss", s.valLoss},      {"val_acc", s.valAccuracy},  {"val_macro_f1", s.valMacroF1},
       {"lr", s.learningRate},       {"seconds", s.seconds},      {"best", s.best}};
}

void from_json(const nlohmann::json& j, EpochStats& s) {
  s.epoch = j.at("epoch");
  s.trainLoss = j.at("train_loss");
  s.trainAccuracy = j.at("train_acc");
  s.valLoss = j.at("val_loss");
  s.valAccuracy = j.at("val_acc");
  s.valMacroF1 = j.at("val_macro_f1");
  s.learningRate = j.at("lr");
  s.seconds = j.at("seconds");
  s.best = j.at("best");
}

std::vector<EpochStats> readTrainingLog(const fs::path& runDir) {
  std::vector<EpochStats> out;
  std::ifstream f(runDir / "log.jsonl");
  if (!f) return out;
  std::string line;
  int lineNo = 0;
  while (std::getline(f, line)) {
    ++lineNo;
    if (line.empty()) continue;
    try {
      out.push_back(parseJson(line).get<EpochStats>());
    } catch (const std::exception& e) {
      throw std::runtime_error((runDir / "log.jsonl").string() + " line " + std::to_string(lineNo) +
                               ": " + e.what());
    }
  }
  return out;
}

struct Trainer::Impl {
  Dataset dataset;
  ModelSpec spec;
  TrainConfig config;
  fs::path outDir;
};

Trainer::Trainer(Dataset dataset, ModelSpec spec, TrainConfig config, fs::path outDir)
    : impl_(std::make_unique<Impl>(Impl{std::move(dataset), spec, std::move(config),
                                        std::move(outDir)})) {}
Trainer::~Trainer() = default;

namespace {

struct SplitData {
  torch::Tensor x;  // uint8 [N,C,H,W]
  torch::Tensor y;  // int64 [N]
};

SplitData loadSplit(const Dataset& ds, Split split, const ModelSpec& spec, int threads,
                    const std::function<void(const std::string&)>& message) {
  std::vector<fs::path> files;
  std::vector<int64_t> labels;
  for (std::size_t i : ds.indices(split)) {
    files.push_back(ds.samples()[i].path);
    labels.push_back(ds.samples()[i].label);
  }
  LoadedInputs in = loadModelInputs(files, spec.inputSize, spec.inputChannels, threads);
  std::vector<cv::Mat> images;
  std::vector<int64_t> kept;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!in.errors[i].empty()) {
      // The file changed since the scan; skip it rather than abort hours of training.
      if (message) message("warning: skipping " + files[i].string() + ": " + in.errors[i]);
      continue;
    }
    images.push_back(in.images[i]);
    kept.push_back(labels[i]);
  }
  SplitData d;
  d.x = imagesToTensorU8(images);
  d.y = torch::tensor(kept, torch::kInt64);
  return d;
}

Normalization computeNormalization(const torch::Tensor& u8) {
  Normalization n;
  n.mean.clear();
  n.std.clear();
  const long c = u8.size(1);
  for (long k = 0; k < c; ++k) {
    auto ch = u8.select(1, k).to(torch::kFloat64).div(255.0);
    n.mean.push_back(static_cast<float>(ch.mean().item<double>()));
    n.std.push_back(std::max(1e-3f, static_cast<float>(ch.std().item<double>())));
  }
  return n;
}

double scheduledLr(const TrainConfig& c, int epoch0) {
  if (c.schedule == "cosine") {
    const double minLr = c.learningRate * 0.01;
    return minLr + 0.5 * (c.learningRate - minLr) * (1 + std::cos(M_PI * epoch0 / c.epochs));
  }
  if (c.schedule == "step") return c.learningRate * std::pow(c.gamma, epoch0 / c.stepSize);
  return c.learningRate;
}

void setLr(torch::optim::Optimizer& opt, double lr) {
  for (auto& group : opt.param_groups()) group.options().set_lr(lr);
}

// Flips, 90° rotations and brightness/contrast jitter, drawn from our own seeded generator
// so that a run is reproducible for a given seed and thread count.
torch::Tensor augmentBatch(torch::Tensor x01, const TrainConfig& c, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const bool square = x01.size(2) == x01.size(3);
  std::vector<torch::Tensor> out;
  out.reserve(x01.size(0));
  for (long i = 0; i < x01.size(0); ++i) {
    torch::Tensor s = x01[i];
    if (u(rng) < 0.5) s = s.flip({2});
    if (u(rng) < 0.5) s = s.flip({1});
    const int rot = square ? static_cast<int>(rng() % 4) : 0;
    if (rot) s = s.rot90(rot, {1, 2});
    const double contrast = 1.0 + c.contrast * (2 * u(rng) - 1);
    const double brightness = c.brightness * (2 * u(rng) - 1);
    if (contrast != 1.0 || brightness != 0.0) {
      auto m = s.mean();
      s = ((s - m) * contrast + m + brightness).clamp(0.0, 1.0);
    }
    if (c.blur > 0 && u(rng) < 0.5) {
      // Separable Gaussian blur, sigma drawn in [0.3, blur] px, edges replicated.
      const double sigma = 0.3 + (c.blur - 0.3 > 0 ? (c.blur - 0.3) * u(rng) : 0.0);
      const int r = std::max(1, static_cast<int>(std::ceil(2 * sigma)));
      std::vector<float> k(2 * r + 1);
      float sum = 0;
      for (int t = -r; t <= r; ++t) sum += k[t + r] = static_cast<float>(std::exp(-t * t / (2 * sigma * sigma)));
      for (float& v : k) v /= sum;
      const long ch = s.size(0);
      const auto kt = torch::tensor(k);
      namespace F = torch::nn::functional;
      auto x = F::pad(s.unsqueeze(0), F::PadFuncOptions({r, r, r, r}).mode(torch::kReplicate));
      x = F::conv2d(x, kt.view({1, 1, 1, -1}).repeat({ch, 1, 1, 1}), F::Conv2dFuncOptions().groups(ch));
      x = F::conv2d(x, kt.view({1, 1, -1, 1}).repeat({ch, 1, 1, 1}), F::Conv2dFuncOptions().groups(ch));
      s = x.squeeze(0);
    }
    if (c.noise > 0) {
      // Sigma drawn in [0, noise]; the generator is seeded from ours, so runs (and resumes) repeat.
      const double sigma = c.noise * u(rng);
      auto gen = at::detail::createCPUGenerator(rng());
      s = (s + torch::randn(s.sizes(), gen, s.options()) * sigma).clamp(0.0, 1.0);
    }
    out.push_back(s);
  }
  return torch::stack(out);
}

// The averaged weights (TrainConfig::ema): every parameter and floating-point buffer (BatchNorm
// statistics) of `average` moves towards the trained network's after each step; counters are
// copied. The tensor lists are taken once (loading a checkpoint restores them in place). The
// decay starts low so that the average is not dominated by the random initialisation.
class WeightAverage {
 public:
  WeightAverage(DetectorNet& average, DetectorNet& net) {
    for (auto& [name, t] : tensorfile::stateTensors(*average)) average_.push_back(t);
    for (auto& [name, t] : tensorfile::stateTensors(*net)) source_.push_back(t);
  }
  void update(double decay, std::int64_t step) {
    torch::NoGradGuard guard;
    const double d = std::min(decay, (1.0 + static_cast<double>(step)) / (10.0 + static_cast<double>(step)));
    for (std::size_t i = 0; i < average_.size(); ++i) {
      if (average_[i].is_floating_point())
        average_[i].mul_(d).add_(source_[i], 1.0 - d);
      else
        average_[i].copy_(source_[i]);
    }
  }

 private:
  std::vector<torch::Tensor> average_, source_;
};

void writeLog(const fs::path& dir, const std::vector<EpochStats>& history) {
  CsvWriter csv({"epoch", "train_loss", "train_acc", "val_loss", "val_acc", "val_macro_f1", "lr", "seconds", "best"});
  std::string jsonl;
  for (const auto& s : history) {
    csv.integer(s.epoch).number(s.trainLoss).number(s.trainAccuracy).number(s.valLoss).number(s.valAccuracy);
    csv.number(s.valMacroF1).number(s.learningRate).number(s.seconds, 4).integer(s.best ? 1 : 0).endRow();
    jsonl += nlohmann::json(s).dump() + '\n';
  }
  writeFileAtomically(dir / "log.csv", csv.str());
  writeFileAtomically(dir / "log.jsonl", jsonl);
}

// Bytes a run writes at most at once: three model files, the checkpoint (weights and two Adam
// moments) and the temp copy of whichever is being replaced, plus logs.
std::uintmax_t bytesARunNeeds(const ModelSpec& spec, int epochs) {
  const std::uintmax_t weights = static_cast<std::uintmax_t>(spec.parameterCount()) * 4;
  return weights * 10 + (1u << 20) + static_cast<std::uintmax_t>(epochs) * 400;
}

}  // namespace

namespace {
// Which files are in the training and in the validation split (not their labels: a resumed
// run may use labels corrected since). A resume on another split (another --split-seed,
// files added or removed) would mix validation images into training unnoticed.
std::string splitFingerprint(const Dataset& ds) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;
  };
  for (Split split : {Split::Train, Split::Validation}) {
    std::vector<std::string> names;
    for (std::size_t i : ds.indices(split)) names.push_back(ds.samples()[i].path.lexically_relative(ds.root()).generic_string());
    std::sort(names.begin(), names.end());
    mix(split == Split::Train ? "train" : "validation");
    for (const auto& n : names) mix(n);
  }
  std::ostringstream o;
  o << std::hex << std::setw(16) << std::setfill('0') << h;
  return o.str();
}
}  // namespace

fs::path findCheckpoint(const fs::path& runDir) {
  std::error_code ec;
  for (const char* name : {kCheckpointFile, kLegacyCheckpointFile})
    if (fs::is_regular_file(runDir / name, ec)) return runDir / name;
  return {};
}

TrainResult Trainer::run(bool resume) {
  Impl& m = *impl_;
  const auto start = Clock::now();
  m.config.validate();
  m.spec.numClasses = static_cast<int>(m.dataset.classes().size());
  m.spec.validate();
  // A batch whose activations and their gradients cannot fit in this machine's memory ended
  // in the kernel's OOM killer (`--input-size 4096`); refuse it with the figures instead.
  const std::size_t batch = std::min<std::size_t>(static_cast<std::size_t>(m.config.batchSize),
                                                  std::max<std::size_t>(1, m.dataset.indices(Split::Train).size()));
  const double batchBytes = 3.0 * static_cast<double>(batch) * static_cast<double>(m.spec.activationBytes());
  const double memory = static_cast<double>(physicalMemoryBytes());
  if (memory > 0 && batchBytes > 0.75 * memory) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << "a training batch of " << batch << " images of this network needs about "
      << batchBytes / (1 << 30) << " GB of memory; this machine has " << memory / (1 << 30)
      << " GB: use a smaller batch size or input size";
    throw std::invalid_argument(o.str());
  }
  auto say = [&](const std::string& s) {
    if (onMessage) onMessage(s);
  };

  const int threads = configureThreads(m.config.threads);
  const std::string deviceName = resolveDevice(m.config.device);
  const torch::Device device(deviceName);
  const bool channelsLast = m.config.channelsLast && device.is_cpu();
  torch::manual_seed(m.config.seed);

  std::error_code ec;
  fs::create_directories(m.outDir, ec);
  if (ec) throw std::runtime_error("cannot create output folder " + m.outDir.string() + ": " + ec.message());
  // A full disk found after an hour of training loses the hour: check before starting.
  const fs::space_info space = fs::space(m.outDir, ec);
  const std::uintmax_t needed = bytesARunNeeds(m.spec, m.config.epochs);
  if (!ec && space.available < needed)
    throw std::runtime_error("not enough free space in " + m.outDir.string() + ": " +
                             std::to_string(space.available / 1024) + " KB free, this run needs about " +
                             std::to_string(needed / 1024) + " KB (model files and checkpoints)");
  // What the run is, for the workbench's run list and for resuming it later. A resume keeps
  // the start time and records the settings it goes on with (e.g. more epochs), once its
  // checkpoint has been accepted.
  auto writeManifest = [&] {
    nlohmann::json manifest = {{"spec", m.spec},
                               {"config", m.config},
                               {"dataset", m.dataset.root().string()},
                               {"architecture", m.spec.describe()},
                               {"started", nowIso8601()}};
    if (resume) {
      // The start time of the first session; a damaged run.json is replaced below.
      std::ifstream old(m.outDir / "run.json");
      const std::string text((std::istreambuf_iterator<char>(old)), std::istreambuf_iterator<char>());
      try {
        const nlohmann::json before = parseJson(text);
        if (before.is_object() && before.contains("started")) manifest["started"] = before["started"];
      } catch (const JsonError&) {
      }
    }
    writeFileAtomically(m.outDir / "run.json", manifest.dump(2) + "\n");
  };
  if (!resume) writeManifest();

  say("loading " + std::to_string(m.dataset.samples().size()) + " images into memory");
  SplitData train = loadSplit(m.dataset, Split::Train, m.spec, threads, onMessage);
  SplitData val = loadSplit(m.dataset, Split::Validation, m.spec, threads, onMessage);
  if (train.y.size(0) == 0) throw DatasetError("the training split has no images");
  const long nTrain = train.y.size(0), nVal = val.y.size(0);
  if (nVal == 0) say("warning: no validation images; validation metrics will be 0");
  const Normalization norm = computeNormalization(train.x);

  DetectorNet net(m.spec);
  net->to(device);
  if (channelsLast) toChannelsLast(*net);
  // With --ema, the weight average is the model: validated, saved and checkpointed.
  DetectorNet average{nullptr};
  std::optional<WeightAverage> averager;
  if (m.config.ema > 0) {
    average = DetectorNet(m.spec);
    average->to(device);
    if (channelsLast) toChannelsLast(*average);
    average->eval();
    averager.emplace(average, net);
    averager->update(0.0, 0);  // start equal to the network
  }
  DetectorNet& model = average ? average : net;

  std::unique_ptr<torch::optim::Optimizer> opt;
  if (m.config.optimizer == "sgd") {
    opt = std::make_unique<torch::optim::SGD>(
        net->parameters(), torch::optim::SGDOptions(m.config.learningRate)
                               .momentum(m.config.momentum)
                               .weight_decay(m.config.weightDecay));
  } else if (m.config.optimizer == "adamw") {
    opt = std::make_unique<torch::optim::AdamW>(
        net->parameters(),
        torch::optim::AdamWOptions(m.config.learningRate).weight_decay(m.config.weightDecay));
  } else {
    opt = std::make_unique<torch::optim::Adam>(
        net->parameters(),
        torch::optim::AdamOptions(m.config.learningRate).weight_decay(m.config.weightDecay));
  }

  torch::Tensor lossWeights;
  if (m.config.classWeights) {
    auto counts = torch::bincount(train.y, {}, m.spec.numClasses).to(torch::kFloat32).clamp_min(1);
    lossWeights = (counts.sum() / (counts * m.spec.numClasses)).to(device);
  }

  TrainResult result;
  result.modelFile = m.outDir / "model.sddm";
  result.bestFile = m.outDir / "best.sddm";
  const fs::path ckptFile = m.outDir / kCheckpointFile;
  int firstEpoch = 0;
  int sinceBest = 0;

  nlohmann::json configJson = m.config;
  configJson["dataset"] = m.dataset.root().string();
  configJson["train_images"] = nTrain;
  configJson["validation_images"] = nVal;
  configJson["threads_used"] = threads;
  configJson["device_used"] = deviceName;

  ModelMetadata meta;
  meta.classes = m.dataset.classes();
  meta.spec = m.spec;
  meta.normalization = norm;

  if (resume) {
    const fs::path found = findCheckpoint(m.outDir);
    if (found.empty()) throw ModelError("--resume: no checkpoint in " + m.outDir.string());
    try {
      const nlohmann::json state = checkpoint::load(found, net, average ? &average : nullptr, *opt, m.config.optimizer, [&](const nlohmann::json& st) {
        const ModelSpec savedSpec = st.at("architecture").get<ModelSpec>();
        if (savedSpec != m.spec)
          throw ModelError("--resume: checkpoint architecture (" + savedSpec.describe() +
                           ") differs from the requested one (" + m.spec.describe() + ")");
        requireSameClasses(st.at("classes").get<std::vector<std::string>>(), meta.classes, found);
        if (st.contains("split") && st["split"].value("fingerprint", "") != splitFingerprint(m.dataset))
          throw ModelError("--resume: the dataset's train/validation split differs from the run's (" +
                           std::to_string(st["split"].value("train", 0)) + "/" +
                           std::to_string(st["split"].value("validation", 0)) + " images then, " +
                           std::to_string(nTrain) + "/" + std::to_string(nVal) +
                           " now; was the run made with --split-seed, or were files added or removed?). "
                           "Resuming would mix validation images into training; start a new run instead");
      });
      firstEpoch = state.at("epochs_done");
      if (firstEpoch < 0) throw ModelError(found.string() + ": damaged trainer state (negative epoch count)");
      for (const auto& e : state.at("history")) result.history.push_back(e.get<EpochStats>());
      result.bestEpoch = state.at("best_epoch");
      result.bestMacroF1 = state.at("best_f1");
      sinceBest = state.value("since_best", 0);
      meta.normalization.mean = state.at("norm_mean").get<std::vector<float>>();
      meta.normalization.std = state.at("norm_std").get<std::vector<float>>();
      if (meta.normalization.mean.size() != norm.mean.size() || meta.normalization.std.size() != norm.std.size())
        throw ModelError(found.string() + ": damaged trainer state (normalization of another channel count)");
    } catch (const nlohmann::json::exception& e) {
      throw ModelError("--resume: " + found.string() + ": damaged trainer state: " + e.what());
    } catch (const ModelError& e) {
      const std::string what = e.what();
      throw ModelError(what.rfind("--resume", 0) == 0 ? what : "--resume: " + what);
    }
    say("resuming after epoch " + std::to_string(firstEpoch));
    writeManifest();
  }

  const long batchSize = m.config.batchSize;
  const std::size_t batches = static_cast<std::size_t>((nTrain + batchSize - 1) / batchSize);
  double doneEpochSeconds = 0;
  int timedEpochs = 0;

  auto evaluateVal = [&](double& loss, double& acc, double& f1) {
    loss = acc = f1 = 0;
    if (nVal == 0) return;
    torch::NoGradGuard guard;
    model->eval();
    std::vector<std::vector<float>> probs;
    double lossSum = 0;
    // At most ~256 MB of activations per validation batch (100 images of a small network).
    const long evalBatch = std::clamp<long>(static_cast<long>((256LL << 20) / m.spec.activationBytes()), 1, 100);
    for (long b = 0; b < nVal; b += evalBatch) {
      const long e = std::min(nVal, b + evalBatch);
      auto x = normalizeBatch(val.x.slice(0, b, e), meta.normalization, device, channelsLast);
      auto logits = model->forward(x);
      auto y = val.y.slice(0, b, e).to(device);
      lossSum += torch::nn::functional::cross_entropy(
                     logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                     .item<double>();
      auto p = torch::softmax(logits, 1).to(torch::kCPU).contiguous();
      for (long i = 0; i < p.size(0); ++i)
        probs.emplace_back(p[i].data_ptr<float>(), p[i].data_ptr<float>() + p.size(1));
    }
    std::vector<int> truth(val.y.data_ptr<int64_t>(), val.y.data_ptr<int64_t>() + nVal);
    const Evaluation ev = evaluate(truth, probs, meta.classes);
    loss = lossSum / nVal;
    acc = ev.accuracy;
    f1 = ev.macroF1;
  };

  const std::string fingerprint = splitFingerprint(m.dataset);
  auto saveCheckpoint = [&](int epochsDone) {
    const nlohmann::json state = {{"epochs_done", epochsDone},
                                  {"history", result.history},
                                  {"best_epoch", result.bestEpoch},
                                  {"best_f1", result.bestMacroF1},
                                  {"since_best", sinceBest},
                                  {"architecture", m.spec},
                                  {"classes", meta.classes},
                                  {"norm_mean", meta.normalization.mean},
                                  {"norm_std", meta.normalization.std},
                                  {"config", configJson},
                                  {"split", {{"fingerprint", fingerprint}, {"train", nTrain}, {"validation", nVal}}}};
    checkpoint::save(ckptFile, net, average ? &average : nullptr, *opt, m.config.optimizer, state);
    // A run resumed from a checkpoint of an earlier version goes on in the new format.
    std::error_code rec;
    fs::remove(m.outDir / kLegacyCheckpointFile, rec);
  };

  auto metadataFor = [&](const EpochStats& s, const std::string& selection) {
    ModelMetadata md = meta;
    md.createdAt = nowIso8601();
    md.trainConfig = configJson;
    md.metrics = {{"selected", selection},
                  {"epoch", s.epoch},
                  {"data", m.dataset.root().string() + " (validation split, " +
                               std::to_string(nVal) + " images)"},
                  {"val_accuracy", s.valAccuracy},
                  {"val_macro_f1", s.valMacroF1},
                  {"val_loss", s.valLoss},
                  {"train_loss", s.trainLoss}};
    return md;
  };

  const auto trainStart = Clock::now();
  for (int epoch = firstEpoch; epoch < m.config.epochs; ++epoch) {
    const auto epochStart = Clock::now();
    const double lr = scheduledLr(m.config, epoch);
    setLr(*opt, lr);
    net->train();
    // One generator per epoch, derived from the seed, so a resumed run sees the same data
    // order and augmentation as an uninterrupted one.
    std::mt19937_64 rng(m.config.seed * 1000003ull + static_cast<std::uint64_t>(epoch));
    std::vector<int64_t> order(nTrain);
    for (long i = 0; i < nTrain; ++i) order[i] = i;
    for (long i = nTrain; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    const auto orderT = torch::tensor(order, torch::kInt64);

    double lossSum = 0;
    long correct = 0, seen = 0;
    bool cancelled = false;
    for (std::size_t b = 0; b < batches; ++b) {
      if (cancel_ && cancel_->load()) {
        cancelled = true;
        break;
      }
      const long lo = static_cast<long>(b) * batchSize, hi = std::min(nTrain, lo + batchSize);
      auto idx = orderT.slice(0, lo, hi);
      auto x01 = train.x.index_select(0, idx).to(torch::kFloat32).div_(255.0);
      if (m.config.augment) x01 = augmentBatch(x01, m.config, rng);
      auto mean = torch::tensor(meta.normalization.mean).view({1, -1, 1, 1});
      auto stdv = torch::tensor(meta.normalization.std).view({1, -1, 1, 1});
      auto x = ((x01 - mean) / stdv).to(device);
      if (channelsLast) x = x.contiguous(torch::MemoryFormat::ChannelsLast);
      auto y = train.y.index_select(0, idx).to(device);
      opt->zero_grad();
      auto logits = net->forward(x);
      auto options = torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(m.config.labelSmoothing);
      if (lossWeights.defined()) options.weight(lossWeights);
      auto loss = torch::nn::functional::cross_entropy(logits, y, options);
      loss.backward();
      opt->step();
      if (averager) averager->update(m.config.ema, static_cast<std::int64_t>(epoch) * batches + b + 1);
      lossSum += loss.item<double>() * (hi - lo);
      correct += logits.argmax(1).eq(y).sum().item<long>();
      seen += hi - lo;
      if (onProgress) {
        TrainProgress p;
        p.epoch = epoch + 1;
        p.epochs = m.config.epochs;
        p.batch = b + 1;
        p.batches = batches;
        p.runningLoss = lossSum / seen;
        p.elapsedSeconds = std::chrono::duration<double>(Clock::now() - trainStart).count();
        const double thisEpoch = std::chrono::duration<double>(Clock::now() - epochStart).count();
        const double perEpoch =
            timedEpochs ? doneEpochSeconds / timedEpochs : thisEpoch * batches / (b + 1);
        p.etaSeconds = perEpoch * (m.config.epochs - epoch - 1) +
                       std::max(0.0, perEpoch - thisEpoch);
        onProgress(p);
      }
    }
    if (cancelled) {
      result.cancelled = true;
      say("stopped during epoch " + std::to_string(epoch + 1) +
          "; that partial epoch is discarded. Continue with --resume.");
      break;
    }

    EpochStats s;
    s.epoch = epoch + 1;
    s.trainLoss = lossSum / seen;
    s.trainAccuracy = static_cast<double>(correct) / seen;
    s.learningRate = lr;
    evaluateVal(s.valLoss, s.valAccuracy, s.valMacroF1);
    s.seconds = std::chrono::duration<double>(Clock::now() - epochStart).count();
    doneEpochSeconds += s.seconds;
    ++timedEpochs;
    if (result.history.empty() || s.valMacroF1 > result.bestMacroF1) {
      s.best = true;
      result.bestMacroF1 = s.valMacroF1;
      result.bestEpoch = s.epoch;
      sinceBest = 0;
    } else {
      ++sinceBest;
    }
    result.history.push_back(s);
    // Every file is written by temp file + rename, so a failure here (disk full) leaves the
    // previous epoch's checkpoint whole: say so, and how to go on.
    try {
      if (s.best) saveModelFile(result.bestFile, model, metadataFor(s, "best validation macro F1"));
      saveModelFile(m.outDir / "last.sddm", model, metadataFor(s, "last epoch"));
      saveCheckpoint(s.epoch);
      writeLog(m.outDir, result.history);
    } catch (const std::exception& e) {
      const std::string intact = s.epoch > 1 || resume
                                     ? "the checkpoint of the last saved epoch is intact: free space and "
                                       "run again with --resume"
                                     : "no epoch was saved";
      const std::string msg = std::string(e.what()) + " (epoch " + std::to_string(s.epoch) + " not saved; " + intact + ")";
      if (dynamic_cast<const WriteError*>(&e)) throw WriteError(msg);
      throw std::runtime_error(msg);
    }
    if (onEpoch) onEpoch(s);
    if (m.config.patience > 0 && sinceBest >= m.config.patience) {
      result.earlyStopped = true;
      say("early stop: no validation F1 gain for " + std::to_string(sinceBest) + " epochs");
      break;
    }
  }

  if (!result.history.empty()) {
    const fs::path source = m.config.keep == "best" ? result.bestFile : m.outDir / "last.sddm";
    try {
      copyFileAtomically(source, result.modelFile, false);
    } catch (const WriteError& e) {
      throw WriteError(std::string(e.what()) + " (" + source.filename().string() + " beside it is the same model)");
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace sdd
