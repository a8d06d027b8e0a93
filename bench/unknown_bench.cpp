// sdd_unknown_bench — how well the unknown score (sdd/metrics/unknown_score.h) tells "not one
// of mine" on a dataset, next to the baseline every classifier has: 1 - the top SoftMax
// probability (MSP, Hendrycks & Gimpel 2017), scored in the same process on the same images.
// Not a test: it asserts nothing; docs/performance.md records what it printed.
//
//  1. Leave one class out: for each class, train the default recipe on the other classes
//     (its confidence rule is fitted at the end of training, as for any run), then the AUROC
//     of separating the held-out class's validation images from the known classes'
//     validation images, and the share of each called unknown at the rule's threshold.
//  2. Far out of distribution: with the default recipe trained on all classes, the share of
//     generated images called unknown: noise, flat grey, checkerboards, text, and the
//     validation images inverted and rotated 45 degrees with black corners.
//
//   sdd_unknown_bench [DATASET] [--seed N] [--epochs N] [--only loco|far] [--work DIR]
//                     [--json FILE]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "args.h"
#include "sdd/dataset/dataset.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/calibration.h"
#include "sdd/metrics/unknown_score.h"
#include "sdd/training/trainer.h"

namespace fs = std::filesystem;

namespace {

struct Options {
  fs::path root = "data/NEU-DET";
  fs::path work = "runs/unknown-bench";
  std::uint64_t seed = 42;
  int epochs = 0;  // 0: the recipe's
  std::string only;
  std::string jsonFile;
  bool reuse = false;    // use a model already trained in --work (to compare scores quickly)
  bool explore = false;  // also print the AUROC of other candidate scores
};

/// Trains the default recipe on `ds` into `dir` and returns the kept model file.
fs::path trainDefault(const sdd::Dataset& ds, const Options& o, const fs::path& dir) {
  if (o.reuse && fs::exists(dir / "model.sddm")) {
    // A model trained by an earlier run: its rule refitted with this program's scorer.
    sdd::Predictor predictor(dir / "model.sddm", "cpu");
    const sdd::RuleFit fit =
        sdd::fitConfidenceRule(predictor, dir / "model.sddm", ds, "validation", 0.002, 0.01);
    sdd::upgradeModelFile(dir / "model.sddm", dir / "refitted.sddm", fit.rule);
    return dir / "refitted.sddm";
  }
  sdd::TrainRecipe recipe = sdd::trainRecipe("default", int(ds.classes().size()));
  recipe.config.seed = o.seed;
  if (o.epochs > 0) recipe.config.fixEpochs(o.epochs);
  fs::remove_all(dir);  // this program's own work folder: a rerun starts afresh
  sdd::Trainer trainer(ds, recipe.spec, recipe.config, dir);
  trainer.onMessage = [](const std::string& m) {
    if (m.rfind("confidence rule", 0) == 0 || m.rfind("unknown", 0) == 0 ||
        m.find("\nunknown") != std::string::npos)
      std::printf("    %s\n", m.c_str());
  };
  return trainer.run().modelFile;
}

struct Scored {
  std::vector<double> unknown, msp;  // per image: unknown score, 1 - top probability
  int calledUnknown = 0, failed = 0;
};

Scored score(sdd::Predictor& predictor, const std::vector<fs::path>& files) {
  Scored s;
  const sdd::ConfidenceRule rule =
      predictor.metadata().confidenceRule.value_or(sdd::ConfidenceRule{});
  for (const fs::path& f : files) {
    const sdd::Prediction p = predictor.predictFile(f);
    if (!p.ok()) {
      ++s.failed;
      std::fprintf(stderr, "  cannot classify %s: %s\n", f.c_str(), p.error.c_str());
      continue;
    }
    s.unknown.push_back(p.unknownScore);
    s.msp.push_back(1.0 - *std::max_element(p.probabilities.begin(), p.probabilities.end()));
    if (sdd::decide(p.probabilities, rule, p.unknownScore).decision == sdd::Decision::Unknown)
      ++s.calledUnknown;
  }
  return s;
}

/// Candidate scores beside the chosen one, on the same images (--explore): per part of the
/// descriptor (the input's moments, each block's) a Mahalanobis score (relative: minus the
/// distance to one Gaussian of all training images, Ren et al. 2021), and 1 - MSP; then ways
/// of combining the parts, each part first scaled by its training images' median and 99th
/// percentile.
struct Explorer {
  sdd::Predictor predictor;
  std::vector<int> widths;
  std::vector<std::vector<double>> trainParts;
  std::vector<sdd::GaussianDistance> dets, bgs;
  static std::vector<double> distances(const sdd::GaussianDistance& g,
                                       const sdd::DescriptorRows& rows) {
    std::vector<double> out;
    for (const auto& r : rows) out.push_back(sdd::distance(g, r.data(), r.size()));
    return out;
  }

