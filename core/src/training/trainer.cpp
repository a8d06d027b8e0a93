#include "sdd/training/trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>

#include "imaging/batch.h"
#include "sdd/metrics/calibration.h"
#include "sdd/metrics/metrics.h"
#include "sdd/model/detector_net.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/runtime.h"
#include "training/augmentation.h"
#include "training/batch_reader.h"
#include "training/checkpoint.h"
#include "training/class_balance.h"
#include "training/defect_map_loss.h"
#include "training/training_data.h"
#include "training/weight_average.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace sdd {

namespace {

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

// Bytes a run writes at most at once: three model files, the checkpoint (weights and two Adam
// moments) and the temp copy of whichever is being replaced, plus logs.
std::uintmax_t bytesARunNeeds(const ModelSpec& spec, int epochs) {
  const std::uintmax_t weights = static_cast<std::uintmax_t>(spec.parameterCount()) * 4;
  return weights * 10 + (1u << 20) + static_cast<std::uintmax_t>(epochs) * 400;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainConfig& c, DetectorNet& net) {
  if (c.optimizer == "sgd")
    return std::make_unique<torch::optim::SGD>(
        net->parameters(),
        torch::optim::SGDOptions(c.learningRate).momentum(c.momentum).weight_decay(c.weightDecay));
  if (c.optimizer == "adamw")
    return std::make_unique<torch::optim::AdamW>(
        net->parameters(), torch::optim::AdamWOptions(c.learningRate).weight_decay(c.weightDecay));
  return std::make_unique<torch::optim::Adam>(
      net->parameters(), torch::optim::AdamOptions(c.learningRate).weight_decay(c.weightDecay));
}

/// Probabilities and descriptors of a split's images under `net`, in batches.
void describeImages(DetectorNet& net, const training::SplitData& images, const Normalization& norm,
                    const torch::Device& device, long batch, ProbabilityRows& probs,
                    DescriptorRows& descriptors) {
  torch::NoGradGuard guard;
  training::BatchReader reader(images, batch);
  for (auto b = reader.next(); b.rows.defined(); b = reader.next()) {
    auto x = normalizeBatch(b.images, norm, device, false);
    auto [logits, d] = net->forwardWithDescriptor(x);
    const torch::Tensor p = torch::softmax(logits, 1).to(torch::kCPU).contiguous();
    d = d.to(torch::kCPU, torch::kFloat).contiguous();
    for (long i = 0; i < p.size(0); ++i) {
      probs.emplace_back(p[i].data_ptr<float>(), p[i].data_ptr<float>() + p.size(1));
      descriptors.emplace_back(d[i].data_ptr<float>(), d[i].data_ptr<float>() + d.size(1));
    }
  }
}

}  // namespace

/// The run's state between its steps: run() calls them in order (checkResources, startRun,
/// loadData, buildModel, resumeFromCheckpoint, then per epoch trainEpoch, validate and
/// saveEpoch, and finally keepModel).
struct Trainer::Impl {
  Impl(Dataset d, ModelSpec s, TrainConfig c, fs::path dir, Trainer* t)
      : dataset(std::move(d)), spec(s), config(std::move(c)), run(std::move(dir)), owner(t) {}

  Dataset dataset;
  ModelSpec spec;
  TrainConfig config;
  RunFolder run;
  Trainer* owner;
  bool resume = false;

  int threads = 1;
  /// With threads left to us (config.threads 0), each epoch measures whether all cores or one
  /// run a batch faster now (a busy machine, a small network) and trains with that.
  std::optional<ThreadTuner> tuner;
  std::string deviceName;
  std::optional<torch::Device> device;
  bool channelsLast = false;
  training::SplitData train, val;
  long nTrain = 0, nVal = 0;
  ModelMetadata meta;
  nlohmann::json configJson;
  std::string fingerprint;

  DetectorNet net{nullptr}, average{nullptr};
  std::optional<training::WeightAverage> averager;
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  torch::Tensor lossWeights;
  training::ClassBalance balance;
  /// Per class, the validation recall of the last and of the best epoch so far.
  std::vector<double> lastRecall, bestRecall;

  TrainResult result;
  int firstEpoch = 0, sinceBest = 0;
  double doneEpochSeconds = 0;
  int timedEpochs = 0;
  Clock::time_point trainStart;

  void say(const std::string& s) const {
    if (owner->onMessage) owner->onMessage(s);
  }
  /// The network that is validated and saved: the weight average when there is one.
  DetectorNet& model() { return average ? average : net; }

