#include "training/checkpoint.h"

#include "model/legacy_archive.h"
#include "model/tensor_file.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd::checkpoint {
namespace {
constexpr char kMagic[8] = {'S', 'D', 'D', 'C', 'H', 'K', 'P', 'T'};
constexpr std::uint32_t kVersion = 1;
constexpr const char* kNoAverage =
    "the checkpoint holds no weight average (the run was made without one); resume without it";

std::string keyOf(const torch::Tensor& p) { return c10::guts::to_string(p.unsafeGetTensorImpl()); }

std::vector<torch::Tensor> optimizedParams(torch::optim::Optimizer& opt) {
  std::vector<torch::Tensor> all;
  for (auto& g : opt.param_groups())
    for (auto& p : g.params()) all.push_back(p);
  return all;
}

// One weight's optimizer state as named tensors plus the step count (Adam and AdamW share
// their layout but not their class).
template <class State>
void collectAdam(State& st, const std::string& prefix, tensorfile::NamedTensors& out,
                 nlohmann::json& entry) {
  entry["step"] = st.step();
  out.emplace_back(prefix + "exp_avg", st.exp_avg());
  out.emplace_back(prefix + "exp_avg_sq", st.exp_avg_sq());
  if (st.max_exp_avg_sq().defined())
    out.emplace_back(prefix + "max_exp_avg_sq", st.max_exp_avg_sq());
}

// Where restored tensors come from: our container or an archive of an earlier version.
struct Source {
  std::function<bool(const std::string&)> has;
  std::function<void(const std::string&, torch::Tensor&)> copy;  // checks shape and type
};

// The state of weight `p` of optimizer `kind`, from the tensors `prefix`+name (null: none).
std::unique_ptr<torch::optim::OptimizerParamState> restoreState(
    const Source& src, const std::string& kind, const torch::Tensor& p, const std::string& prefix,
    std::int64_t step, const std::string& where) {
  auto read = [&](const std::string& name) {
    auto t = torch::zeros_like(p);
    src.copy(prefix + name, t);
    return t;
  };
  auto adam = [&](auto st) {
    if (step < 0) throw ModelError(where + "negative step count");
    st->step(step);
    st->exp_avg(read("exp_avg"));
    st->exp_avg_sq(read("exp_avg_sq"));
    if (src.has(prefix + "max_exp_avg_sq")) st->max_exp_avg_sq(read("max_exp_avg_sq"));
    return std::unique_ptr<torch::optim::OptimizerParamState>(std::move(st));
  };
  if (kind == "adam") return adam(std::make_unique<torch::optim::AdamParamState>());
  if (kind == "adamw") return adam(std::make_unique<torch::optim::AdamWParamState>());
  if (kind == "sgd") {  // SGD keeps state only with momentum; a state without it would crash step()
    if (!src.has(prefix + "momentum_buffer")) return nullptr;
    auto st = std::make_unique<torch::optim::SGDParamState>();
    st->momentum_buffer(read("momentum_buffer"));
    return st;
  }
  throw ModelError(where + "unknown optimizer '" + kind + "'");
}

// checkpoint.pt of an earlier version: a LibTorch archive, read by our own code.
nlohmann::json loadLegacy(const fs::path& file, const std::vector<std::uint8_t>& bytes,
                          DetectorNet& net, DetectorNet* average, torch::optim::Optimizer& opt,
                          const std::string& optimizer,
                          const std::function<void(const nlohmann::json&)>& check) {
  const std::string bad = file.string() + " is not a readable sdd training checkpoint: ";
  if (average) throw ModelError(file.string() + ": " + kNoAverage);
  const legacy::Archive a = legacy::Archive::read(bytes, bad);
  if (!a.has("trainer_state"))
    throw ModelError(file.string() + " is not an sdd training checkpoint");
  nlohmann::json state;
  try {
    state = parseJson(a.string("trainer_state"));
    if (!state.is_object()) throw ModelError(bad + "damaged trainer state");
    const nlohmann::json config = state.value("config", nlohmann::json::object());
    const std::string kind = config.is_object() ? config.value("optimizer", optimizer) : optimizer;
    if (kind != optimizer)
      throw ModelError(file.string() + ": the checkpoint's optimizer is " + kind +
                       ", the run asks for " + optimizer);
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(bad + "damaged trainer state: " + e.what());
  } catch (const JsonError& e) {
    throw ModelError(bad + "damaged trainer state: " + e.what());
  }
  check(state);
  const std::string where = file.string() + ": ";
  const std::string needs = "the architecture (" + net->spec().describe() + ")";
  for (auto& [name, t] : tensorfile::stateTensors(*net))
    a.copyTensor("model." + name, t, where + "weight ", needs);
  // LibTorch's optimizer archive: param_groups/0/params/<i> names each weight's state entry.
  const Source src{[&](const std::string& n) { return a.has(n); },
                   [&](const std::string& n, torch::Tensor& t) {
                     a.copyTensor(n, t, where + "optimizer state ", "its weight");
                   }};
  const auto all = optimizedParams(opt);
  ska::flat_hash_map<std::string, std::unique_ptr<torch::optim::OptimizerParamState>> restored;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const std::string param = "optimizer.param_groups.param_groups/0.params/" + std::to_string(i);
    if (!a.has(param)) throw ModelError(bad + "optimizer state lacks weight " + std::to_string(i));
    const std::string prefix = "optimizer.state." + a.string(param) + ".";
    const bool adam = optimizer != "sgd";
    if (adam && !a.has(prefix + "step")) continue;  // no step taken for this weight yet
    auto st = restoreState(src, optimizer, all[i], prefix, adam ? a.integer(prefix + "step") : 0,
                           where + "optimizer state ");
    if (st) restored[keyOf(all[i])] = std::move(st);
  }
  opt.state() = std::move(restored);
  return state;
}
}  // namespace