  struct Set {
    sdd::DescriptorRows d;
    std::vector<std::vector<float>> p;
    std::vector<double> flat;  // share of the input's pixels with no texture around them
  };
  /// The share of pixels of the image, at the network's input size, whose 3 x 3 neighbourhood
  /// varies by less than one grey level: padding, blanked or saturated parts of a frame.
  double flatShare(const fs::path& f) const {
    const cv::Mat im = cv::imread(f.string(), cv::IMREAD_GRAYSCALE);
    if (im.empty()) return 0;
    const int side = predictor.metadata().spec.inputSize;
    cv::Mat small, x, m, m2;
    cv::resize(im, small, {side, side}, 0, 0, cv::INTER_AREA);
    small.convertTo(x, CV_32F);
    cv::blur(x, m, {3, 3});
    cv::blur(x.mul(x), m2, {3, 3});
    const cv::Mat var = m2 - m.mul(m);
    return double(cv::countNonZero(var < 1.0)) / double(side * side);
  }
  Set run(const std::vector<fs::path>& files) {
    Set s;
    for (const fs::path& f : files) {
      sdd::Prediction r = predictor.predictFile(f);
      if (!r.ok()) continue;
      s.d.push_back(r.descriptor);
      s.p.push_back(r.probabilities);
      s.flat.push_back(flatShare(f));
    }
    return s;
  }
  /// Deep nearest neighbours (Sun et al. 2022): 1 - cosine similarity of the L2-normalised
  /// slice to its k-th nearest training image.
  static std::vector<float> unit(const std::vector<float>& r, int from, int len) {
    std::vector<float> u(r.begin() + from, r.begin() + from + len);
    double n = 0;
    for (float v : u) n += double(v) * v;
    n = std::sqrt(std::max(n, 1e-12));
    for (float& v : u) v = float(v / n);
    return u;
  }
  /// `training`: the rows are the training images themselves, each skips its own distance 0.
  std::vector<double> knn(const sdd::DescriptorRows& rows, int from, int len, int k,
                          bool training = false) const {
    std::vector<std::vector<float>> ref;
    for (const auto& r : trainD) ref.push_back(unit(r, from, len));
    std::vector<double> out;
    for (const auto& r : rows) {
      const auto u = unit(r, from, len);
      std::vector<double> d;
      for (const auto& t : ref) {
        double dot = 0;
        for (int i = 0; i < len; ++i) dot += double(u[std::size_t(i)]) * t[std::size_t(i)];
        d.push_back(1 - dot);
      }
      const std::size_t kk = std::min<std::size_t>(std::size_t(training ? k : k - 1), d.size() - 1);
      std::nth_element(d.begin(), d.begin() + long(kk), d.end());
      out.push_back(d[kk]);
    }
    return out;
  }
  sdd::DescriptorRows trainD;
  std::vector<double> trainFlat;
  static sdd::DescriptorRows slice(const sdd::DescriptorRows& rows, int from, int to) {
    sdd::DescriptorRows out;
    for (const auto& r : rows) out.emplace_back(r.begin() + from, r.begin() + to);
    return out;
  }
  Explorer(const sdd::Dataset& ds, const fs::path& model) : predictor(model, "cpu") {
    predictor.setKeepDescriptors(true);
    widths = {3 * predictor.metadata().spec.inputChannels};
    for (int w : predictor.metadata().spec.convChannels) widths.push_back(2 * w);
    std::vector<fs::path> files;
    std::vector<int> labels;
    for (std::size_t i : ds.indices(sdd::Split::Train)) {
      files.push_back(ds.samples()[i].path);
      labels.push_back(ds.samples()[i].label);
    }
    const Set train = run(files);
    trainD = train.d;
    trainFlat = train.flat;
    int from = 0;
    for (int w : widths) {
      const auto part = slice(train.d, from, from + w);
      dets.push_back(sdd::fitGaussians(part, labels, int(ds.classes().size())));
      bgs.push_back(sdd::fitGaussians(part, std::vector<int>(part.size(), 0), 1));
      from += w;
    }
    trainParts = parts(train);
  }
  /// Per part, per image: [plain parts..., relative parts..., 1 - MSP].
  std::vector<std::vector<double>> parts(const Set& s) const {
    std::vector<std::vector<double>> out;
    std::vector<std::vector<double>> rel;
    int from = 0;
    for (std::size_t l = 0; l < widths.size(); ++l) {
      const auto part = slice(s.d, from, from + widths[l]);
      out.push_back(distances(dets[l], part));
      auto r = out.back();
      const auto b = distances(bgs[l], part);
      for (std::size_t i = 0; i < r.size(); ++i) r[i] -= b[i];
      rel.push_back(r);
      from += widths[l];
    }
    for (auto& r : rel) out.push_back(std::move(r));
    std::vector<double> msp;
    for (const auto& r : s.p) msp.push_back(1.0 - *std::max_element(r.begin(), r.end()));
    out.push_back(msp);
    return out;
  }
  std::vector<std::string> partNames() const {
    std::vector<std::string> n;
    for (std::size_t l = 0; l < widths.size(); ++l)
      n.push_back(l == 0 ? "input" : "block " + std::to_string(l));
    for (std::size_t l = 0; l < widths.size(); ++l) n.push_back("relative " + n[l]);
    n.push_back("1 - MSP");
    return n;
  }
  /// The variants: each single part, and combinations of scaled parts.
  std::vector<std::pair<std::string, std::vector<double>>> variants(const Set& s) const {
    const auto ps = parts(s);
    const auto names = partNames();
    std::vector<std::pair<std::string, std::vector<double>>> out;
    for (std::size_t q = 0; q < ps.size(); ++q) out.push_back({names[q], ps[q]});
    out.push_back({"flat share", s.flat});
    {
      int from = 0;
      for (std::size_t l = 0; l < widths.size(); ++l) {
        const std::string n = l == 0 ? "input" : "block " + std::to_string(l);
        // A block's slice is [means, deviations]; the input's [mean, log deviation, third].
        const int means = l == 0 ? widths[l] / 3 : widths[l] / 2;
        for (int k : {1, 10}) {
          out.push_back({"knn" + std::to_string(k) + " " + n + " means", knn(s.d, from, means, k)});
          out.push_back(
              {"knn" + std::to_string(k) + " " + n + " all", knn(s.d, from, widths[l], k)});
        }
        from += widths[l];
      }
      int all = from;
      out.push_back({"knn10 whole descriptor", knn(s.d, 0, all, 10)});
    }
    auto scaledPart = [&](std::size_t q) {
      std::vector<double> ref = trainParts[q];
      std::sort(ref.begin(), ref.end());
      const double lo = ref[ref.size() / 2], hi = ref[std::size_t(0.99 * double(ref.size() - 1))];
      std::vector<double> v = ps[q];
      for (double& x : v) x = (x - lo) / std::max(hi - lo, 1e-9);
      return v;
    };
    const std::size_t L = widths.size(), msp = 2 * L;
    auto combine = [&](const std::string& name, std::vector<std::size_t> use, bool useMax) {
      std::vector<double> v(ps[0].size(), useMax ? -1e300 : 0.0);
      for (std::size_t q : use) {
        const auto sp = scaledPart(q);
        for (std::size_t i = 0; i < v.size(); ++i)
          v[i] = useMax ? std::max(v[i], sp[i]) : v[i] + sp[i];
      }
      out.push_back({name, v});
    };
    std::vector<std::size_t> plainAll, relAll, relBlocks;
    for (std::size_t l = 0; l < L; ++l) plainAll.push_back(l);
    for (std::size_t l = 0; l < L; ++l) relAll.push_back(L + l);
    for (std::size_t l = 1; l < L; ++l) relBlocks.push_back(L + l);
    auto with = [](std::vector<std::size_t> v, std::size_t x) {
      v.push_back(x);
      return v;
    };
    combine("max plain parts + msp", with(plainAll, msp), true);
    combine("sum plain parts + msp", with(plainAll, msp), false);
    combine("max rel parts + msp", with(relAll, msp), true);
    combine("sum rel parts + msp", with(relAll, msp), false);
    combine("sum rel blocks + msp", with(relBlocks, msp), false);
    combine("sum rel block1 + msp", {L + 1, msp}, false);
    combine("sum rel block1,2 + msp", {L + 1, L + 2, msp}, false);
    for (double cap : {1.0, 2.0, 3.0}) {
      auto a = scaledPart(L + 1), m = scaledPart(msp), in = scaledPart(0);
      std::vector<double> v(a.size());
      for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::max(in[i], a[i] + std::min(m[i], cap));
      out.push_back({"max(input, rel block1 + min(msp, " + std::to_string(int(cap)) + "))", v});
    }
    // The chosen score next to the deep nearest neighbours of block 3, each scaled by the
    // training images' own (leave-one-out) median and 99th percentile.
    {
      auto a = scaledPart(L + 1), m = scaledPart(msp), in = scaledPart(0);
      std::vector<double> ours(a.size());
      for (std::size_t i = 0; i < a.size(); ++i)
        ours[i] = std::max(in[i], a[i] + std::min(m[i], 1.0));
      int from3 = 0;
      for (std::size_t l = 0; l < 3 && l < widths.size(); ++l) from3 += widths[l];
      if (widths.size() > 3)
        for (int k : {1, 5, 10}) {
          std::vector<double> ref = knn(trainD, from3, widths[3], k, true);
          std::sort(ref.begin(), ref.end());
          const double lo = ref[ref.size() / 2],
                       hi = ref[std::size_t(0.99 * double(ref.size() - 1))];
          std::vector<double> nn = knn(s.d, from3, widths[3], k);
          for (double& x : nn) x = (x - lo) / std::max(hi - lo, 1e-9);
          std::vector<double> mx(nn.size()), sm(nn.size()), mi(nn.size());
          for (std::size_t i = 0; i < nn.size(); ++i) {
            mx[i] = std::max(ours[i], nn[i]);
            sm[i] = ours[i] + nn[i];
            mi[i] = std::max(in[i], nn[i] + std::min(m[i], 1.0));
          }
          const std::string kn = "knn" + std::to_string(k) + " b3";
          out.push_back({"max(ours, " + kn + ")", mx});
          out.push_back({"ours + " + kn, sm});
          out.push_back({"max(input, " + kn + " + min(msp, 1))", mi});
        }
    }
    combine("max(input plain, sum rel blocks+msp)", {}, false);
    {
      auto a = scaledPart(0);
      std::vector<double> b(ps[0].size(), 0.0);
      for (std::size_t q : with(relBlocks, msp)) {
        const auto sp = scaledPart(q);
        for (std::size_t i = 0; i < b.size(); ++i) b[i] += sp[i];
      }
      for (std::size_t i = 0; i < b.size(); ++i) b[i] = std::max(b[i], 5 * a[i]);
      out.back().second = b;
    }
    return out;
  }
};

void exploreLoco(const sdd::Dataset& ds, const fs::path& model,
                 const std::vector<fs::path>& knownVal, const std::vector<fs::path>& heldOut,
                 nlohmann::json& sums) {
  Explorer e(ds, model);
  const auto k = e.variants(e.run(knownVal)), h = e.variants(e.run(heldOut));
  for (std::size_t v = 0; v < k.size(); ++v) {
    const double a = sdd::aurocOfScores(k[v].second, h[v].second);
    std::printf("      %-40s AUROC %.4f\n", k[v].first.c_str(), a);
    sums[k[v].first] = sums.value(k[v].first, 0.0) + a;
  }
  std::fflush(stdout);
}

void exploreFar(const sdd::Dataset& ds, const fs::path& model, const std::vector<fs::path>& val,
                const std::vector<std::pair<std::string, std::vector<fs::path>>>& far) {
  Explorer e(ds, model);
  const auto k = e.variants(e.run(val));
  std::vector<fs::path> all;
  for (const auto& kf : far) all.insert(all.end(), kf.second.begin(), kf.second.end());
  const auto f = e.variants(e.run(all));
  std::printf(
      "    explore: share of generated images above the 99th percentile of known validation\n");
  for (std::size_t v = 0; v < k.size(); ++v) {
    const double t = sdd::unknownThreshold(k[v].second, 0.01);
    std::size_t at = 0;
    std::string perKind;
    for (const auto& kf : far) {
      int n = 0;
      for (std::size_t i = 0; i < kf.second.size(); ++i) n += f[v].second[at + i] > t;
      perKind += " " + std::to_string(int(100.0 * n / double(kf.second.size())));
      at += kf.second.size();
    }
    int n = 0;
    for (double x : f[v].second) n += x > t;
    std::printf("      %-40s %5.1f %% (per kind:%s)\n", k[v].first.c_str(),
                100.0 * n / double(all.size()), perKind.c_str());
  }
  std::fflush(stdout);
}

double share(int n, std::size_t of) { return of == 0 ? 0.0 : double(n) / double(of); }

nlohmann::json leaveOneClassOut(const sdd::Dataset& ds, const Options& o) {
  std::printf(
      "Leave one class out (default recipe, seed %llu): AUROC of held-out-class vs "
      "known-class validation images\n",
      static_cast<unsigned long long>(o.seed));
  nlohmann::json rows = nlohmann::json::array();
  double sumOurs = 0, sumMsp = 0, worst = 1;
  nlohmann::json exploreSums = nlohmann::json::object();
  const int classes = int(ds.classes().size());
  for (int held = 0; held < classes; ++held) {
    std::vector<std::string> known;
    std::vector<int> remap(std::size_t(classes), -1);
    for (int c = 0; c < classes; ++c)
      if (c != held) {
        remap[std::size_t(c)] = int(known.size());
        known.push_back(ds.classes()[std::size_t(c)]);
      }
    std::vector<sdd::Sample> samples;
    std::vector<fs::path> heldOut, knownVal;
    for (const sdd::Sample& s : ds.samples()) {
      if (s.label < 0) continue;
      if (s.label == held) {
        if (s.split == sdd::Split::Validation) heldOut.push_back(s.path);
        continue;
      }
      sdd::Sample k = s;
      k.label = k.originalLabel = remap[std::size_t(s.label)];
      if (s.split == sdd::Split::Validation) knownVal.push_back(s.path);
      samples.push_back(std::move(k));
    }
    const std::string name = ds.classes()[std::size_t(held)];
    std::printf("  held out %s: training on %zu images of %d classes\n", name.c_str(),
                samples.size() - knownVal.size(), classes - 1);
    const sdd::Dataset five = sdd::Dataset::fromSamples(ds.root(), known, std::move(samples));
    const fs::path model = trainDefault(five, o, o.work / ("without-" + name));
    sdd::Predictor predictor(model, "cpu");
    const Scored k = score(predictor, knownVal), h = score(predictor, heldOut);
    if (o.explore) exploreLoco(five, model, knownVal, heldOut, exploreSums);
    const double ours = sdd::aurocOfScores(k.unknown, h.unknown);
    const double msp = sdd::aurocOfScores(k.msp, h.msp);
    sumOurs += ours;
    sumMsp += msp;
    worst = std::min(worst, ours);
    std::printf(
        "  held out %-16s AUROC %.4f (MSP baseline %.4f); called unknown: %.1f %% of "
        "%zu held-out, %.1f %% of %zu known\n",
        name.c_str(), ours, msp, 100 * share(h.calledUnknown, h.unknown.size()), h.unknown.size(),
        100 * share(k.calledUnknown, k.unknown.size()), k.unknown.size());
    std::fflush(stdout);
    rows.push_back({{"held_out", name},
                    {"auroc", ours},
                    {"auroc_msp", msp},
                    {"held_out_called_unknown", share(h.calledUnknown, h.unknown.size())},
                    {"known_called_unknown", share(k.calledUnknown, k.unknown.size())}});
  }
  std::printf(
      "  mean AUROC %.4f (MSP baseline %.4f), lowest %.4f (goal: mean >= 0.95, each >= "
      "0.90)\n\n",
      sumOurs / classes, sumMsp / classes, worst);
  for (auto& [name, sum] : exploreSums.items())
    std::printf("    explore mean AUROC %-40s %.4f\n", name.c_str(), sum.get<double>() / classes);
  return {{"classes", rows},
          {"mean_auroc", sumOurs / classes},
          {"mean_auroc_msp", sumMsp / classes},
          {"lowest_auroc", worst}};
}

/// Far-out-of-distribution images, written as PNG under `dir` so that they take the real
/// path (read, decode, resize): {kind, files}.
std::vector<std::pair<std::string, std::vector<fs::path>>> makeFarImages(
    const std::vector<fs::path>& val, const fs::path& dir) {
  fs::create_directories(dir);
  std::vector<std::pair<std::string, std::vector<fs::path>>> kinds;
  auto put = [&](const std::string& kind, const cv::Mat& image) {
    if (kinds.empty() || kinds.back().first != kind) kinds.push_back({kind, {}});
    const fs::path f = dir / (kind + "-" + std::to_string(kinds.back().second.size()) + ".png");
    cv::imwrite(f.string(), image);
    kinds.back().second.push_back(f);
  };
  for (int i = 0; i < 20; ++i) {
    cv::Mat m(200, 200, CV_8U);
    cv::randu(m, 0, 256);
    put("uniform noise", m);
  }
  for (int i = 0; i < 20; ++i) {
    cv::Mat m(200, 200, CV_8U);
    cv::randn(m, 128, 10 + 5 * i);
    put("gaussian noise", m);
  }
  for (int level = 0; level <= 255; level += 16)
    put("flat grey", cv::Mat(200, 200, CV_8U, cv::Scalar(level)));
  for (int cell : {2, 3, 5, 8, 10, 16, 20, 25, 40, 50})
    for (int phase = 0; phase < 2; ++phase) {
      cv::Mat m(200, 200, CV_8U);
      for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 200; ++x)
          m.at<uchar>(y, x) = ((x / cell + y / cell + phase) % 2) ? 255 : 0;
      put("checkerboard", m);
    }
  const char* words[] = {"LOT 4711", "STEEL", "QC PASS",   "2026-12-02", "COIL 17",
                         "NG",       "OK",    "HEAT 8832", "LINE 3",     "SDD"};
  for (int i = 0; i < 20; ++i) {
    cv::Mat m(200, 200, CV_8U, cv::Scalar(i % 2 ? 255 : 0));
    cv::putText(m, words[i % 10], {10, 60 + (i % 5) * 25}, cv::FONT_HERSHEY_SIMPLEX,
                1.0 + 0.1 * (i % 4), cv::Scalar(i % 2 ? 0 : 255), 2 + i % 3);
    put("text", m);
  }
  for (const fs::path& f : val) {
    const cv::Mat im = cv::imread(f.string(), cv::IMREAD_GRAYSCALE);
    if (im.empty()) continue;
    put("inverted", 255 - im);
  }
  for (const fs::path& f : val) {
    const cv::Mat im = cv::imread(f.string(), cv::IMREAD_GRAYSCALE);
    if (im.empty()) continue;
    cv::Mat rotated;
    const cv::Mat r = cv::getRotationMatrix2D(cv::Point2f(im.cols / 2.0f, im.rows / 2.0f), 45, 1.0);
    cv::warpAffine(im, rotated, r, im.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    put("rotated 45", rotated);
  }
  return kinds;
}

nlohmann::json farOutOfDistribution(const sdd::Dataset& ds, const Options& o) {
  std::printf(
      "Far out of distribution (default recipe on all %zu classes, seed %llu): share "
      "called unknown at the rule's threshold\n",
      ds.classes().size(), static_cast<unsigned long long>(o.seed));
  const fs::path model = trainDefault(ds, o, o.work / "all-classes");
  sdd::Predictor predictor(model, "cpu");
  const sdd::ConfidenceRule rule =
      predictor.metadata().confidenceRule.value_or(sdd::ConfidenceRule{});
  std::vector<fs::path> val;
  for (std::size_t i : ds.indices(sdd::Split::Validation)) val.push_back(ds.samples()[i].path);
  const Scored known = score(predictor, val);
  // The baseline's threshold: the MSP value that flags the same share of known images.
  const double mspThreshold = sdd::unknownThreshold(known.msp, rule.unknown.maxKnownUnknown);
  std::printf("  known validation images called unknown: %.2f %% of %zu (target <= %.1f %%)\n",
              100 * share(known.calledUnknown, known.unknown.size()), known.unknown.size(),
              100 * rule.unknown.maxKnownUnknown);
  nlohmann::json rows = nlohmann::json::array();
  int called = 0, mspCalled = 0;
  std::size_t total = 0;
  const auto far = makeFarImages(val, o.work / "far-images");
  if (o.explore) exploreFar(ds, model, val, far);
  for (const auto& [kind, files] : far) {
    const Scored s = score(predictor, files);
    const int msp =
        int(std::count_if(s.msp.begin(), s.msp.end(), [&](double v) { return v > mspThreshold; }));
    called += s.calledUnknown;
    mspCalled += msp;
    total += s.unknown.size();
    std::printf(
        "  %-16s %4zu images: %5.1f %% unknown (MSP baseline at the same known share: "
        "%5.1f %%)\n",
        kind.c_str(), s.unknown.size(), 100 * share(s.calledUnknown, s.unknown.size()),
        100 * share(msp, s.unknown.size()));
    rows.push_back({{"kind", kind},
                    {"images", s.unknown.size()},
                    {"called_unknown", share(s.calledUnknown, s.unknown.size())},
                    {"msp_flagged", share(msp, s.unknown.size())}});
  }
  std::printf(
      "  all %zu generated images: %.2f %% unknown (MSP baseline %.2f %%; goal >= 99 "
      "%%)\n\n",
      total, 100 * share(called, total), 100 * share(mspCalled, total));
  return {{"kinds", rows},
          {"called_unknown", share(called, total)},
          {"msp_flagged", share(mspCalled, total)},
          {"known_called_unknown", share(known.calledUnknown, known.unknown.size())}};
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  const char* usage =
      "usage: sdd_unknown_bench [DATASET] [--seed N] [--epochs N] [--only loco|far] "
      "[--work DIR] [--json FILE] [--reuse] [--explore]";
  try {
    const sdd::cli::Args args(std::vector<std::string>(argv + 1, argv + argc),
                              {"seed", "epochs", "only", "work", "json"},
                              {"reuse", "explore", "help"});
    if (args.has("help")) {
      std::puts(usage);
      return 0;
    }
    if (args.positionals().size() > 1) throw sdd::cli::CliError("give one dataset folder");
    if (!args.positionals().empty()) o.root = args.positionals().front();
    o.seed = static_cast<std::uint64_t>(
        args.integer("seed", static_cast<int>(o.seed), 0, 2'000'000'000));
    o.epochs = args.integer("epochs", o.epochs, 0, 100'000);  // 0: the recipe's
    if (args.has("only")) o.only = args.choice("only", "", {"loco", "far"});
    o.work = args.str("work", o.work.string());
    o.jsonFile = args.str("json", o.jsonFile);
    o.reuse = args.has("reuse");
    o.explore = args.has("explore");
  } catch (const sdd::cli::CliError& e) {
    std::fprintf(stderr, "sdd_unknown_bench: %s\n%s\n", e.what(), usage);
    return 2;
  }
  try {
    const sdd::Dataset ds = sdd::Dataset::scan(o.root);
    nlohmann::json j = {{"dataset", o.root.string()}, {"seed", o.seed}};
    if (o.only.empty() || o.only == "loco") j["leave_one_class_out"] = leaveOneClassOut(ds, o);
    if (o.only.empty() || o.only == "far")
      j["far_out_of_distribution"] = farOutOfDistribution(ds, o);
    if (!o.jsonFile.empty()) {
      std::ofstream f(o.jsonFile);
      f << j.dump(2) << "\n";
      if (!f) {
        std::fprintf(stderr, "sdd_unknown_bench: cannot write %s\n", o.jsonFile.c_str());
        return 1;
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sdd_unknown_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
