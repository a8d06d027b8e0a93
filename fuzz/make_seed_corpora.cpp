// Writes the small seed corpora checked in under fuzz/corpus/ (run by hand after changing a
// format; the fuzzers start from these):  sdd_make_seed_corpora fuzz/corpus
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "fuzz_model_support.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/model/archive_check.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/model_spec.h"
#include "training/checkpoint.h"

namespace fs = std::filesystem;

static void put(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

static std::string encode(const std::string& ext, const cv::Mat& m, std::vector<int> params = {}) {
  std::vector<std::uint8_t> buf;
  cv::imencode(ext, m, buf, params);
  return std::string(buf.begin(), buf.end());
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_FOLDER\n", argv[0]);
    return 2;
  }
  const fs::path out = argv[1];
  // Images: the formats and shapes users have, small.
  cv::Mat grad(8, 12, CV_8UC1);
  for (int y = 0; y < grad.rows; ++y)
    for (int x = 0; x < grad.cols; ++x)
      grad.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(20 * x + 7 * y);
  cv::Mat color;
  cv::cvtColor(grad, color, cv::COLOR_GRAY2BGR);
  cv::Mat big(200, 200, CV_8UC1, cv::Scalar(128));
  cv::circle(big, {100, 100}, 40, cv::Scalar(30), -1);
  cv::Mat deep;
  grad.convertTo(deep, CV_16U, 256);
  cv::Mat bgra;
  cv::cvtColor(color, bgra, cv::COLOR_BGR2BGRA);
  const fs::path img = out / "image";
  put(img / "gray.jpg", encode(".jpg", grad, {cv::IMWRITE_JPEG_QUALITY, 50}));
  put(img / "neu-size.jpg", encode(".jpg", big, {cv::IMWRITE_JPEG_QUALITY, 20}));
  put(img / "progressive.jpg", encode(".jpg", color, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}));
  put(img / "gray.png", encode(".png", grad));
  put(img / "16bit.png", encode(".png", deep));
  put(img / "rgba.png", encode(".png", bgra));
  put(img / "gray.bmp", encode(".bmp", grad));
  put(img / "color.tif", encode(".tif", color));
  const std::string jpg = encode(".jpg", color);
  put(img / "truncated.jpg", jpg.substr(0, jpg.size() / 2));

  put(out / "voc" / "neu.xml",
      "<annotation><folder>cr</folder><filename>crazing_1.jpg</filename><size><width>200</width>"
      "<height>200</height><depth>1</depth></size><object><name>crazing</name><pose>Unspecified"
      "</pose><truncated>0</truncated><difficult>0</difficult><bndbox><xmin>2</xmin><ymin>2</ymin>"
      "<xmax>193</xmax><ymax>194</ymax></bndbox></object><object><name>crazing</name><bndbox>"
      "<xmin>10.5</xmin><ymin>0</ymin><xmax>50</xmax><ymax>60</ymax></bndbox></object></"
      "annotation>\n");
  put(out / "voc" / "unclosed.xml", "<annotation><object><name>x</name><bndbox><xmin>1</xmin>");
  put(out / "voc" / "coco.json",
      "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}], \"annotations\": [{\"id\": 1, "
      "\"image_id\": 1, \"category_id\": 2, \"bbox\": [5, 6.5, 25, 34]}], \"categories\": "
      "[{\"id\": 2, \"name\": \"disk\"}]}\n");
  put(out / "voc" / "yolo.txt", "0 0.5 0.5 0.25 0.25\n2 0.1 0.2 0.3 0.4 0.5 0.6\n");

  put(out / "label_csv" / "plain.csv", "path,label\ncrazing/a.jpg,patches\nb.jpg,scratches\n");
  put(out / "label_csv" / "quoted.csv",
      "\"dir, with comma/a.jpg\",\"in\"\"clusion\"\r\n\"multi\nline.jpg\",crazing\r\n,empty\n");

  // Dataset trees: programs for fuzz_dataset_tree (see its comments); a NEU-DET-like tree and
  // a folder-per-class tree with a broken file and a symlink loop.
  auto program = [](std::initializer_list<int> ops) { return std::string(ops.begin(), ops.end()); };
  put(out / "dataset_tree" / "neu-det",  // train/images/{crazing,inclusion}/..., train/annotations
      program({0, 0,  0, 1, 4, 0, 2, 8, 0,  1, 6, 0, 3,  10, 1, 0,
               3, 11, 2, 0, 2, 9, 0, 5, 12, 1, 0, 4, 13, 1,  4}));
  put(out / "dataset_tree" / "per-class",  // crazing/, inclusion/, a broken file, a symlink loop
      program({0,  8, 0, 0, 9,  0, 1, 12, 1,  0, 1, 13, 1,  0, 2,
               12, 1, 0, 2, 15, 2, 3, 2,  14, 3, 0, 1,  16, 3, 0}));

  // Models: a tiny real model file, and its metadata text alone.
  const sdd::ModelMetadata meta = sdd::fuzz::tinyModelMetadata();
  sdd::DetectorNet net(meta.spec);
  sdd::saveModelFile(out / "model_file" / "tiny.sddm", net, meta);
  nlohmann::json j = meta;
  put(out / "model_metadata" / "tiny.json", j.dump());
  // Nesting far deeper than the parsers allow (a 100,000-level one crashed every command);
  // 2,000 levels keep the seed small.
  const std::string nested = std::string(2000, '[') + std::string(2000, ']');
  {
    std::string text = j.dump();
    text.insert(1, "\"deep\":" + nested + ",");
    put(out / "model_metadata" / "deep-nesting.json", text);
  }
  // A training checkpoint of the same model, with Adam's state after one step.
  {
    torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
    net->train();
    net->forward(torch::rand({2, 3, meta.spec.inputSize, meta.spec.inputSize}))
        .logsumexp(1)
        .sum()
        .backward();
    opt.step();
    const nlohmann::json state = {{"epochs_done", 1},
                                  {"architecture", meta.spec},
                                  {"classes", meta.classes},
                                  {"config", {{"optimizer", "adam"}}}};
    sdd::checkpoint::save(out / "checkpoint" / "tiny.sddc", net, nullptr, opt, "adam", state);
    sdd::DetectorNet average(meta.spec);  // a run with --ema also checkpoints its weight average
    sdd::checkpoint::save(out / "checkpoint" / "tiny-ema.sddc", net, &average, opt, "adam", state);
    // The same with the deep nesting in its header, CRC made valid again.
    {
      std::ifstream in(out / "checkpoint" / "tiny.sddc", std::ios::binary);
      const std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::uint64_t len = 0;
      for (int i = 0; i < 8; ++i)
        len |= std::uint64_t(static_cast<std::uint8_t>(b[12 + i])) << (8 * i);
      const std::string header = "{\"deep\":" + nested + "," + b.substr(21, len - 1);
      std::string bytes = b.substr(0, 12);
      for (int i = 0; i < 8; ++i) bytes += static_cast<char>((header.size() >> (8 * i)) & 0xFF);
      bytes += header + b.substr(20 + len, b.size() - 24 - len);
      const std::uint32_t crc =
          sdd::crc32(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      for (int i = 0; i < 4; ++i) bytes += static_cast<char>((crc >> (8 * i)) & 0xFF);
      put(out / "checkpoint" / "deep-nesting.sddc", bytes);
    }
    // The same as checkpoint.pt of earlier versions wrote it.
    sdd::checkpoint::saveLegacy(out / "checkpoint" / "tiny.pt", net, opt, state);
  }
  {  // a version-1 model file, as saveModelFile wrote them before: a LibTorch archive
    torch::serialize::OutputArchive archive;
    net->save(archive);
    archive.write("sdd_metadata", c10::IValue(nlohmann::json(meta).dump()));
    archive.save_to((out / "model_file" / "tiny-v1.sddm").string());
    // Its data.pkl alone, for fuzz_legacy_pickle (which wraps it in a ZIP with storages
    // data/0 … data/15): the storage keys of a saved module are 0, 1, 2, … in order.
    std::vector<std::uint8_t> bytes;
    std::string error;
    std::map<std::string, sdd::ZipEntry> entries;
    if (!sdd::readFileBytes(out / "model_file" / "tiny-v1.sddm", bytes, error) ||
        !sdd::checkZipArchive(bytes, entries).empty())
      return 1;
    for (const auto& [name, e] : entries)
      if (name.size() > 9 && name.substr(name.size() - 9) == "/data.pkl")
        put(out / "legacy_pickle" / "tiny-v1.pkl",
            std::string(bytes.begin() + e.offset, bytes.begin() + e.offset + e.size));
  }
  std::printf("seed corpora written to %s\n", out.c_str());
  return 0;
}