  void checkResources();
  void startRun();
  void writeManifest();
  void loadData();
  void buildModel();
  void resumeFromCheckpoint();
  /// One epoch over the training images; false when cancelled (the partial epoch is lost).
  bool trainEpoch(int epoch, EpochStats& s);
  void validate(EpochStats& s);
  void saveEpoch(const EpochStats& s);
  void keepModel();
  /// Says (and keeps) the kept epoch's validation recall per class (a macro F1 hides a class
  /// never found).
  void reportRecall();
  /// Fits the kept model's confidence rule (temperature, review threshold, unknown detector)
  /// on this run's split and writes it into the kept model file.
  void fitConfidenceRule();
  ModelMetadata metadataFor(const EpochStats& s, const std::string& selection) const;
};

Trainer::Trainer(Dataset dataset, ModelSpec spec, TrainConfig config, fs::path outDir)
    : impl_(std::make_unique<Impl>(std::move(dataset), spec, std::move(config), std::move(outDir),
                                   this)) {}
Trainer::~Trainer() = default;

void Trainer::Impl::checkResources() {
  config.validate();
  spec.numClasses = static_cast<int>(dataset.classes().size());
  // A defect map when the training images say where their defects are (and it can be built).
  if (config.defectMap && spec.convChannels.size() >= 2 &&
      training::hasLocations(dataset, Split::Train))
    spec.defectMap = spec.mapBoxes = true;
  // A run begun before the map had boxes goes on as it began (its checkpoint has no tower).
  if (resume && spec.defectMap) try {
      if (const auto before = run.readManifest(); before && before->spec.defectMap)
        spec.mapBoxes = before->spec.mapBoxes;
    } catch (const RunFolderError&) {  // a damaged run.json: the checkpoint check says more
    }
  spec.validate();
  // A batch whose activations and their gradients cannot fit in this machine's memory ended
  // in the kernel's OOM killer (`--input-size 4096`); refuse it with the figures instead.
  const std::size_t batch =
      std::min<std::size_t>(static_cast<std::size_t>(config.batchSize),
                            std::max<std::size_t>(1, dataset.indices(Split::Train).size()));
  const double batchBytes =
      3.0 * static_cast<double>(batch) * static_cast<double>(spec.activationBytes());
  const double memory = static_cast<double>(physicalMemoryBytes());
  if (memory > 0 && batchBytes > 0.75 * memory) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << "a training batch of " << batch
      << " images of this network needs about " << batchBytes / (1 << 30)
      << " GB of memory; this machine has " << memory / (1 << 30)
      << " GB: use a smaller batch size or input size";
    throw std::invalid_argument(o.str());
  }
}

void Trainer::Impl::startRun() {
  threads = configureThreads(config.threads);
  deviceName = resolveDevice(config.device);
  if (config.threads == 0 && deviceName == "cpu") tuner.emplace(threads);
  device.emplace(deviceName);
  channelsLast = config.channelsLast && device->is_cpu();
  torch::manual_seed(config.seed);

  std::error_code ec;
  fs::create_directories(run.path(), ec);
  if (ec)
    throw std::runtime_error("cannot create output folder " + run.path().string() + ": " +
                             ec.message());
  // A full disk found after an hour of training loses the hour: check before starting.
  const fs::space_info space = fs::space(run.path(), ec);
  const std::uintmax_t needed = bytesARunNeeds(spec, config.epochs);
  if (!ec && space.available < needed)
    throw std::runtime_error("not enough free space in " + run.path().string() + ": " +
                             std::to_string(space.available / 1024) +
                             " KB free, this run needs about " + std::to_string(needed / 1024) +
                             " KB (model files and checkpoints)");
  if (!resume) writeManifest();
}

// What the run is, for the run lists and for resuming it later. A resume keeps the first
// session's start time and records the settings it goes on with (e.g. more epochs), once its
// checkpoint has been accepted.
void Trainer::Impl::writeManifest() {
  RunManifest m{spec, config, dataset.root().string(), spec.describe(), nowIso8601()};
  if (resume) {
    try {
      if (const auto before = run.readManifest(); before && !before->started.empty())
        m.started = before->started;
    } catch (const RunFolderError&) {
      // A damaged run.json is replaced now; only its start time is lost.
    }
  }
  run.writeManifest(m);
}