void save(const fs::path& file, DetectorNet& net, DetectorNet* average,
          torch::optim::Optimizer& opt, const std::string& optimizer,
          const nlohmann::json& trainerState) {
  tensorfile::NamedTensors tensors;
  for (auto& [name, t] : tensorfile::stateTensors(*net)) tensors.emplace_back("model/" + name, t);
  if (average)
    for (auto& [name, t] : tensorfile::stateTensors(**average))
      tensors.emplace_back("average/" + name, t);
  nlohmann::json params = nlohmann::json::array();
  const auto all = optimizedParams(opt);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto it = opt.state().find(keyOf(all[i]));
    if (it == opt.state().end()) continue;  // no step taken for this weight yet
    const std::string prefix = "optimizer/" + std::to_string(i) + "/";
    nlohmann::json entry = {{"index", i}};
    if (auto* a = dynamic_cast<torch::optim::AdamParamState*>(it->second.get())) {
      collectAdam(*a, prefix, tensors, entry);
    } else if (auto* w = dynamic_cast<torch::optim::AdamWParamState*>(it->second.get())) {
      collectAdam(*w, prefix, tensors, entry);
    } else if (auto* s = dynamic_cast<torch::optim::SGDParamState*>(it->second.get())) {
      if (s->momentum_buffer().defined())
        tensors.emplace_back(prefix + "momentum_buffer", s->momentum_buffer());
    } else {
      throw ModelError("cannot write a checkpoint for optimizer '" + optimizer + "'");
    }
    params.push_back(entry);
  }
  const nlohmann::json header = {{"trainer_state", trainerState},
                                 {"optimizer", {{"kind", optimizer}, {"params", params}}}};
  writeFileAtomically(file, tensorfile::pack(kMagic, kVersion, header, tensors));
}

void saveLegacy(const fs::path& file, DetectorNet& net, torch::optim::Optimizer& opt,
                const nlohmann::json& trainerState) {
  torch::serialize::OutputArchive archive, modelArchive, optArchive;
  net->save(modelArchive);
  opt.save(optArchive);
  archive.write("model", modelArchive);
  archive.write("optimizer", optArchive);
  archive.write("trainer_state", c10::IValue(dumpJson(trainerState)));
  archive.save_to(file.string());
}

nlohmann::json load(const fs::path& file, DetectorNet& net, DetectorNet* average,
                    torch::optim::Optimizer& opt, const std::string& optimizer,
                    const std::function<void(const nlohmann::json&)>& check) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw ModelError("no checkpoint at " + file.string());
  std::vector<std::uint8_t> bytes;
  std::string error;
  if (!readFileBytes(file, bytes, error))
    throw ModelError("cannot read " + file.string() + ": " + error);
  if (bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
    return loadLegacy(file, bytes, net, average, opt, optimizer, check);
  const std::string bad = file.string() + " is not a readable sdd training checkpoint: ";
  if (!tensorfile::hasMagic(bytes, kMagic)) throw ModelError(bad + "unrecognised signature");
  const tensorfile::Parsed f = tensorfile::parse(bytes, kVersion, bad, file);
  try {
    const nlohmann::json& header = f.header;
    if (!header.contains("trainer_state") || !header["trainer_state"].is_object())
      throw ModelError(bad + "header lacks the trainer state");
    const nlohmann::json& o = header.at("optimizer");
    const std::string kind = o.at("kind").get<std::string>();
    if (kind != optimizer)
      throw ModelError(file.string() + ": the checkpoint's optimizer is " + kind +
                       ", the run asks for " + optimizer);
    check(header["trainer_state"]);
    // Weights first, all checked before anything is replaced in the optimizer.
    const std::string needs = "the architecture (" + net->spec().describe() + ")";
    const auto model = tensorfile::stateTensors(*net);
    for (auto [name, t] : model)
      tensorfile::copyInto(bytes, f, "model/" + name, t, file.string() + ": weight ", needs);
    const bool hasAverage = f.entries.count("average/" + model.front().first) > 0;
    if (hasAverage && !average)
      throw ModelError(file.string() +
                       ": the checkpoint holds a weight average (the run was made with --ema); "
                       "resume with the same --ema");
    if (average) {
      if (!hasAverage) throw ModelError(file.string() + ": " + kNoAverage);
      for (auto [name, t] : tensorfile::stateTensors(**average))
        tensorfile::copyInto(bytes, f, "average/" + name, t, file.string() + ": averaged weight ",
                             needs);
    }
    const auto all = optimizedParams(opt);
    ska::flat_hash_map<std::string, std::unique_ptr<torch::optim::OptimizerParamState>> restored;
    const Source src{[&](const std::string& n) { return f.entries.count(n) > 0; },
                     [&](const std::string& n, torch::Tensor& t) {
                       tensorfile::copyInto(bytes, f, n, t, file.string() + ": optimizer state ",
                                            "its weight");
                     }};
    for (const auto& entry : o.at("params")) {
      const auto i = static_cast<std::size_t>(jsonInteger(entry.at("index"), 0, 1'000'000'000));
      if (i >= all.size())
        throw ModelError(bad + "optimizer state for weight " + std::to_string(i) + " of " +
                         std::to_string(all.size()));
      const std::string prefix = "optimizer/" + std::to_string(i) + "/";
      auto st = restoreState(src, kind, all[i], prefix, entry.value("step", std::int64_t{0}),
                             file.string() + ": optimizer state ");
      if (st) restored[keyOf(all[i])] = std::move(st);
    }
    opt.state() = std::move(restored);
    return header["trainer_state"];
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(bad + "damaged header: " + e.what());
  }
}

}  // namespace sdd::checkpoint
