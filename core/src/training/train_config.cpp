#include "sdd/training/train_config.h"

#include <algorithm>
#include <stdexcept>

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
  if (!(mapWeight >= 0 && mapWeight <= 100)) bad("map weight must be in [0, 100]");
  if (ema != 0 && (ema < 0.5 || ema >= 1)) bad("ema decay must be 0 (off) or in [0.5, 1)");
  if (minSteps < 0) bad("minimum steps must be >= 0");
  if (dataMemoryMb < 0) bad("data memory must be >= 0 MB (0: half of this machine's memory)");
  if (balance != "none" && balance != "weights" && balance != "sqrt" && balance != "sampling" &&
      balance != "auto")
    bad("balance must be none, weights, sqrt, sampling or auto (got '" + balance + "')");
}

int TrainConfig::epochsFor(long trainImages) const {
  if (minSteps <= 0 || trainImages <= 0) return epochs;
  const long batches = (trainImages + batchSize - 1) / batchSize;
  const long needed = (minSteps + batches - 1) / batches;
  return needed <= epochs ? epochs : int(std::min<long>(needed, kMaxAutoEpochs));
}

std::string TrainConfig::balanceFor(const std::vector<long>& classCounts) const {
  if (balance != "auto") return balance;
  long lo = 0, hi = 0;
  for (long n : classCounts) {
    if (n <= 0) continue;  // a class with no training images cannot be evened out
    lo = lo == 0 ? n : std::min(lo, n);
    hi = std::max(hi, n);
  }
  return lo > 0 && double(hi) >= kImbalanced * double(lo) ? "sampling" : "none";
}

void to_json(nlohmann::json& j, const TrainConfig& c) {
  j = {{"epochs", c.epochs},
       {"batch_size", c.batchSize},
       {"lr", c.learningRate},
       {"optimizer", c.optimizer},
       {"weight_decay", c.weightDecay},
       {"momentum", c.momentum},
       {"schedule", c.schedule},
       {"step_size", c.stepSize},
       {"gamma", c.gamma},
       {"patience", c.patience},
       {"augment", c.augment},
       {"brightness", c.brightness},
       {"contrast", c.contrast},
       {"balance", c.balance},
       {"min_steps", c.minSteps},
       {"data_memory_mb", c.dataMemoryMb},
       {"stream_images", c.streamImages},
       {"keep", c.keep},
       {"seed", c.seed},
       {"threads", c.threads},
       {"device", c.device},
       {"channels_last", c.channelsLast},
       {"noise", c.noise},
       {"blur", c.blur},
       {"label_smoothing", c.labelSmoothing},
       {"defect_map", c.defectMap},
       {"map_weight", c.mapWeight},
       {"ema", c.ema}};
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
  // Files before 2026-12-03 said "class_weights": true for inverse-frequency weights.
  c.balance = j.value("balance", j.value("class_weights", false) ? "weights" : d.balance);
  c.minSteps = j.value("min_steps", d.minSteps);
  c.dataMemoryMb = j.value("data_memory_mb", d.dataMemoryMb);
  c.streamImages = j.value("stream_images", d.streamImages);
  c.labelSmoothing = j.value("label_smoothing", d.labelSmoothing);
  // Runs from before the defect map trained without one: resuming them must not add it.
  c.defectMap = j.value("defect_map", false);
  c.mapWeight = j.value("map_weight", d.mapWeight);
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
    r.config.minSteps = 3600;
    r.config.balance = "auto";
    r.config.learningRate = 3e-3;
    r.config.ema = 0.999;
  } else if (name == "tableII" || name == "tableII-bn") {
    r.spec = ModelSpec::tableII(numClasses);
    r.spec.batchNorm = name == "tableII-bn";
    r.config.epochs = 60;
    r.config.learningRate = 1e-3;
  } else {
    throw std::invalid_argument("unknown recipe '" + name +
                                "' (expected default, tableII or tableII-bn)");
  }
  return r;
}

std::vector<std::string> trainRecipeNames() { return {"default", "tableII", "tableII-bn"}; }

void to_json(nlohmann::json& j, const EpochStats& s) {
  j = {{"epoch", s.epoch},      {"train_loss", s.trainLoss}, {"train_acc", s.trainAccuracy},
       {"val_loss", s.valLoss}, {"val_acc", s.valAccuracy},  {"val_macro_f1", s.valMacroF1},
       {"lr", s.learningRate},  {"seconds", s.seconds},      {"best", s.best}};
  if (!s.validated) j["validated"] = false;
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
  s.validated = j.value("validated", true);
}

}  // namespace sdd