void Trainer::Impl::loadData() {
  say("loading " + std::to_string(dataset.samples().size()) + " images" +
      (config.streamImages ? " (to decode for each batch)" : " into memory"));
  const training::ImageStore store{run.path(), std::int64_t(config.dataMemoryMb) << 20,
                                   config.streamImages};
  train = training::loadSplit(dataset, Split::Train, spec, threads, owner->onMessage, store);
  val = training::loadSplit(dataset, Split::Validation, spec, threads, owner->onMessage, store);
  if (train.y.size(0) == 0) throw DatasetError("the training split has no images");
  nTrain = train.y.size(0);
  nVal = val.y.size(0);
  for (const std::string& warning : training::splitWarnings(dataset)) say("warning: " + warning);
  meta.classes = dataset.classes();
  meta.spec = spec;
  meta.trainingImages.clear();
  for (const std::size_t i : dataset.indices(Split::Train))
    if (const std::uint64_t h = dataset.samples()[i].contentHash) meta.trainingImages.push_back(h);
  std::sort(meta.trainingImages.begin(), meta.trainingImages.end());
  meta.trainingImages.erase(std::unique(meta.trainingImages.begin(), meta.trainingImages.end()),
                            meta.trainingImages.end());
  meta.normalization = training::normalizationOf(train, spec.inputChannels);
  if (const int epochs = config.epochsFor(nTrain); epochs != config.epochs) {
    say("a small training set: " + std::to_string(epochs) + " epochs instead of " +
        std::to_string(config.epochs) + ", so that training takes at least " +
        std::to_string(config.minSteps) + " optimizer steps");
    config.epochs = epochs;
    if (!resume) writeManifest();  // the run lists show the epochs it will take
  }
  configJson = config;
  configJson["dataset"] = dataset.root().string();
  configJson["train_images"] = nTrain;
  configJson["validation_images"] = nVal;
  configJson["threads_used"] = threads;
  configJson["device_used"] = deviceName;
  fingerprint = training::splitFingerprint(dataset);
}

void Trainer::Impl::buildModel() {
  net = DetectorNet(spec);
  net->to(*device);
  if (channelsLast) toChannelsLast(*net);
  // With a weight average, the average is the model: validated, saved and checkpointed.
  if (config.ema > 0) {
    average = DetectorNet(spec);
    average->to(*device);
    if (channelsLast) toChannelsLast(*average);
    average->eval();
    averager.emplace(average, net);
    averager->update(0.0, 0);  // start equal to the network
  }
  optimizer = makeOptimizer(config, net);
  // Loss weights or class-balanced batches for an imbalanced training set (config.balance).
  balance = training::balanceClasses(train.y, spec.numClasses, config);
  configJson["balance_used"] = balance.how;
  if (balance.lossWeights.defined()) lossWeights = balance.lossWeights.to(*device);
  if (balance.how != "none") say(balance.describe());
  result.modelFile = run.modelFile();
  result.bestFile = run.bestFile();
}

void Trainer::Impl::resumeFromCheckpoint() {
  const fs::path found = run.findCheckpoint();
  if (found.empty()) throw ResumeError("cannot resume: no checkpoint in " + run.path().string());
  try {
    const nlohmann::json state = checkpoint::load(
        found, net, average ? &average : nullptr, *optimizer, config.optimizer,
        [&](const nlohmann::json& st) {
          const ModelSpec savedSpec = st.at("architecture").get<ModelSpec>();
          if (savedSpec != spec)
            throw ResumeError("cannot resume: the checkpoint's network (" + savedSpec.describe() +
                              ") differs from the requested one (" + spec.describe() + ")");
          requireSameClasses(st.at("classes").get<std::vector<std::string>>(), meta.classes, found);
          if (st.contains("split") && st["split"].value("fingerprint", "") != fingerprint)
            throw ResumeError(
                "cannot resume: the dataset's train/validation split differs from the run's (" +
                std::to_string(st["split"].value("train", 0)) + "/" +
                std::to_string(st["split"].value("validation", 0)) + " images then, " +
                std::to_string(nTrain) + "/" + std::to_string(nVal) +
                " now: another split seed, or files added or removed?). Resuming would mix "
                "validation images into training; start a new run instead");
        });
    firstEpoch = state.at("epochs_done");
    if (firstEpoch < 0)
      throw ResumeError(found.string() + ": damaged trainer state (negative epoch count)");
    for (const auto& e : state.at("history")) result.history.push_back(e.get<EpochStats>());
    result.bestEpoch = state.at("best_epoch");
    result.bestMacroF1 = state.at("best_f1");
    sinceBest = state.value("since_best", 0);
    const auto mean = state.at("norm_mean").get<std::vector<float>>(),
               stdv = state.at("norm_std").get<std::vector<float>>();
    if (mean.size() != meta.normalization.mean.size() ||
        stdv.size() != meta.normalization.std.size())
      throw ResumeError(found.string() +
                        ": damaged trainer state (normalization of another channel count)");
    meta.normalization.mean = mean;
    meta.normalization.std = stdv;
  } catch (const nlohmann::json::exception& e) {
    throw ResumeError("cannot resume: " + found.string() + ": damaged trainer state: " + e.what());
  } catch (const ResumeError&) {
    throw;
  } catch (const ModelError& e) {
    throw ResumeError(std::string("cannot resume: ") + e.what());
  }
  say("resuming after epoch " + std::to_string(firstEpoch));
  writeManifest();
}

bool Trainer::Impl::trainEpoch(int epoch, EpochStats& s) {
  const auto epochStart = Clock::now();
  s.epoch = epoch + 1, s.epochs = config.epochs;
  s.learningRate = scheduledLr(config, epoch);
  setLr(*optimizer, s.learningRate);
  net->train();
  // One generator per epoch, derived from the seed, so a resumed run sees the same data
  // order and augmentation as an uninterrupted one.
  std::mt19937_64 rng(config.seed * 1000003ull + static_cast<std::uint64_t>(epoch));
  const std::vector<int64_t> order = training::epochOrder(nTrain, balance.imagesByClass, rng);
  training::BatchReader reader(train, torch::tensor(order, torch::kInt64), config.batchSize,
                               owner->onMessage);
  const std::size_t batches = reader.batches();
  const auto mean = torch::tensor(meta.normalization.mean).view({1, -1, 1, 1});
  const auto stdv = torch::tensor(meta.normalization.std).view({1, -1, 1, 1});

  double lossSum = 0;
  long correct = 0, seen = 0;
  for (std::size_t b = 0; b < batches; ++b) {
    if (owner->cancel_ && owner->cancel_->load()) return false;
    const auto stepStart = Clock::now();
    if (tuner) tuner->beginStep();
    const training::BatchReader::Batch batch = reader.next();
    const torch::Tensor& idx = batch.rows;
    const long size = idx.size(0);
    auto x01 = batch.images.to(torch::kFloat32).div_(255.0);
    torch::Tensor target = batch.target;
    if (config.augment)
      x01 = training::augmentBatch(x01, config, rng, spec.defectMap ? &target : nullptr);
    auto x = ((x01 - mean) / stdv).to(*device);
    if (channelsLast) x = x.contiguous(torch::MemoryFormat::ChannelsLast);
    auto y = train.y.index_select(0, idx).to(*device);
    optimizer->zero_grad();
    torch::Tensor logits, mapLogits;
    if (spec.defectMap)
      std::tie(logits, mapLogits) = net->forwardWithMap(x);
    else
      logits = net->forward(x);
    auto options =
        torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(config.labelSmoothing);
    if (lossWeights.defined()) options.weight(lossWeights);
    auto loss = torch::nn::functional::cross_entropy(logits, y, options);
    if (spec.defectMap)
      loss = loss + config.mapWeight * training::defectMapLoss(mapLogits, target.to(*device),
                                                               batch.hasTarget.to(*device));
    loss.backward();
    optimizer->step();
    if (averager) averager->update(config.ema, static_cast<std::int64_t>(epoch) * batches + b + 1);
    lossSum += loss.item<double>() * size;
    correct += logits.argmax(1).eq(y).sum().item<long>();
    seen += size;
    if (tuner) tuner->endStep(std::chrono::duration<double>(Clock::now() - stepStart).count());
    if (owner->onProgress) {
      TrainProgress p;
      p.epoch = epoch + 1;
      p.epochs = config.epochs;
      p.batch = b + 1;
      p.batches = batches;
      p.runningLoss = lossSum / seen;
      p.elapsedSeconds = std::chrono::duration<double>(Clock::now() - trainStart).count();
      const double thisEpoch = std::chrono::duration<double>(Clock::now() - epochStart).count();
      const double perEpoch =
          timedEpochs ? doneEpochSeconds / timedEpochs : thisEpoch * batches / (b + 1);
      p.etaSeconds = perEpoch * (config.epochs - epoch - 1) + std::max(0.0, perEpoch - thisEpoch);
      owner->onProgress(p);
    }
  }
  s.trainLoss = lossSum / seen;
  s.trainAccuracy = static_cast<double>(correct) / seen;
  return true;
}

void Trainer::Impl::validate(EpochStats& s) {
  s.valLoss = s.valAccuracy = s.valMacroF1 = 0;
  if (!(s.validated = nVal > 0)) return;
  torch::NoGradGuard guard;
  model()->eval();
  std::vector<std::vector<float>> probs;
  double lossSum = 0;
  // At most ~256 MB of activations per validation batch (100 images of a small network).
  const long evalBatch =
      std::clamp<long>(static_cast<long>((256LL << 20) / spec.activationBytes()), 1, 100);
  training::BatchReader reader(val, evalBatch, owner->onMessage);
  for (auto batch = reader.next(); batch.rows.defined(); batch = reader.next()) {
    auto x = normalizeBatch(batch.images, meta.normalization, *device, channelsLast);
    auto logits = model()->forward(x);
    auto y = val.y.index_select(0, batch.rows).to(*device);
    lossSum +=
        torch::nn::functional::cross_entropy(
            logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
            .item<double>();
    auto p = torch::softmax(logits, 1).to(torch::kCPU).contiguous();
    for (long i = 0; i < p.size(0); ++i)
      probs.emplace_back(p[i].data_ptr<float>(), p[i].data_ptr<float>() + p.size(1));
  }
  std::vector<int> truth(val.y.data_ptr<int64_t>(), val.y.data_ptr<int64_t>() + nVal);
  const Evaluation ev = evaluate(truth, probs, meta.classes);
  s.valLoss = lossSum / nVal;
  s.valAccuracy = ev.accuracy;
  s.valMacroF1 = ev.macroF1;
  lastRecall.clear();
  for (const ClassReport& c : ev.perClass) lastRecall.push_back(c.recall);
}

ModelMetadata Trainer::Impl::metadataFor(const EpochStats& s, const std::string& selection) const {
  ModelMetadata md = meta;
  md.createdAt = nowIso8601();
  md.trainConfig = configJson;
  md.metrics = {{"selected", selection},
                {"epoch", s.epoch},
                {"data", dataset.root().string() + " (validation split, " + std::to_string(nVal) +
                             " images)"},
                {"val_accuracy", s.valAccuracy},
                {"val_macro_f1", s.valMacroF1},
                {"val_loss", s.valLoss},
                {"train_loss", s.trainLoss}};
  return md;
}

// Every file is written whole or not at all, so a failure here (disk full) leaves the
// previous epoch's checkpoint intact: say so.
void Trainer::Impl::saveEpoch(const EpochStats& s) {
  try {
    if (s.best) saveModelFile(run.bestFile(), model(), metadataFor(s, "best validation macro F1"));
    saveModelFile(run.lastFile(), model(), metadataFor(s, "last epoch"));
    const nlohmann::json state = {
        {"epochs_done", s.epoch},
        {"history", result.history},
        {"best_epoch", result.bestEpoch},
        {"best_f1", result.bestMacroF1},
        {"since_best", sinceBest},
        {"architecture", spec},
        {"classes", meta.classes},
        {"norm_mean", meta.normalization.mean},
        {"norm_std", meta.normalization.std},
        {"config", configJson},
        {"split", {{"fingerprint", fingerprint}, {"train", nTrain}, {"validation", nVal}}}};
    checkpoint::save(run.checkpointFile(), net, average ? &average : nullptr, *optimizer,
                     config.optimizer, state);
    // A run resumed from a checkpoint of an earlier version goes on in the new format.
    std::error_code rec;
    fs::remove(run.legacyCheckpointFile(), rec);
    run.writeLog(result.history);
  } catch (const std::exception& e) {
    const bool resumable = s.epoch > 1 || resume;
    throw EpochNotSaved(
        std::string(e.what()) + " (epoch " + std::to_string(s.epoch) + " not saved; " +
            (resumable
                 ? "the checkpoint of the last saved epoch is intact: free space and resume the run"
                 : "no epoch was saved") +
            ")",
        resumable);
  }
}

void Trainer::Impl::keepModel() {
  if (result.history.empty()) return;
  const fs::path source = config.keep == "best" ? run.bestFile() : run.lastFile();
  try {
    copyFileAtomically(source, result.modelFile, false);
  } catch (const WriteError& e) {
    throw WriteError(std::string(e.what()) + " (" + source.filename().string() +
                     " beside it is the same model)");
  }
}

void Trainer::Impl::reportRecall() {
  // A resumed run's best epoch may be from the earlier session: its recall is not known here.
  const std::vector<double>& r = config.keep == "best" ? bestRecall : lastRecall;
  if (r.size() != meta.classes.size()) return;
  result.perClassRecall = r;
  const std::vector<std::size_t> images = dataset.classCounts(Split::Validation);
  std::ostringstream o;
  o << "validation recall per class:" << std::fixed << std::setprecision(3);
  for (std::size_t c = 0; c < r.size(); ++c) {  // no images: "n/a", as 0 reads "never found"
    o << (c ? ", " : " ") << meta.classes[c] << " ";
    images[c] ? o << r[c] : o << "n/a (no images)";
  }
  say(o.str());
}

void Trainer::Impl::fitConfidenceRule() {
  if (result.history.empty()) return;
  if (nVal == 0 || nTrain < 2) {
    say("no confidence rule fitted: it needs validation images (sdd calibrate can fit one later)");
    return;
  }
  LoadedModel kept = loadModelFile(result.modelFile, *device);
  const long batch =
      std::clamp<long>(static_cast<long>((256LL << 20) / spec.activationBytes()), 1, 100);
  RuleFitInput in;
  describeImages(kept.net, train, kept.metadata.normalization, *device, batch, in.trainProbs,
                 in.trainDescriptors);
  describeImages(kept.net, val, kept.metadata.normalization, *device, batch, in.heldOutProbs,
                 in.heldOutDescriptors);
  in.trainLabels.assign(train.y.data_ptr<int64_t>(), train.y.data_ptr<int64_t>() + nTrain);
  in.heldOutTruth.assign(val.y.data_ptr<int64_t>(), val.y.data_ptr<int64_t>() + nVal);
  in.classes = static_cast<int>(kept.metadata.classes.size());
  in.descriptorParts = kept.metadata.spec.descriptorParts();
  in.trainSizes = dataset.imageSizes(Split::Train);
  in.heldOutName = "this run's validation split";
  in.trainName = "this run's training split";
  try {
    const RuleFit fit = sdd::fitConfidenceRule(in);
    kept.metadata.confidenceRule = fit.rule;
    saveModelFile(result.modelFile, kept.net, kept.metadata);
    std::string text = describe(fit);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    say(text);
  } catch (const std::invalid_argument& e) {
    say(std::string("no confidence rule fitted: ") + e.what());
  }
}

TrainResult Trainer::run(bool resume) {
  Impl& m = *impl_;
  const auto start = Clock::now();
  m.resume = resume;
  m.checkResources();
  m.startRun();
  m.loadData();
  m.buildModel();
  if (resume) m.resumeFromCheckpoint();

  m.trainStart = Clock::now();
  for (int epoch = m.firstEpoch; epoch < m.config.epochs; ++epoch) {
    const auto epochStart = Clock::now();
    EpochStats s;
    if (!m.trainEpoch(epoch, s)) {
      m.result.cancelled = true;
      m.say("stopped during epoch " + std::to_string(epoch + 1) +
            "; that partial epoch is discarded. Resume the run to go on.");
      break;
    }
    m.validate(s);
    s.seconds = std::chrono::duration<double>(Clock::now() - epochStart).count();
    m.doneEpochSeconds += s.seconds;
    ++m.timedEpochs;
    if (m.result.history.empty() || !s.validated || s.valMacroF1 > m.result.bestMacroF1) {
      s.best = true;
      m.result.bestMacroF1 = s.valMacroF1;
      m.result.bestEpoch = s.epoch;
      m.bestRecall = m.lastRecall;
      m.sinceBest = 0;
    } else {
      ++m.sinceBest;
    }
    m.result.history.push_back(s);
    m.saveEpoch(s);
    if (onEpoch) onEpoch(s);
    if (m.config.patience > 0 && m.sinceBest >= m.config.patience) {
      m.result.earlyStopped = true;
      m.say("early stop: no validation F1 gain for " + std::to_string(m.sinceBest) + " epochs");
      break;
    }
  }
  m.keepModel();
  m.reportRecall();
  m.fitConfidenceRule();
  m.result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return m.result;
}

}  // namespace sdd
